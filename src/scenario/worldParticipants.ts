// The world's participants: the named ones, and each population expanded into its individuals
// (drawn from the seeded streams), with their accounts opened and their opening balances funded.

import type { Ledger } from '../ledger/index.js';
import type { Amount } from '../money/index.js';
import type { RandomStreams } from '../sim/index.js';
import { bankAccount, beneficiaryAccount, custodyAccount, type Participant, type ParticipantId } from '../rails/participants/participant.js';
import type { Model } from './model.js';
import { amountSampler } from './workload.js';
import type { Fund } from './world.js';

export function buildParticipants(m: Model, streams: RandomStreams, ledger: Ledger, fund: Fund) {
  const participants = new Map<string, Participant>();
  const balances = new Map<string, readonly Amount[]>();
  const populations = new Map<string, Participant[]>();
  for (const p of m.participants) {
    participants.set(p.participant.id, p.participant);
    balances.set(p.participant.id, p.balances);
  }
  for (const pop of m.populations) {
    const draw = streams.stream(`populations/${pop.prefix}`);
    const balance = amountSampler(pop.balance, streams.stream(`populations/${pop.prefix}/balances`));
    const width = String(pop.count).length;
    const individuals: Participant[] = [];
    for (let i = 1; i <= pop.count; i++) {
      const id = `${pop.prefix}-${String(i).padStart(width, '0')}`;
      const qualified = draw.float() < pop.qualifiedShare;
      const passedTest = draw.float() < pop.passedTestShare;
      const individual: Participant = {
        id: id as ParticipantId,
        kind: 'individual',
        country: pop.country,
        bank: pop.banks[draw.int(0, pop.banks.length - 1)]!,
        investor: { category: qualified ? 'qualified' : 'nonQualified', passedTest },
      };
      participants.set(id, individual);
      balances.set(id, [balance()]);
      individuals.push(individual);
    }
    populations.set(pop.prefix, individuals);
  }
  for (const [id, participant] of participants) {
    if (participant.bank) ledger.open(bankAccount(participant), 'nonNegative');
    ledger.open(custodyAccount(participant), 'nonNegative');
    ledger.open(beneficiaryAccount(participant), 'nonNegative');
    for (const amount of balances.get(id) ?? []) {
      fund(amount.asset.code === 'RUB' ? bankAccount(participant) : custodyAccount(participant), amount, `opening balance of ${id}`);
    }
  }
  return { participants, populations };
}
