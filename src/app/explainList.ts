// `explain --list`: every flow of a run, one line each (id, kind, status, reason, when and how
// long), to pick the one to explain; filtered by status or reason, an unknown filter answered with
// the values the run has.

import type { FlowSummary } from './explainCollect.js';
import { clock, duration } from './explainFormat.js';

export interface ListFilter {
  readonly status?: string;
  readonly reason?: string;
}

/** A reason matches its full code (`regime.notRegistered:minerSales`) or its code before the first `:`. */
function reasonMatches(reason: string | null, wanted: string): boolean {
  return reason !== null && (reason === wanted || reason.startsWith(`${wanted}:`));
}

/** The values a run has for a field, each with how many flows carry it. */
function known(values: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts].map(([v, n]) => `${v} (${n})`).join(', ');
}

/** The flows the filter keeps, or a problem naming the option and the values this run knows. */
export function filterFlows(flows: readonly FlowSummary[], filter: ListFilter): { ok: true; flows: FlowSummary[] } | { ok: false; option: string; problem: string } {
  let kept = [...flows];
  if (filter.status !== undefined) {
    const statuses = flows.map((f) => f.status);
    if (!statuses.includes(filter.status)) return { ok: false, option: '--status', problem: `no flow ended ${JSON.stringify(filter.status)}; this run's statuses are ${known(statuses)}` };
    kept = kept.filter((f) => f.status === filter.status);
  }
  if (filter.reason !== undefined) {
    const reasons = flows.flatMap((f) => (f.reason === null ? [] : [f.reason]));
    if (!reasons.some((r) => reasonMatches(r, filter.reason!))) {
      const list = reasons.length > 0 ? `this run's reasons are ${known(reasons)}` : 'no flow of this run has a reason';
      return { ok: false, option: '--reason', problem: `no flow has reason ${JSON.stringify(filter.reason)}; ${list}` };
    }
    kept = kept.filter((f) => reasonMatches(f.reason, filter.reason!));
  }
  return { ok: true, flows: kept };
}

/** The flows as an aligned table, sorted by when they began, then by id. */
export function listText(flows: readonly FlowSummary[]): string {
  const sorted = [...flows].sort((a, b) => a.initiatedAt - b.initiatedAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const rows = sorted.map((f) => [f.id, f.flow, f.status, f.reason ?? '-', clock(f.initiatedAt, true), duration(f.finalAt - f.initiatedAt)]);
  const head = ['id', 'kind', 'status', 'reason', 'began', 'took'];
  const w = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (r: readonly string[]) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(w[i]!))).join('  ');
  return [line(head), ...rows.map(line), '', `${flows.length} flow${flows.length === 1 ? '' : 's'}`].join('\n');
}
