// The law as data: the shipped presets parse and say what the issue says they say, and a regime
// answers "lawful now, and if not under which rule" on Moscow days, with a scenario's overrides.

import { describe, expect, it } from 'vitest';
import asReported2024 from '../../src/rails/regime/presets/as-reported-2024.json' with { type: 'json' };
import dfaLaw from '../../src/rails/regime/presets/dfa-law.json' with { type: 'json' };
import concept2025 from '../../src/rails/regime/presets/concept-2025.json' with { type: 'json' };
import { DEFAULT_PRESET, PRESETS, Regime, moscowDayStart, moscowYear, type Verdict } from '../../src/rails/regime/regime.js';
import { OPERATIONS, regimePresetSchema, ruleSchema, type RegimePreset, type Rule } from '../../src/rails/regime/schema.js';

const t = (iso: string) => Date.parse(iso);
const preset = (name: string): RegimePreset => PRESETS[name]!;
const reported = () => new Regime(preset('as-reported-2024'));

function reasonOf(v: Verdict): string | undefined {
  return v.ok ? undefined : v.reason;
}

const FILES = { 'as-reported-2024': asReported2024, 'dfa-law': dfaLaw, 'concept-2025': concept2025 } as const;

describe('presets', () => {
  it.each(Object.entries(FILES))('%s parses against the regime schema, under its own name', (name, json) => {
    const parsed = regimePresetSchema.safeParse(json);
    expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
    expect(parsed.data!.name).toBe(name);
    expect(PRESETS[name]).toEqual(parsed.data);
  });

  it('there are exactly the three presets the issue names, as-reported-2024 the default', () => {
    expect(Object.keys(PRESETS).sort()).toEqual(['as-reported-2024', 'concept-2025', 'dfa-law']);
    expect(DEFAULT_PRESET).toBe('as-reported-2024');
  });

  it('every rule, cap set and AML threshold carries a source; rule ids are unique in each preset', () => {
    for (const p of Object.values(PRESETS)) {
      for (const r of p.rules) expect(r.source.length, `${p.name} ${r.id}`).toBeGreaterThan(10);
      expect(p.caps.source.length).toBeGreaterThan(10);
      expect(p.aml.source.length).toBeGreaterThan(10);
      expect(new Set(p.rules.map((r) => r.id)).size).toBe(p.rules.length);
    }
  });

  it('every preset rules on every operation', () => {
    for (const p of Object.values(PRESETS)) expect(new Set(p.rules.map((r) => r.operation))).toEqual(new Set(OPERATIONS));
  });

  it.each([
    ['as-reported-2024', '600.00 USD', '7000.00 USD'],
    ['dfa-law', '600000.00 RUB', null],
    ['concept-2025', '300000.00 RUB', null],
  ])('%s caps: non-qualified %s, qualified %s; AML threshold 1,000,000 RUB', (name, nonQualified, qualified) => {
    const p = preset(name);
    expect(p.caps.nonQualified).toBe(nonQualified);
    expect(p.caps.qualified).toBe(qualified);
    expect(p.aml.threshold).toBe('1000000.00 RUB');
  });

  it.each(Object.keys(FILES))('%s: the law dates of the issue (cross-border and retail from 2024-09-01, domestic never, miners registered)', (name) => {
    const byId = new Map(preset(name).rules.map((r) => [r.id, r]));
    expect(byId.get('crossBorderPayments')).toMatchObject({ operation: 'crossBorderPayment', lawfulFrom: '2024-09-01' });
    expect(byId.get('crossBorderPayments')!.source).toMatch(/223-FZ/);
    expect(byId.get('domesticPayments')).toMatchObject({ operation: 'domesticPayment', lawful: false });
    expect(byId.get('retailPurchases')).toMatchObject({ operation: 'retailPurchase', lawfulFrom: '2024-09-01' });
    expect(byId.get('minerSales')).toMatchObject({ operation: 'minerSale', requiresRegistration: true });
    expect(byId.get('minerSales')!.source).toMatch(/221-FZ/);
  });

  it('the schema refuses a rule without a source, a bad date and an unknown operation', () => {
    const ok: Rule = { id: 'x', operation: 'retailSale', lawfulFrom: '2024-09-01', source: 'doc of 2024-01-01' };
    expect(ruleSchema.safeParse(ok).success).toBe(true);
    expect(ruleSchema.safeParse({ ...ok, source: '' }).success).toBe(false);
    const { source: _source, ...noSource } = ok;
    expect(ruleSchema.safeParse(noSource).success).toBe(false);
    expect(ruleSchema.safeParse({ ...ok, lawfulFrom: '1 Sept 2024' }).success).toBe(false);
    expect(ruleSchema.safeParse({ ...ok, operation: 'lending' }).success).toBe(false);
    expect(regimePresetSchema.safeParse({ ...asReported2024, caps: { ...asReported2024.caps, nonQualified: 600 } }).success).toBe(false);
  });
});

describe('Moscow days and years', () => {
  it('a Moscow day starts at 21:00 UTC the day before', () => {
    expect(moscowDayStart('2024-09-01')).toBe(t('2024-08-31T21:00:00Z'));
    expect(moscowDayStart('2025-01-01')).toBe(t('2024-12-31T21:00:00Z'));
  });

  it('moscowYear turns over at 21:00 UTC on 31 December', () => {
    expect(moscowYear(t('2024-12-31T20:59:59.999Z'))).toBe(2024);
    expect(moscowYear(t('2024-12-31T21:00:00Z'))).toBe(2025);
    expect(moscowYear(t('2025-01-01T00:00:00Z'))).toBe(2025);
    expect(moscowYear(t('2025-12-31T20:59:59Z'))).toBe(2025);
    expect(moscowYear(t('2025-12-31T21:00:00Z'))).toBe(2026);
  });
});

describe('Regime.check', () => {
  it('a retail purchase is not yet lawful until the Moscow day 2024-09-01 begins', () => {
    const r = reported();
    expect(reasonOf(r.check('retailPurchase', t('2024-08-15T12:00:00Z')))).toBe('regime.notYetLawful:retailPurchases:2024-09-01');
    expect(reasonOf(r.check('retailPurchase', t('2024-08-31T20:59:59Z')))).toBe('regime.notYetLawful:retailPurchases:2024-09-01');
    expect(reasonOf(r.check('retailPurchase', t('2024-08-31T20:59:59.999Z')))).toBe('regime.notYetLawful:retailPurchases:2024-09-01');
    expect(r.check('retailPurchase', t('2024-08-31T21:00:00Z'))).toEqual({ ok: true });
    expect(r.check('retailPurchase', t('2025-06-01T00:00:00Z'))).toEqual({ ok: true });
  });

  it('the verdict names the rule, with its source', () => {
    const v = reported().check('crossBorderPayment', t('2024-08-30T10:00:00Z'));
    expect(v.ok).toBe(false);
    if (v.ok) return;
    expect(v.reason).toBe('regime.notYetLawful:crossBorderPayments:2024-09-01');
    expect(v.rule.id).toBe('crossBorderPayments');
    expect(v.rule.source).toMatch(/223-FZ/);
  });

  it('cross-border payments and retail sales follow their own dates', () => {
    const r = reported();
    expect(reasonOf(r.check('crossBorderPayment', t('2024-08-31T20:59:59Z')))).toBe('regime.notYetLawful:crossBorderPayments:2024-09-01');
    expect(r.check('crossBorderPayment', t('2024-08-31T21:00:00Z')).ok).toBe(true);
    expect(reasonOf(r.check('retailSale', t('2024-08-31T20:59:59Z')))).toBe('regime.notYetLawful:retailSales:2024-09-01');
    expect(r.check('retailSale', t('2024-08-31T21:00:00Z')).ok).toBe(true);
  });

  it('a domestic crypto payment is never lawful, whatever the date', () => {
    const r = reported();
    for (const at of ['2024-01-01T00:00:00Z', '2024-09-02T10:00:00Z', '2030-01-01T00:00:00Z']) {
      expect(reasonOf(r.check('domesticPayment', t(at)))).toBe('regime.notLawful:domesticPayments');
    }
    // registration makes no difference to a ban
    expect(reasonOf(r.check('domesticPayment', t('2030-01-01T00:00:00Z'), true))).toBe('regime.notLawful:domesticPayments');
  });

  it('a miner sale needs the registry once lawful; before the date the date is the reason', () => {
    const r = reported();
    const after = t('2024-11-02T10:00:00Z');
    expect(reasonOf(r.check('minerSale', after))).toBe('regime.notRegistered:minerSales');
    expect(reasonOf(r.check('minerSale', after, false))).toBe('regime.notRegistered:minerSales');
    expect(r.check('minerSale', after, true)).toEqual({ ok: true });
    expect(reasonOf(r.check('minerSale', t('2024-10-31T20:59:59Z'), true))).toBe('regime.notYetLawful:minerSales:2024-11-01');
    expect(reasonOf(r.check('minerSale', t('2024-10-31T20:59:59Z'), false))).toBe('regime.notYetLawful:minerSales:2024-11-01');
    expect(r.check('minerSale', t('2024-10-31T21:00:00Z'), true).ok).toBe(true);
  });

  it('registration is not asked of operations whose rule does not require it', () => {
    expect(reported().check('retailSale', t('2024-09-02T10:00:00Z'), false)).toEqual({ ok: true });
  });
});

describe('overrides', () => {
  const SRC = 'scenario assumption of 2024-01-01';

  it('a rule with a preset rule id replaces it entirely, keeping the number of rules', () => {
    const base = preset('as-reported-2024');
    const r = new Regime(base, { rules: [{ id: 'retailPurchases', operation: 'retailPurchase', lawfulFrom: '2024-08-01', source: SRC }] });
    expect(r.rules).toHaveLength(base.rules.length);
    expect(r.check('retailPurchase', t('2024-08-15T12:00:00Z'))).toEqual({ ok: true });
    expect(reasonOf(r.check('retailPurchase', t('2024-07-31T20:59:59Z')))).toBe('regime.notYetLawful:retailPurchases:2024-08-01');
    expect(r.rules.find((x) => x.id === 'retailPurchases')!.source).toBe(SRC);
  });

  it('a replacement does not inherit fields of the rule it replaces (a ban lifted from a date)', () => {
    const r = new Regime(preset('as-reported-2024'), { rules: [{ id: 'domesticPayments', operation: 'domesticPayment', lawfulFrom: '2026-01-01', source: SRC }] });
    expect(reasonOf(r.check('domesticPayment', t('2025-06-01T00:00:00Z')))).toBe('regime.notYetLawful:domesticPayments:2026-01-01');
    expect(r.check('domesticPayment', t('2025-12-31T21:00:00Z'))).toEqual({ ok: true });
  });

  it('a rule with a new id is added, and binds beside the preset rule of the same operation', () => {
    const base = preset('as-reported-2024');
    const r = new Regime(base, { rules: [{ id: 'salesFreeze', operation: 'retailSale', lawfulFrom: '2025-01-01', source: SRC }] });
    expect(r.rules.map((x) => x.id)).toEqual([...base.rules.map((x) => x.id), 'salesFreeze']);
    // the preset's rule still speaks first, before its own date
    expect(reasonOf(r.check('retailSale', t('2024-08-15T00:00:00Z')))).toBe('regime.notYetLawful:retailSales:2024-09-01');
    expect(reasonOf(r.check('retailSale', t('2024-10-01T00:00:00Z')))).toBe('regime.notYetLawful:salesFreeze:2025-01-01');
    expect(r.check('retailSale', t('2024-12-31T21:00:00Z')).ok).toBe(true);
    // other operations are untouched
    expect(r.check('retailPurchase', t('2024-10-01T00:00:00Z')).ok).toBe(true);
  });

  it('an added never-lawful rule bans its operation', () => {
    const r = new Regime(preset('dfa-law'), { rules: [{ id: 'minersBanned', operation: 'minerSale', lawful: false, source: SRC }] });
    expect(reasonOf(r.check('minerSale', t('2025-01-01T00:00:00Z'), true))).toBe('regime.notLawful:minersBanned');
  });

  it('caps and the AML threshold can be overridden; the rules are then the preset\'s', () => {
    const base = preset('as-reported-2024');
    const caps = { nonQualified: '100000.00 RUB', qualified: null, source: SRC };
    const aml = { threshold: '600000.00 RUB', source: SRC };
    const r = new Regime(base, { caps, aml });
    expect(r.caps).toEqual(caps);
    expect(r.aml).toEqual(aml);
    expect(r.rules).toEqual(base.rules);
    expect(r.preset).toBe(base);
  });

  it('without overrides the preset\'s caps and AML apply; overriding caps leaves AML alone and vice versa', () => {
    const base = preset('concept-2025');
    expect(new Regime(base).caps).toEqual(base.caps);
    const onlyCaps = new Regime(base, { caps: { nonQualified: '1.00 RUB', qualified: '2.00 RUB', source: SRC } });
    expect(onlyCaps.aml).toEqual(base.aml);
    const onlyAml = new Regime(base, { aml: { threshold: '5.00 RUB', source: SRC } });
    expect(onlyAml.caps).toEqual(base.caps);
  });

  it('overrides do not change the shared preset', () => {
    const before = structuredClone(preset('as-reported-2024'));
    new Regime(preset('as-reported-2024'), {
      rules: [{ id: 'retailPurchases', operation: 'retailPurchase', lawfulFrom: '2020-01-01', source: SRC }],
      caps: { nonQualified: null, qualified: null, source: SRC },
    });
    expect(preset('as-reported-2024')).toEqual(before);
    expect(reasonOf(reported().check('retailPurchase', t('2024-08-15T00:00:00Z')))).toBe('regime.notYetLawful:retailPurchases:2024-09-01');
  });
});
