// The scenario file's shape: the single source of truth for what users write. The TypeScript
// types are inferred from it, and it is exported as JSON Schema for editors and other tools.
// The parts live in src/scenario/schema/: field types, venues (assets, markets, chains), parties,
// workload, conditions (regime, faults, rails, correspondent, clearing) and the cross-field checks.

import { z } from 'zod';
import { KNOWN_ASSETS } from '../money/index.js';
import { parseDeclared } from '../invariants/expressions.js';
import { MARKET_KEY } from './markets.js';
import { checkBuiltInFigures, checkZeroPrices } from './figures.js';
import { assetCode, id, instant } from './schema/fields.js';
import { CHAIN_PRESETS, assetSchema, chainSchema, fxSchema, marketSchema } from './schema/venues.js';
import { participantSchema, populationSchema, sanctionSchema } from './schema/parties.js';
import { generatedOrdersSchema, generatedPaymentsSchema, singleOrderSchema, singlePaymentSchema } from './schema/workload.js';
import { clearingSchema, correspondentSchema, faultSchema, railsSchema, regimeChoiceSchema } from './schema/conditions.js';
import { crossCheck } from './schema/crossCheck.js';

export * from './schema/fields.js';
export * from './schema/venues.js';
export * from './schema/parties.js';
export * from './schema/workload.js';
export * from './schema/conditions.js';

export const scenarioShape = z.strictObject({
  name: id,
  description: z.string().min(1),
  seed: z.number().int().min(0).max(2 ** 32 - 1),
  start: instant,
  assets: z.record(assetCode, assetSchema).optional(),
  markets: z.record(z.string().regex(MARKET_KEY, { error: 'expected a market like "USDT/CNY", "USDT/RUB" or "USDT/RUB@moscow" (only a market against RUB has a venue)' }), marketSchema),
  chains: z.record(id, chainSchema).default({}),
  participants: z.array(participantSchema).min(1),
  populations: z.array(populationSchema).optional(),
  regime: regimeChoiceSchema.optional(),
  fx: z.record(z.string().regex(/^[A-Z][A-Z0-9]{1,9}\/RUB$/, { error: 'expected an fx pair against RUB, like "USD/RUB"' }), fxSchema).optional(),
  sanctions: z.array(sanctionSchema).optional(),
  faults: z.array(faultSchema).optional(),
  rails: railsSchema.optional(),
  correspondent: correspondentSchema.optional(),
  clearing: clearingSchema.optional(),
  /** Invariants this scenario promises, checked by run and verify: "share settled within PT1H >= 0.75". */
  invariants: z
    .array(
      z.string().superRefine((text, ctx) => {
        const r = parseDeclared(text);
        if (typeof r === 'string') ctx.addIssue({ code: 'custom', message: r });
      }),
    )
    .optional(),
  payments: z.array(z.union([singlePaymentSchema, generatedPaymentsSchema])).default([]),
  orders: z.array(z.union([singleOrderSchema, generatedOrdersSchema])).default([]),
});

export type ScenarioInput = z.input<typeof scenarioShape>;
export type Scenario = z.output<typeof scenarioShape>;

export const scenarioSchema = scenarioShape.superRefine((s, ctx) => {
  crossCheck(s, ctx);
  // Declared scales against the simulator's own figures, and prices that leave nothing to trade.
  const issue = (path: (string | number)[], message: string) => ctx.addIssue({ code: 'custom', path, message });
  const scales = new Map<string, number>(KNOWN_ASSETS.map((a) => [a.code, a.scale]));
  for (const [code, a] of Object.entries(s.assets ?? {})) scales.set(code, a.scale);
  checkBuiltInFigures(s, scales, (preset) => ({ ...CHAIN_PRESETS[preset as keyof typeof CHAIN_PRESETS].fee }), issue);
  checkZeroPrices(s, scales, issue);
});

/** The scenario format as JSON Schema (draft 2020-12), for editors and validators. */
export function scenarioJsonSchema(): unknown {
  return z.toJSONSchema(scenarioShape, { target: 'draft-2020-12', io: 'input' });
}
