// `npm run studio`: builds the studio, a static site in site/ that runs the simulator's core in
// the browser. A page opened from file:// in Chromium has origin null: module scripts, fetch()
// and `new Worker('w.js')` fail there, while classic scripts and a worker started from a blob:
// URL work. So the core is bundled as one classic (IIFE) script carried as text inside the
// page's own classic script, which starts it as a blob: worker; the shipped scenarios are
// inlined, and the state diagrams are laid out here by Graphviz, so the page ships SVG and not
// the layout engine. No source maps; the build fails if site/ reaches 2 MB.

import { build, type Plugin } from 'esbuild';
import { mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { instance } from '@viz-js/viz';
import { FLOWS } from '../src/flows/index.js';
import { stateDiagramDot, inlineSvg } from '../src/report/diagram.js';
import { graphOf } from '../src/flows/diagram.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SITE = join(ROOT, 'site');
const PAGE = join(ROOT, 'studio', 'page');
export const SIZE_LIMIT = 2 * 1024 * 1024;

/**
 * The core is platform-free (only src/cli touches Node, a lint rule keeps it so): a Node module
 * reached from the worker's bundle is a mistake, and the build says which, instead of shipping it.
 */
const noPlatform: Plugin = {
  name: 'no-platform',
  setup(b) {
    b.onResolve({ filter: /^node:/ }, (args) => ({ errors: [{ text: `${args.path}, imported by ${args.importer}: the core must not touch the platform` }] }));
  },
};

/** One classic script, minified, without source maps, and the source files it holds. */
async function bundle(entry: string, plugins: Plugin[]): Promise<{ code: string; inputs: string[] }> {
  const out = await build({ entryPoints: [entry], bundle: true, format: 'iife', platform: 'browser', target: 'es2022', minify: true, sourcemap: false, write: false, metafile: true, legalComments: 'none', plugins, logLevel: 'silent' });
  return { code: out.outputFiles[0]!.text, inputs: Object.keys(out.metafile.inputs) };
}

/** Every shipped scenario's text by file name, as the page offers them. */
function shippedScenarios(): Record<string, string> {
  const dir = join(ROOT, 'scenarios');
  return Object.fromEntries(readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort().map((f) => [f, readFileSync(join(dir, f), 'utf8')]));
}

/** Each flow's machine laid out top to bottom as inline SVG, the way report.html draws it. */
async function diagrams(): Promise<Record<string, string>> {
  const viz = await instance();
  const out: Record<string, string> = {};
  for (const [name, info] of Object.entries(FLOWS)) {
    out[name] = inlineSvg(viz.renderString(stateDiagramDot(graphOf(info.machine)), { format: 'svg' }), name);
  }
  return out;
}

/** The page's data, built here, reached by the page as the module `studio:assets`. */
function assetsPlugin(assets: object): Plugin {
  return {
    name: 'studio-assets',
    setup(b) {
      b.onResolve({ filter: /^studio:assets$/ }, () => ({ path: 'assets', namespace: 'studio-assets' }));
      b.onLoad({ filter: /.*/, namespace: 'studio-assets' }, () => ({ contents: `export default ${JSON.stringify(assets)};`, loader: 'js' }));
    },
  };
}

function folderSize(dir: string): number {
  return readdirSync(dir).reduce((n, f) => n + statSync(join(dir, f)).size, 0);
}

export interface Built {
  readonly bytes: number;
  readonly files: string[];
  /** Source files in the page's own script and in the worker's: the core belongs in the worker only. */
  readonly pageInputs: string[];
  readonly workerInputs: string[];
  readonly workerBytes: number;
}

export async function buildStudio(): Promise<Built> {
  const worker = await bundle(join(ROOT, 'studio', 'worker', 'worker.ts'), [noPlatform]);
  const assets = { scenarios: shippedScenarios(), diagrams: await diagrams(), worker: worker.code, defaultScenario: 'importer-pays-china-usdt.yaml' };
  const page = await bundle(join(PAGE, 'main.ts'), [assetsPlugin(assets)]);
  const html = readFileSync(join(PAGE, 'index.html'), 'utf8').replace('/* STYLE */', () => readFileSync(join(PAGE, 'style.css'), 'utf8'));
  rmSync(SITE, { recursive: true, force: true });
  mkdirSync(SITE, { recursive: true });
  writeFileSync(join(SITE, 'index.html'), html);
  writeFileSync(join(SITE, 'studio.js'), page.code);
  const bytes = folderSize(SITE);
  if (bytes >= SIZE_LIMIT) throw new Error(`site/ is ${bytes} bytes, over the 2 MB limit`);
  return { bytes, files: readdirSync(SITE), pageInputs: page.inputs, workerInputs: worker.inputs, workerBytes: worker.code.length };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  buildStudio().then(
    ({ bytes, files, workerBytes }) => console.log(`site/: ${files.join(', ')}, ${bytes} bytes (the core's worker ${workerBytes}); open site/index.html`),
    (e: unknown) => {
      console.error(`studio build failed: ${e instanceof Error ? e.message : String(e)}`);
      process.exitCode = 1;
    },
  );
}
