// The correspondent baseline a comparison is made against, as the reports print it next to every
// table that sets the pilot beside correspondent banks: its name, what it stands for and where its
// figures come from (src/rails/correspondent/baselines.ts), read from the run's facts.

import type { Report } from './report.js';

/** The baseline in force when the run has correspondent payments; null otherwise or in older runs. */
export function correspondentBaseline(r: Pick<Report, 'channels' | 'facts'>): { name: string; description: string; sources: readonly string[] } | null {
  if (!r.channels.some((c) => c.rail === 'correspondent')) return null;
  return r.facts.correspondentBaseline ?? null;
}

/** One sentence naming the baseline, for a report's text; empty when there is none. */
export function baselineSentence(r: Pick<Report, 'channels' | 'facts'>): string {
  const b = correspondentBaseline(r);
  if (!b) return '';
  return `Correspondent baseline: ${b.name}. ${b.description} Sources: ${b.sources.join('; ')}.`;
}
