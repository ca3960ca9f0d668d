// The charting libraries report.html inlines, read from node_modules at the edge (the report
// itself touches no file): Chart.js and two plugins from its maintainers, the sankey chart type
// and lines and boxes on a chart.

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { InlineLibrary } from '../report/index.js';

const LIBRARIES = [
  { name: 'chart.js', file: 'chart.umd.min.js' },
  { name: 'chartjs-chart-sankey', file: 'chartjs-chart-sankey.min.js' },
  { name: 'chartjs-plugin-annotation', file: 'chartjs-plugin-annotation.min.js' },
] as const;

let libraries: InlineLibrary[] | undefined;

/**
 * The libraries' browser builds, read from node_modules once per process. Each package's main
 * entry is resolved (their `exports` do not all list the browser build or package.json) and the
 * build is its sibling in dist/.
 */
export function inlineLibraries(): InlineLibrary[] {
  if (libraries) return libraries;
  const require = createRequire(import.meta.url);
  libraries = LIBRARIES.map(({ name, file }) => {
    const main = require.resolve(name);
    let pkg: { name?: string; version?: string; license?: string } = {};
    for (let up = dirname(main); up !== dirname(up); up = dirname(up)) {
      try {
        pkg = JSON.parse(readFileSync(join(up, 'package.json'), 'utf8')) as typeof pkg;
      } catch {
        continue;
      }
      if (pkg.name === name) break;
    }
    if (pkg.name !== name) throw new Error(`cannot find the package.json of ${name} above ${main}`);
    return { name, version: pkg.version ?? '?', license: pkg.license ?? '?', code: readFileSync(join(dirname(main), file), 'utf8') };
  });
  return libraries;
}
