// The JSON Schema editors read: generated from the zod schema, shipped as
// schema/scenario.schema.json, and named on the first line of every shipped scenario. When the
// zod schema changes, rewrite the file with `npm run schema` (or RAILPILOT_WRITE_SCHEMA=1 here).

import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { scenarioJsonSchema, scenarioJsonSchemaText } from '../../src/scenario/schema.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SHIPPED = `${ROOT}schema/scenario.schema.json`;
const HEADER = '# yaml-language-server: $schema=../schema/scenario.schema.json';

type Node = { description?: string; default?: unknown; examples?: unknown[]; properties?: Record<string, Node>; additionalProperties?: Node | boolean };

describe('the shipped JSON Schema', () => {
  it('is the one the zod schema generates, byte for byte', () => {
    const text = scenarioJsonSchemaText();
    if (process.env.RAILPILOT_WRITE_SCHEMA === '1') writeFileSync(SHIPPED, text);
    expect(readFileSync(SHIPPED, 'utf8') === text, 'schema/scenario.schema.json is stale: run `npm run schema`').toBe(true);
  });

  it('is shipped with the package', () => {
    const pkg = JSON.parse(readFileSync(`${ROOT}package.json`, 'utf8')) as { files: string[]; scripts: Record<string, string> };
    expect(pkg.files).toContain('schema');
    expect(pkg.scripts.schema).toMatch(/schema > schema\/scenario\.schema\.json/);
  });

  it('carries descriptions, defaults and examples an editor shows', () => {
    const s = scenarioJsonSchema() as Node;
    const market = (s.properties!.markets!.additionalProperties as Node).properties!;
    expect(market.spreadBps!.description).toMatch(/spread/);
    expect(market.quoteTtl!.default).toBe('PT30S');
    expect(s.properties!.start!.examples).toEqual(['2024-09-09T09:00:00Z']);
    expect(s.properties!.rails!.properties!.holdTimeout!.default).toBe('PT15M');
    // Every top-level field says what it is for.
    for (const [key, field] of Object.entries(s.properties!)) expect(field.description, key).toBeTruthy();
  });
});

describe('shipped scenarios', () => {
  const files = readdirSync(`${ROOT}scenarios`).filter((f) => /\.ya?ml$/.test(f));
  it('are there', () => expect(files.length).toBeGreaterThan(0));
  for (const f of files) {
    it(`${f} names the schema on its first line`, () => {
      expect(readFileSync(`${ROOT}scenarios/${f}`, 'utf8').split('\n')[0]).toBe(HEADER);
    });
  }
});
