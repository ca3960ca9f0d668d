// What the page and the worker say to each other: plain data only (structured clone drops class
// prototypes, so amounts travel as decimal strings, never as Amount or Decimal objects).

import type { Report } from '../../src/report/report.js';

/** The assumptions the page's controls set; `null` leaves the scenario's own value alone. */
export interface Controls {
  /** `regime.preset`. */
  readonly regime: string;
  /** `settlement` of every payment sent from Russia; '' keeps each payment's own. */
  readonly settlement: '' | 'sequential' | 'pvp';
  /** A `chainHalt` fault on the first chain, and its length in minutes. */
  readonly halt: boolean;
  readonly haltMinutes: number;
  /** A `depeg` fault's size (`by`) in percent; 0 is none. */
  readonly depegPercent: number;
  /** `spreadBps` of every exchange market (against RUB). */
  readonly spreadBps: number;
  /** `rails.npcsFeeBps`. */
  readonly npcsFeeBps: number;
  /** The first chain's fee in its first coin, as decimal text. */
  readonly chainFee: string;
}

export interface FlowRow {
  readonly id: string;
  readonly flow: string;
  readonly status: string;
  readonly reason: string | null;
  readonly steps: number;
}

export interface Posting {
  readonly account: string;
  readonly amount: string;
  readonly asset: string;
}

export interface StepView {
  readonly time: string;
  readonly ms: number;
  readonly from: string | null;
  readonly to: string;
  readonly event: string;
  readonly meaning: string;
  readonly now: string;
  readonly entries: readonly { id: string; kind: string; memo: string; postings: readonly Posting[] }[];
  readonly balances: readonly { account: string; asset: string; balance: string }[];
}

export interface StoryView {
  readonly id: string;
  readonly flow: string;
  readonly machine: string;
  readonly headline: readonly string[];
  readonly status: string;
  readonly reason: string | null;
  readonly steps: readonly StepView[];
}

export interface ProblemView {
  readonly path: string;
  readonly message: string;
  readonly line?: number;
  readonly column?: number;
}

/** The scenario as the page shows it: its file name and text, and the controls applied on top. */
export interface Setting {
  readonly file: string;
  readonly text: string;
  readonly controls: Controls | null;
}

export type Request =
  | { readonly id: number; readonly kind: 'check'; readonly file: string; readonly text: string }
  | { readonly id: number; readonly kind: 'run'; readonly setting: Setting }
  | { readonly id: number; readonly kind: 'story'; readonly setting: Setting; readonly flow: string };

export type Reply =
  /** `fromControls`: the file is valid, the assumptions set on top of it made it invalid. */
  | { readonly id: number; readonly kind: 'problems'; readonly problems: readonly ProblemView[]; readonly fromControls: boolean }
  | { readonly id: number; readonly kind: 'checked'; readonly controls: Controls; readonly applicable: Record<keyof Controls, boolean>; readonly chainFeeCoin: string; readonly seed: number }
  | { readonly id: number; readonly kind: 'ran'; readonly report: Report; readonly json: string; readonly flows: readonly FlowRow[]; readonly instructive: string | null; readonly broken: string | null; readonly seconds: number }
  | { readonly id: number; readonly kind: 'story'; readonly story: StoryView | null }
  | { readonly id: number; readonly kind: 'error'; readonly message: string };
