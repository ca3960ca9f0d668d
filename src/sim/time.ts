// Simulated time as ms since the Unix epoch, read from ISO 8601 instants (durations: src/money/duration.ts).

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;

/** An ISO 8601 instant with a zone (`2024-09-02T09:05:00Z`), or undefined. */
export function parseInstant(text: string): number | undefined {
  if (!INSTANT.test(text)) return undefined;
  const ms = Date.parse(text);
  if (Number.isNaN(ms)) return undefined;
  // Date.parse rolls 2024-02-30 over to March; a real date prints back to the same day.
  if (new Date(ms + offsetMs(text)).toISOString().slice(0, 10) !== text.slice(0, 10)) return undefined;
  return ms;
}

function offsetMs(text: string): number {
  const m = /([+-])(\d{2}):(\d{2})$/.exec(text);
  if (!m) return 0;
  return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) * 60_000;
}

// The duration grammar lives in src/money/duration.ts, shared with the invariants' expressions.
export { parseDuration } from '../money/duration.js';

export function formatDuration(ms: number): string {
  if (ms === 0) return '0s';
  const parts: string[] = [];
  let rest = Math.round(ms);
  for (const [unit, size] of [['d', 86_400_000], ['h', 3_600_000], ['m', 60_000]] as const) {
    if (rest >= size) {
      parts.push(`${Math.floor(rest / size)}${unit}`);
      rest %= size;
    }
  }
  if (rest > 0 || parts.length === 0) parts.push(`${rest % 1000 === 0 ? rest / 1000 : (rest / 1000).toFixed(3)}s`);
  return parts.join(' ');
}

/** A period [from, to): it includes `from` and ends just before `to`. */
export interface Window {
  readonly from: number;
  readonly to: number;
}

/**
 * Windows sorted, with touching or overlapping ones joined and empty ones dropped. A rail asks
 * "when does this end?" of the window it is in: two back-to-back outages must answer with the end
 * of the second, so rails keep their windows in this form.
 */
export function mergeWindows<W extends Window>(windows: readonly W[]): Window[] {
  const out: { from: number; to: number }[] = [];
  for (const w of [...windows].filter((x) => x.to > x.from).sort((a, b) => a.from - b.from || a.to - b.to)) {
    const last = out[out.length - 1];
    if (last && w.from <= last.to) last.to = Math.max(last.to, w.to);
    else out.push({ from: w.from, to: w.to });
  }
  return out;
}
