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
  name: id.meta({ description: "The scenario's id: names its run and its report.", examples: ['pilot-vs-correspondent'] }),
  description: z.string().min(1).meta({ description: 'What the scenario shows, in one sentence.' }),
  seed: z.number().int().min(0).max(2 ** 32 - 1).meta({ description: 'Seed of every random draw: the same seed gives byte-identical outputs.', examples: [21] }),
  start: instant.meta({ description: 'Simulated time the run starts at.', examples: ['2024-09-09T09:00:00Z'] }),
  assets: z.record(assetCode, assetSchema).optional().meta({ description: 'Assets beyond the built-in ones, by code: their scale, and a peg or a basket.' }),
  markets: z
    .record(z.string().regex(MARKET_KEY, { error: 'expected a market like "USDT/CNY", "USDT/RUB" or "USDT/RUB@moscow" (only a market against RUB has a venue)' }), marketSchema)
    .meta({ description: 'Exchanges (against RUB) and off-ramps (against a foreign currency), by market.', examples: [{ 'USDT/RUB': { mid: '92.50', spreadBps: 50 }, 'USDT/CNY': { mid: '7.10', spreadBps: 30, delay: 'PT10M' } }] }),
  chains: z.record(id, chainSchema).default({}).meta({ description: 'Chains by id.', examples: [{ tron: { preset: 'tron' } }] }),
  participants: z.array(participantSchema).min(1).meta({ description: 'Named payers, payees, individuals and miners.' }),
  populations: z.array(populationSchema).optional().meta({ description: 'Many individuals at once, for retail activity at volume.' }),
  regime: regimeChoiceSchema.optional().meta({ description: 'The legal regime in force: a preset, with rules, caps and the AML threshold overridden.' }),
  fx: z
    .record(z.string().regex(/^[A-Z][A-Z0-9]{1,9}\/RUB$/, { error: 'expected an fx pair against RUB, like "USD/RUB"' }), fxSchema)
    .optional()
    .meta({ description: 'Fiat rates against RUB, for basket coins and the correspondent channel.', examples: [{ 'CNY/RUB': { mid: '13.03' } }] }),
  sanctions: z.array(sanctionSchema).optional().meta({ description: 'Parties on the sanctions list.' }),
  faults: z.array(faultSchema).optional().meta({ description: 'Faults injected at given times.' }),
  rails: railsSchema.optional().meta({ description: 'Latencies, time-outs and charges of the rails.' }),
  correspondent: correspondentSchema.optional().meta({ description: 'The correspondent-banking channel, the baseline `rail: correspondent` payments take.' }),
  clearing: clearingSchema.optional().meta({ description: 'NPCS clearing: obligations between member banks netted over each cycle, nets settled at its end.' }),
  invariants: z
    .array(
      z.string().superRefine((text, ctx) => {
        const r = parseDeclared(text);
        if (typeof r === 'string') ctx.addIssue({ code: 'custom', message: r });
      }),
    )
    .optional()
    .meta({ description: 'Invariants this scenario promises, checked by run and verify.', examples: [['share settled within PT1H >= 0.75']] }),
  payments: z.array(z.union([singlePaymentSchema, generatedPaymentsSchema])).default([]).meta({ description: 'Payments abroad: single ones, or generated batches.' }),
  orders: z.array(z.union([singleOrderSchema, generatedOrdersSchema])).default([]).meta({ description: 'Retail and miner orders: purchases (buy, spend) and sales (sell).' }),
}).meta({
  title: 'railpilot scenario',
  description: 'A railpilot scenario: who pays whom, through which rails, under which conditions.',
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

/**
 * The scenario format as JSON Schema (draft-07), for editors and validators, with the zod
 * schema's descriptions, defaults and examples. Shipped as schema/scenario.schema.json. Draft-07
 * because that is what editors validate with: the YAML language server (VS Code's YAML extension)
 * supports draft-07 fully and later drafts not yet (redhat-developer/yaml-language-server#856).
 */
export function scenarioJsonSchema(): unknown {
  return z.toJSONSchema(scenarioShape, { target: 'draft-07', io: 'input' });
}

/** The shipped file's exact text: what `railpilot schema` prints (tests/scenario/jsonSchema.test.ts keeps the file in sync). */
export function scenarioJsonSchemaText(): string {
  return JSON.stringify(scenarioJsonSchema(), null, 2) + '\n';
}
