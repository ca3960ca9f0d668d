// An ensemble for people (ensemble.md): per figure, a table of the grid points' distributions
// across seeds, the paired differences against the first point, and every run whose invariants
// broke with the command that replays it.

import { ENSEMBLE_KEYS, TARGETS, type Ensemble, type Stats } from './ensemble.js';

/** A grid point's parameters as one cell: `regime.preset=dfa-law, rails.npcsFeeBps=10`. */
export function pointLabel(parameters: Record<string, string>): string {
  const parts = Object.entries(parameters).map(([k, v]) => `${k}=${v}`);
  return parts.length === 0 ? 'as in the file' : parts.join(', ');
}

/** The command that replays one run, as sweep prints it. */
export function replayLine(e: Ensemble, seed: number, parameters: Record<string, string>): string {
  const q = (w: string) => (/^[A-Za-z0-9_./:=,@+-]+$/.test(w) ? w : `'${w.replace(/'/g, `'\\''`)}'`);
  return ['railpilot', 'run', e.scenario.file, '--seed', String(seed), ...Object.entries(parameters).flatMap(([k, v]) => ['--set', `${k}=${v}`])].map(q).join(' ');
}

const cell = (s: string | null) => s ?? 'n/a';
const row = (cells: readonly (string | number)[]) => `| ${cells.join(' | ')} |`;

function statsTable(first: string, rows: readonly { label: string; s: Stats }[]): string[] {
  return [
    row([first, 'n', 'mean', 'p5', 'p50', 'p95', '95% CI of the mean']),
    row(['---', '---:', '---:', '---:', '---:', '---:', '---:']),
    ...rows.map(({ label, s }) => row([label, s.n, cell(s.mean), cell(s.p5), cell(s.p50), cell(s.p95), s.ci95 ? `${s.ci95[0]} .. ${s.ci95[1]}` : 'n/a'])),
  ];
}

export function ensembleMarkdown(e: Ensemble): string {
  const out: string[] = [
    `# Ensemble: ${e.scenario.name}`,
    '',
    `${e.runs} runs: ${e.points.length} grid point${e.points.length === 1 ? '' : 's'} x ${e.seeds.count} seeds (${e.seeds.spec}), scenario ${e.scenario.file} (sha256 ${e.scenario.sha256.slice(0, 12)}).`,
    '',
    '## Grid points',
    '',
    row(['point', 'parameters', 'runs', 'runs with a broken invariant']),
    row(['---:', '---', '---:', '---:']),
    ...e.points.map((p) => row([p.point, pointLabel(p.parameters), p.runs, p.brokenRuns])),
    '',
    'Across seeds: n runs with a value, the mean, the 5th, 50th and 95th percentiles (nearest rank) and a 95% confidence interval of the mean (normal approximation).',
    '',
  ];
  for (const key of ENSEMBLE_KEYS) {
    const f = e.figures[key];
    const target = TARGETS[key];
    out.push(`## ${f.label}`, '', ...(target ? [`Target: ${target.label}.`, ''] : []));
    out.push(...statsTable('point', e.points.map((p) => ({ label: `${p.point}: ${pointLabel(p.parameters)}`, s: p.stats[key] }))), '');
    if (e.pairedDifferences.length > 0) {
      out.push(`Paired differences, seed by seed, against point 0 (${pointLabel(e.points[0]!.parameters)}):`, '');
      out.push(...statsTable('point minus point 0', e.pairedDifferences.map((d) => ({ label: `${d.point}: ${pointLabel(e.points[d.point]!.parameters)}`, s: d.stats[key] }))), '');
    }
  }
  out.push('## Invariants', '');
  if (e.broken.length === 0) out.push(`Every invariant held in all ${e.runs} runs.`, '');
  else {
    out.push(`${e.broken.length} broken invariant${e.broken.length === 1 ? '' : 's'}; each with the command that replays its run:`, '');
    for (const b of e.broken) out.push(`- point ${b.point} (${pointLabel(b.parameters)}), seed ${b.seed}: ${b.invariant}: ${b.detail}`, `  \`${replayLine(e, b.seed, b.parameters)}\``);
    out.push('');
  }
  out.push(`Yardsticks: ${e.yardsticks.source}.`, '');
  return out.join('\n');
}
