// The compile step's readers of text: instants, durations and decimals, and the defaults a
// scenario leaves to the simulator, each noted as an assumption. Only the compile step uses them.

import { Dec, parseDuration } from '../../money/index.js';
import { parseInstant } from '../../sim/index.js';
import type { Assets } from '../assets.js';

/** A duration the schema has already checked, in ms. */
export function ms(durationText: string): number {
  const v = parseDuration(durationText);
  if (v === undefined) throw new Error(`not a duration: ${durationText} (the schema should have refused it)`);
  return v;
}

/** An instant the schema has already checked, in ms since the epoch. */
export function at(instantText: string): number {
  const v = parseInstant(instantText);
  if (v === undefined) throw new Error(`not an instant: ${instantText} (the schema should have refused it)`);
  return v;
}

export function dec(v: string | number): Dec {
  return new Dec(v);
}

/** What every part of the compile step shares: the assets, the start, and the assumptions noted. */
export class Reader {
  readonly assumptions: string[] = [];

  constructor(
    readonly assets: Assets,
    readonly startMs: number,
  ) {}

  /** The value given, or the default, noted as an assumption under `path`. */
  or<T>(given: T | undefined, fallback: T, path: string): T {
    if (given !== undefined) return given;
    this.assumptions.push(`${path}: ${typeof fallback === 'object' ? JSON.stringify(fallback) : String(fallback)}`);
    return fallback;
  }

  /** A window [at, at + for) in ms. */
  window(f: { readonly at: string; readonly for: string }): { from: number; to: number } {
    const from = at(f.at);
    return { from, to: from + ms(f.for) };
  }
}
