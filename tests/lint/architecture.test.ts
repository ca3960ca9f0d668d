// The architecture's lint rules fail on a breach: only src/cli touches the platform (Node's
// modules, `process`), and each layer imports only the layers below it. Linted here are small
// probe files under the paths where they would live, with the very rules of eslint.config.js.

import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ESLint, type Linter } from 'eslint';
import tseslint from 'typescript-eslint';
import { beforeAll, describe, expect, it } from 'vitest';

let eslint: ESLint;

beforeAll(async () => {
  const config = (await import(pathToFileURL(resolve('eslint.config.js')).href)) as { layerBlocks: Linter.Config[] };
  eslint = new ESLint({
    overrideConfigFile: true,
    overrideConfig: [{ files: ['**/*.ts'], languageOptions: { parser: tseslint.parser } }, ...config.layerBlocks],
  });
});

/** The messages of the rules that fire on `code` as if it were the file `path`. */
async function breaches(path: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: resolve(path) });
  return result!.messages.map((m) => `${m.ruleId}: ${m.message}`);
}

describe('a platform-free core', () => {
  it('refuses a Node module outside src/cli, with or without the node: prefix', async () => {
    expect(await breaches('src/report/probe.ts', "import { readFileSync } from 'node:fs';\nexport const f = readFileSync;\n")).toEqual([expect.stringMatching(/^no-restricted-imports: .*Only src\/cli touches the platform/)]);
    expect(await breaches('src/flows/probe.ts', "import { join } from 'path';\nexport const j = join;\n")).toEqual([expect.stringMatching(/^no-restricted-imports: /)]);
    expect(await breaches('src/money/probe.ts', "export const p = () => import('node:worker_threads');\n")).toEqual([expect.stringMatching(/^no-restricted-syntax: /)]);
  });

  it('refuses process outside src/cli', async () => {
    expect(await breaches('src/records/probe.ts', 'export const debug = process.env.DEBUG;\n')).toEqual([expect.stringMatching(/^no-restricted-globals: /)]);
    expect(await breaches('src/sim/probe.ts', 'export const p = globalThis.process;\n')).toEqual([expect.stringMatching(/^no-restricted-properties: /)]);
  });

  it('lets src/cli use the platform', async () => {
    expect(await breaches('src/cli/probe.ts', "import { readFileSync } from 'node:fs';\nexport const f = [readFileSync, process.argv];\n")).toEqual([]);
  });
});

describe('layers import only downwards', () => {
  it('lets the report import records, money and its own files only', async () => {
    expect(await breaches('src/report/probe.ts', "import type { RunRecord } from '../records/index.js';\nimport { Dec } from '../money/index.js';\nimport { G20 } from './yardsticks.js';\nexport type T = [RunRecord, typeof Dec, typeof G20];\n")).toEqual([]);
    for (const below of ['flows', 'scenario', 'rails', 'sim', 'invariants', 'ledger', 'app', 'cli']) {
      expect(await breaches('src/report/probe.ts', `import type { X } from '../${below}/index.js';\nexport type T = X;\n`), below).toEqual([expect.stringMatching(/^no-restricted-imports: .*src\/report may not import/)]);
    }
  });

  it('refuses an upward import in the lower layers', async () => {
    expect(await breaches('src/records/probe.ts', "import type { X } from '../flows/index.js';\nexport type T = X;\n")).toHaveLength(1);
    expect(await breaches('src/rails/npcs/probe.ts', "import type { X } from '../../scenario/runner.js';\nexport type T = X;\n")).toHaveLength(1);
    expect(await breaches('src/money/probe.ts', "import type { X } from '../ledger/index.js';\nexport type T = X;\n")).toHaveLength(1);
  });
});
