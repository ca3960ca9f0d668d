// Scenario scripts in TypeScript: a module whose default export is `defineScenario({...})` is a
// scenario like a YAML file, typed from the same zod schema and validated the same way, so a
// user can compute a trade book in code instead of listing it.

import { extname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { scenarioSchema, type ScenarioInput } from './schema.js';
import { compileScenario } from './compile.js';
import { loadScenario, problemsFromZod, type LoadResult } from './load.js';

/** Types a scenario written in code; validation happens when it is loaded. */
export function defineScenario(input: ScenarioInput): ScenarioInput {
  return input;
}

export const MODULE_EXTENSIONS = new Set(['.ts', '.mts', '.js', '.mjs']);

/** A scenario from a YAML or JSON file, or from a script module's default export. */
export async function loadScenarioFile(file: string): Promise<LoadResult> {
  if (!MODULE_EXTENSIONS.has(extname(file).toLowerCase())) return loadScenario(file);
  let exported: unknown;
  try {
    const url = pathToFileURL(resolve(file)).href;
    // TypeScript goes through tsx, which compiles it on the fly; plain modules load as they are.
    const mod = (extname(file).toLowerCase().endsWith('ts') ? await import('tsx/esm/api').then(({ tsImport }) => tsImport(url, import.meta.url)) : await import(url)) as {
      default?: unknown;
    };
    exported = mod.default;
    // Outside an ES-module package tsx compiles to CommonJS, which wraps the exports once more.
    if (exported && typeof exported === 'object' && '__esModule' in exported) exported = (exported as { default?: unknown }).default;
  } catch (e) {
    return { ok: false, file, problems: [{ path: '', message: `cannot load the script: ${(e as Error).message.split('\n')[0]}` }] };
  }
  if (exported === undefined) return { ok: false, file, problems: [{ path: '', message: 'expected a default export: export default defineScenario({...})' }] };
  const parsed = scenarioSchema.safeParse(exported);
  if (!parsed.success) return { ok: false, file, problems: problemsFromZod(parsed.error, exported) };
  return { ok: true, scenario: compileScenario(parsed.data) };
}
