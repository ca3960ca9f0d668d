// Who pays and who is paid, and the ledger accounts that hold their money.

import { accountId, type AccountId } from '../../ledger/index.js';

declare const participantBrand: unique symbol;
export type ParticipantId = string & { readonly [participantBrand]: true };

export type ParticipantKind = 'company' | 'individual' | 'miner';

export interface InvestorProfile {
  readonly category: 'qualified' | 'nonQualified';
  /** Non-qualified investors must pass a knowledge test before buying. */
  readonly passedTest: boolean;
}

export interface Participant {
  readonly id: ParticipantId;
  readonly kind: ParticipantKind;
  /** ISO 3166 alpha-2 country code. */
  readonly country: string;
  /** The NPCS member bank holding the participant's RUB account, for Russian participants. */
  readonly bank?: string;
  /** False while the bank has not completed know-your-customer checks; complete when omitted. */
  readonly kyc?: boolean;
  /** For individuals who buy crypto. */
  readonly investor?: InvestorProfile;
  /** For miners: entered in the miners' registry. */
  readonly registered?: boolean;
}

/** The participant's RUB deposit at its bank. */
export function bankAccount(p: Participant): AccountId {
  if (!p.bank) throw new Error(`participant ${p.id} has no bank`);
  return accountId('banks', p.bank, p.id);
}

/** Crypto held for the participant by the custodian the NPCS gateway uses. */
export function custodyAccount(p: Participant): AccountId {
  return accountId('custody', p.id);
}

/** The foreign beneficiary's local-currency account, credited by an off-ramp. */
export function beneficiaryAccount(p: Participant): AccountId {
  return accountId('beneficiaries', p.id);
}
