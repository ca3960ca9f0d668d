// Each channel's own figures for `railpilot compare`: the headline figures are the pilot's payments
// out, which a correspondent baseline or a receipt setting does not touch, so without these two runs
// under very different baselines would read as equal. One row per channel and figure, for every
// channel either run has (a channel one run lacks counts 0 there, and has no share or cost).

import type { HeadlineFigure } from '../report/headline.js';
import type { Report } from '../report/index.js';

type Channel = Report['channels'][number];

const FIGURES: readonly { key: string; kind: HeadlineFigure['kind']; label: string; of: (c: Channel | undefined) => number | null }[] = [
  { key: 'payments', kind: 'count', label: 'payments', of: (c) => c?.payments ?? 0 },
  { key: 'settled', kind: 'count', label: 'settled', of: (c) => c?.byStatus.settled ?? 0 },
  { key: 'returned', kind: 'count', label: 'returned or refunded', of: (c) => (c?.byStatus.refunded ?? 0) + (c?.byStatus.rejected ?? 0) },
  { key: 'frozen', kind: 'count', label: 'frozen', of: (c) => c?.byStatus.frozen ?? 0 },
  { key: 'credited_within_1h_share', kind: 'share', label: 'share credited within 1 h', of: (c) => c?.creditedWithinOneHourShare ?? null },
  { key: 'cost_percent', kind: 'percent', label: 'cost, % of settled principal', of: (c) => c?.costPercentOfPrincipal ?? null },
];

/** The per-channel figures of two reports, when either has more than one channel (else the headline says it all). */
export function channelFigures(a: Report, b: Report): HeadlineFigure[] {
  const names = [...new Set([...a.channels, ...b.channels].map((c) => c.channel))];
  if (names.length < 2) return [];
  return names.flatMap((name) =>
    FIGURES.map((f) => ({
      key: `channel:${name}:${f.key}`,
      kind: f.kind,
      label: `${name}: ${f.label}`,
      of: (r: Report) => f.of(r.channels.find((c) => c.channel === name)),
    })),
  );
}
