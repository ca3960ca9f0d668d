// The shape of the law as data: rules that make an operation lawful from a date (or not at all),
// investor caps per category, and the AML reporting threshold, each carrying its source. Presets
// are JSON files of this shape; a scenario may override any rule or add its own.

import { z } from 'zod';

export const OPERATIONS = ['crossBorderPayment', 'domesticPayment', 'retailPurchase', 'retailSale', 'minerSale'] as const;
export type Operation = (typeof OPERATIONS)[number];

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'expected a date like "2024-09-01"' });
const amount = z.string().regex(/^\d+(\.\d+)? [A-Z][A-Z0-9]{1,9}$/, { error: 'expected an amount as a string, like "600.00 USD"' });
const source = z.string().min(1, { error: 'every rule carries its source: a document and its date' });

export const ruleSchema = z.strictObject({
  id: z.string().regex(/^[a-zA-Z][a-zA-Z0-9-]*$/, { error: 'expected a rule id like "crossBorderPayments"' }),
  operation: z.enum(OPERATIONS),
  /** Lawful from this day (Moscow time) on; omit with `lawful: false` for an operation never lawful. */
  lawfulFrom: day.optional(),
  lawful: z.boolean().optional(),
  /** For miner sales: the seller must be in the miners' registry. */
  requiresRegistration: z.boolean().optional(),
  source,
});

export const capsSchema = z.strictObject({
  /** Per calendar year (Moscow time), in the cap's currency; null: no cap. */
  nonQualified: amount.nullable(),
  qualified: amount.nullable(),
  source,
});

export const amlSchema = z.strictObject({
  /** Operations at or above it are flagged for mandatory control (reported, not blocked). */
  threshold: amount,
  source,
});

export const regimePresetSchema = z.strictObject({
  name: z.string(),
  description: z.string(),
  rules: z.array(ruleSchema).min(1),
  caps: capsSchema,
  aml: amlSchema,
});

export type Rule = z.infer<typeof ruleSchema>;
export type Caps = z.infer<typeof capsSchema>;
export type RegimePreset = z.infer<typeof regimePresetSchema>;
