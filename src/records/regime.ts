// The law in force during a run as run.json records it (and report.json prints it): each rule with
// the date it makes an operation lawful from and its source, the investor caps, the AML threshold.
// The same shape as a regime preset's (rails/regime/schema.ts), read back without the rails.

import { z } from 'zod';
import { amountText } from './text.js';

export const regimeRecordSchema = z.object({
  preset: z.string(),
  rules: z.array(
    z.object({
      id: z.string(),
      operation: z.string(),
      lawfulFrom: z.string().optional(),
      lawful: z.boolean().optional(),
      requiresRegistration: z.boolean().optional(),
      source: z.string(),
    }),
  ),
  caps: z.object({ nonQualified: amountText.nullable(), qualified: amountText.nullable(), source: z.string() }),
  aml: z.object({ threshold: amountText, source: z.string() }),
});

export type RegimeRecord = z.infer<typeof regimeRecordSchema>;
export type InvestorCategory = 'qualified' | 'nonQualified';
