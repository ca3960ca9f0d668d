// The regime in force for a run: a preset with the scenario's overrides applied, answering
// "is this operation lawful at this moment, and if not, under which rule". Days are Moscow days,
// since the law counts them there.

import asReported2024 from './presets/as-reported-2024.json' with { type: 'json' };
import dfaLaw from './presets/dfa-law.json' with { type: 'json' };
import concept2025 from './presets/concept-2025.json' with { type: 'json' };
import { regimePresetSchema, type Caps, type Operation, type RegimePreset, type Rule } from './schema.js';

export const PRESETS: Readonly<Record<string, RegimePreset>> = Object.fromEntries(
  [asReported2024, dfaLaw, concept2025].map((p) => {
    const preset = regimePresetSchema.parse(p);
    return [preset.name, preset];
  }),
);

export const DEFAULT_PRESET = 'as-reported-2024';

/** Moscow has kept UTC+3 all year since 2014. */
const MSK_OFFSET_MS = 3 * 3_600_000;

/** The first instant of a Moscow day, ms since the epoch. */
export function moscowDayStart(day: string): number {
  return Date.parse(`${day}T00:00:00Z`) - MSK_OFFSET_MS;
}

/** The calendar year in Moscow at time `t`: caps count per such year. */
export function moscowYear(t: number): number {
  return new Date(t + MSK_OFFSET_MS).getUTCFullYear();
}

export type Verdict = { ok: true } | { ok: false; reason: string; rule: Rule };

export interface RegimeOverrides {
  readonly rules?: readonly Rule[];
  readonly caps?: Caps;
  readonly aml?: RegimePreset['aml'];
}

export class Regime {
  readonly rules: readonly Rule[];
  readonly caps: Caps;
  readonly aml: RegimePreset['aml'];
  /** Each operation's rules with the instant each becomes lawful, read once: checks run per payment. */
  private readonly byOperation = new Map<Operation, { rule: Rule; fromMs: number | undefined }[]>();

  constructor(readonly preset: RegimePreset, overrides: RegimeOverrides = {}) {
    const byId = new Map(preset.rules.map((r) => [r.id, r]));
    for (const r of overrides.rules ?? []) byId.set(r.id, r);
    this.rules = [...byId.values()];
    this.caps = overrides.caps ?? preset.caps;
    this.aml = overrides.aml ?? preset.aml;
    for (const rule of this.rules) {
      let list = this.byOperation.get(rule.operation);
      if (!list) this.byOperation.set(rule.operation, (list = []));
      list.push({ rule, fromMs: rule.lawfulFrom === undefined ? undefined : moscowDayStart(rule.lawfulFrom) });
    }
  }

  /** Is `operation` lawful at `at`? A registered-only rule also needs `registered`. */
  check(operation: Operation, at: number, registered = false): Verdict {
    const rules = this.byOperation.get(operation);
    if (rules === undefined) return { ok: true };
    for (const { rule, fromMs } of rules) {
      if (rule.lawful === false) return { ok: false, reason: `regime.notLawful:${rule.id}`, rule };
      if (fromMs !== undefined && at < fromMs) {
        return { ok: false, reason: `regime.notYetLawful:${rule.id}:${rule.lawfulFrom}`, rule };
      }
      if (rule.requiresRegistration && !registered) return { ok: false, reason: `regime.notRegistered:${rule.id}`, rule };
    }
    return { ok: true };
  }
}
