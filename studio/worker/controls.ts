// The page's controls as edits of a scenario by its schema paths (regime.preset,
// payments[i].settlement, faults[i] chainHalt/depeg, markets.<pair>.spreadBps, rails.npcsFeeBps,
// chains.<name>.fee). Only a control whose value differs from what the scenario already says
// touches it, so an untouched page runs exactly the file, as `railpilot run` would.

import { chainFees, isExchange, isStablecoin, type Scenario } from './core.js';
import type { Controls } from './messages.js';

type Fault = NonNullable<Scenario['faults']>[number];
type PaymentItem = Scenario['payments'][number];

const HOUR_MS = 3_600_000;

/** `PT90M` -> 90; anything the control cannot show as minutes -> 60. */
function minutesOf(duration: string): number {
  const m = /^PT(?:(\d+)H)?(?:(\d+)M)?$/.exec(duration);
  return m && (m[1] || m[2]) ? Number(m[1] ?? 0) * 60 + Number(m[2] ?? 0) : 60;
}

const firstExchange = (s: Scenario) => Object.keys(s.markets).find(isExchange);
/** The coin a new depeg hits: the first one an exchange sells that has a peg to lose. */
const depeggable = (s: Scenario) => Object.keys(s.markets).filter(isExchange).map((k) => k.split('/')[0]!).find((code) => isStablecoin(s, code));
const firstChain = (s: Scenario) => Object.keys(s.chains)[0];

function feeOf(s: Scenario): { chain: string; coin: string; fee: string } | undefined {
  const chain = firstChain(s);
  if (chain === undefined) return undefined;
  const [coin, fee] = Object.entries(chainFees(s.chains[chain]!))[0] ?? [];
  return coin === undefined || fee === undefined ? undefined : { chain, coin, fee };
}

/** The coin the chain-fee control is in, and on which chain. */
export function chainFeeCoin(s: Scenario): string {
  const fee = feeOf(s);
  return fee ? `${fee.coin} on ${fee.chain}` : '';
}

/** The scenario's own values, as the controls show them before anyone touches one. */
export function controlsOf(s: Scenario): Controls {
  const faults = s.faults ?? [];
  const halt = faults.find((f) => f.kind === 'chainHalt');
  const depeg = faults.find((f) => f.kind === 'depeg');
  const exchange = firstExchange(s);
  const settlements = new Set(s.payments.map((p) => [('generate' in p ? p.generate.settlement : p.settlement) ?? 'sequential'].flat().join('+')));
  const [only] = settlements;
  return {
    regime: s.regime?.preset ?? 'as-reported-2024',
    settlement: settlements.size === 1 && (only === 'sequential' || only === 'pvp') ? only : '',
    halt: halt !== undefined,
    haltMinutes: halt ? minutesOf(halt.for) : 120,
    depegPercent: depeg ? Number(depeg.by) * 100 : 0,
    spreadBps: exchange ? Number(s.markets[exchange]!.spreadBps) : 0,
    npcsFeeBps: Number(s.rails?.npcsFeeBps ?? 0),
    chainFee: feeOf(s)?.fee ?? '0',
  };
}

/** Which controls can change this scenario: a spread needs an exchange, a halt a chain, and so on. */
export function applicable(s: Scenario): Record<keyof Controls, boolean> {
  const exchange = firstExchange(s) !== undefined;
  const chain = firstChain(s) !== undefined;
  return {
    regime: true,
    settlement: s.payments.some((p) => fromRussia(s, p)),
    halt: chain,
    haltMinutes: chain,
    depegPercent: depeggable(s) !== undefined || (s.faults ?? []).some((f) => f.kind === 'depeg'),
    spreadBps: exchange,
    npcsFeeBps: true,
    chainFee: feeOf(s) !== undefined,
  };
}

/** Payments sent from Russia: receipts from abroad settle sequentially whatever the control says. */
function fromRussia(s: Scenario, p: PaymentItem): boolean {
  const from = [('generate' in p ? p.generate.from : p.from)].flat()[0];
  return s.participants.find((q) => q.id === from)?.country === 'RU';
}

function withSettlement(p: PaymentItem, settlement: 'sequential' | 'pvp'): PaymentItem {
  return 'generate' in p ? { generate: { ...p.generate, settlement } } : { ...p, settlement };
}

const later = (instant: string, ms: number) => new Date(Date.parse(instant) + ms).toISOString();

/** The scenario with the controls that differ from its own values applied. */
export function applyControls(original: Scenario, c: Controls): Scenario {
  const own = controlsOf(original);
  const s = structuredClone(original);
  let faults: Fault[] = [...(s.faults ?? [])];
  if (c.regime !== own.regime) s.regime = { ...s.regime, preset: c.regime as NonNullable<Scenario['regime']>['preset'] };
  if (c.settlement !== '' && c.settlement !== own.settlement) {
    s.payments = s.payments.map((p) => (fromRussia(s, p) ? withSettlement(p, c.settlement as 'sequential' | 'pvp') : p));
  }
  if (c.halt !== own.halt || c.haltMinutes !== own.haltMinutes) {
    const length = `PT${Math.max(1, Math.round(c.haltMinutes))}M`;
    const chain = firstChain(s);
    if (!c.halt) faults = faults.filter((f) => f.kind !== 'chainHalt');
    else if (own.halt) faults = faults.map((f) => (f.kind === 'chainHalt' ? { ...f, for: length } : f));
    else if (chain !== undefined) faults.push({ kind: 'chainHalt', chain, at: later(s.start, HOUR_MS), for: length });
  }
  if (c.depegPercent !== own.depegPercent) {
    const by = (c.depegPercent / 100).toFixed(4);
    const coin = depeggable(s);
    if (c.depegPercent <= 0) faults = faults.filter((f) => f.kind !== 'depeg');
    else if (own.depegPercent > 0) faults = faults.map((f) => (f.kind === 'depeg' ? { ...f, by } : f));
    else if (coin !== undefined) faults.push({ kind: 'depeg', coin, by, at: later(s.start, HOUR_MS), for: 'PT1H' });
  }
  if (faults.length > 0 || s.faults) s.faults = faults;
  if (c.spreadBps !== own.spreadBps) {
    s.markets = Object.fromEntries(Object.entries(s.markets).map(([k, m]) => [k, isExchange(k) ? { ...m, spreadBps: c.spreadBps } : m]));
  }
  if (c.npcsFeeBps !== own.npcsFeeBps) s.rails = { ...s.rails, npcsFeeBps: c.npcsFeeBps };
  const fee = feeOf(s);
  if (fee && c.chainFee !== own.chainFee) {
    s.chains = { ...s.chains, [fee.chain]: { ...s.chains[fee.chain]!, fee: { ...chainFees(s.chains[fee.chain]!), [fee.coin]: c.chainFee } } };
  }
  return s;
}
