// --max-span and --max-payments: the ceilings on the work a run may ask for (src/scenario/limits.ts),
// shared by check, run and suite so a file that check calls valid is one run will take.

import { InvalidArgumentError, type Command } from 'commander';
import { parseDuration } from '../sim/index.js';
import { DEFAULT_LIMITS, type Limits } from '../scenario/limits.js';

export interface LimitOptions {
  maxSpan?: number;
  maxPayments?: number;
}

/** An ISO 8601 duration, or whole years as `P5Y` (365 days each). */
function parseSpan(value: string): number {
  const years = /^P(\d{1,4})Y$/.exec(value);
  const ms = years ? Number(years[1]) * 365 * 86_400_000 : parseDuration(value);
  if (ms === undefined || !Number.isFinite(ms) || ms <= 0 || ms > 8.64e15) throw new InvalidArgumentError('expected a duration like P5Y, P30D or PT12H');
  return ms;
}

function parseCount(value: string): number {
  if (!/^\d{1,15}$/.test(value) || Number(value) < 1) throw new InvalidArgumentError('expected a whole number of at least 1');
  return Number(value);
}

export function limitOptions(cmd: Command): Command {
  return cmd
    .option('--max-span <duration>', 'longest simulated span a scenario may ask for, from its start (default P5Y)', parseSpan)
    .option('--max-payments <n>', 'most payments and orders a scenario may ask for (default 10000000)', parseCount);
}

export function limitsFrom(opts: LimitOptions): Limits {
  return { maxSpanMs: opts.maxSpan ?? DEFAULT_LIMITS.maxSpanMs, maxPayments: opts.maxPayments ?? DEFAULT_LIMITS.maxPayments };
}
