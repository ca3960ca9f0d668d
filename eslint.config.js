// Lint rules that protect results and the architecture: no floating promises, no hidden
// randomness or wall-clock reads outside src/cli, no `any` without a stated reason; only src/cli
// touches the platform (Node's modules, `process`); each layer imports only the layers below it
// (docs/architecture.md). A broken rule fails `npm run lint`, and with it the build.
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import comments from '@eslint-community/eslint-plugin-eslint-comments/configs';

const WALL_CLOCK = 'Simulated time only; the wall clock is for src/cli.';
const PLATFORM = 'Only src/cli touches the platform (files, processes, the environment): take what you need as an argument (docs/architecture.md).';

/**
 * TEMPORARY, to be deleted by the merge of this round: files outside src/cli that still touch the
 * platform, each being moved to src/cli by the helper who owns it. Nothing may be added here.
 */
const PLATFORM_EXCEPTIONS = [];

/** Node's built-in modules, bare and with the `node:` prefix. */
const NODE_MODULES = [...new Set(builtinModules.filter((m) => !m.startsWith('_')).flatMap((m) => (m.startsWith('node:') ? [m] : [m, `node:${m}`])))];

/** Each layer of src/ and the layers it must not import (it may import the others, and itself). */
const LAYERS = {
  app: ['cli'],
  report: ['cli', 'app', 'scenario', 'flows', 'rails', 'sim', 'invariants', 'ledger'],
  scenario: ['cli', 'app', 'report'],
  flows: ['cli', 'app', 'report', 'scenario', 'invariants'],
  invariants: ['cli', 'app', 'report', 'scenario', 'flows', 'rails', 'sim'],
  records: ['cli', 'app', 'report', 'scenario', 'flows', 'rails', 'sim', 'invariants'],
  rails: ['cli', 'app', 'report', 'scenario', 'flows', 'invariants', 'records'],
  sim: ['cli', 'app', 'report', 'scenario', 'flows', 'rails', 'invariants', 'records', 'ledger'],
  ledger: ['cli', 'app', 'report', 'scenario', 'flows', 'rails', 'sim', 'invariants', 'records'],
  money: ['cli', 'app', 'report', 'scenario', 'flows', 'rails', 'sim', 'invariants', 'records', 'ledger'],
};

/**
 * The rules every file of src/ outside src/cli obeys: determinism, no platform, and its layer's
 * imports. They are built per layer because a rule set again in a later block replaces, not
 * extends, the earlier setting for the same files.
 */
function coreRules(layer, platform) {
  const above = LAYERS[layer] ?? [];
  return {
    'no-restricted-properties': [
      'error',
      { object: 'Math', property: 'random', message: 'Use the seeded streams of src/sim/random.ts.' },
      { object: 'Date', property: 'now', message: WALL_CLOCK },
      { object: 'performance', property: 'now', message: WALL_CLOCK },
      ...(platform ? [{ object: 'globalThis', property: 'process', message: PLATFORM }] : []),
    ],
    'no-restricted-syntax': [
      'error',
      { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'new Date() reads the wall clock; pass simulated time instead.' },
      ...(platform ? [{ selector: "ImportExpression[source.value=/^node:/]", message: PLATFORM }] : []),
    ],
    ...(platform ? { 'no-restricted-globals': ['error', { name: 'process', message: PLATFORM }] } : {}),
    'no-restricted-imports': [
      'error',
      {
        paths: platform ? NODE_MODULES.map((name) => ({ name, message: PLATFORM })) : [],
        patterns: above.length === 0 ? [] : [{ group: above.map((l) => `**/${l}/**`), message: `src/${layer} may not import ${above.join(', ')}: layers import only downwards (docs/architecture.md).` }],
      },
    ],
  };
}

/** Exported so a test can show each rule fails on a breach (tests/lint/architecture.test.ts). */
export const layerBlocks = [...Object.keys(LAYERS), 'index-and-root'].flatMap((layer) => {
  const files = layer === 'index-and-root' ? ['src/*.ts'] : [`src/${layer}/**/*.ts`];
  const exceptions = PLATFORM_EXCEPTIONS.filter((f) => layer !== 'index-and-root' && f.startsWith(`src/${layer}/`));
  return [
    { files, ignores: exceptions, rules: coreRules(layer, true) },
    ...(exceptions.length > 0 ? [{ files: exceptions, rules: coreRules(layer, false) }] : []),
  ];
});

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'out/', 'coverage/', 'reports/', '.stryker-tmp/', 'site/'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  comments.recommended,
  {
    languageOptions: {
      parserOptions: { projectService: { allowDefaultProject: ['eslint.config.js', 'stryker.config.mjs'] }, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@eslint-community/eslint-comments/require-description': ['error', { ignore: [] }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  ...layerBlocks,
  { files: ['eslint.config.js', 'stryker.config.mjs'], ...tseslint.configs.disableTypeChecked },
);
