// Writes `suite`'s summary.json and summary.csv into its --out folder, each swapped in whole by a
// rename so a reader never sees half a file.

import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { summaryCsv, summaryJson, summaryRecords, type SummaryRow } from '../report/index.js';

export function writeSuiteSummary(out: string, runs: readonly SummaryRow[]): void {
  const records = summaryRecords(runs);
  mkdirSync(out, { recursive: true });
  for (const [name, text] of [['summary.json', summaryJson(records)], ['summary.csv', summaryCsv(records)]] as const) {
    const tmp = join(out, `.${name}.tmp`);
    writeFileSync(tmp, text);
    renameSync(tmp, join(out, name));
  }
}
