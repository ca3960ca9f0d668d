// The assets a scenario may use: the simulator's known ones and those the scenario declares, and
// how the compile step reads a figure written as text into an amount of one of them.

import { KNOWN_ASSETS, defineAsset, parseMinor, type Amount, type Asset } from '../money/index.js';
import type { Scenario } from './schema.js';

export class Assets {
  private readonly byCode = new Map<string, Asset>();

  constructor(declared: Scenario['assets']) {
    for (const a of KNOWN_ASSETS) this.byCode.set(a.code, a);
    for (const [code, a] of Object.entries(declared ?? {})) this.byCode.set(code, defineAsset(code, a.scale, a.peg));
  }

  get(code: string): Asset {
    const a = this.byCode.get(code);
    if (!a) throw new Error(`unknown asset ${code} (the schema should have refused it)`);
    return a;
  }

  /** `"100000.00 CNY"` as an amount; the schema has already checked the form and the scale. */
  amount(text: string): Amount {
    const [num, code] = text.split(' ') as [string, string];
    return this.value(num, code);
  }

  value(num: string, code: string): Amount {
    const asset = this.get(code);
    // Figures the simulator brings (presets, defaults) are written with cents; a declared scale
    // that writes one exactly takes it ("1000000.00" at scale 0 is 1000000). The schema refuses
    // scenarios whose scales cannot (src/scenario/figures.ts), and a scenario's own amounts.
    const minor = parseMinor(withoutSpareZeros(num, asset.scale), asset);
    if (typeof minor === 'string') throw new Error(minor);
    return { asset, minor };
  }
}

/** `num` with trailing fractional zeros beyond `scale` dropped: "1000000.00" at scale 0 -> "1000000". */
export function withoutSpareZeros(num: string, scale: number): string {
  const [whole, frac] = num.split('.');
  if (frac === undefined || frac.length <= scale) return num;
  const kept = frac.slice(0, scale);
  if (!/^0*$/.test(frac.slice(scale))) return num;
  return kept ? `${whole}.${kept}` : whole!;
}

