// The readers the invariants and records use since the speed work (atto's digit-by-digit path,
// isoMs, amountFrom without parseMinor) against the readings they replaced, kept here verbatim as
// references: for any text, including the odd shapes a tampered run folder can hold, the same
// number, the same NaN or the same error. `railpilot verify` prints what these read.

import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { atto, isoMs } from '../../src/invariants/readers.js';
import { amountFrom } from '../../src/records/index.js';
import { defineAsset, parseMinor } from '../../src/money/index.js';

/**
 * atto as it read every text before the short path (src/invariants/kit.ts at 74b1b45), by its
 * general reading, which its plain-decimal path agreed with: the sign, the digits before the first
 * point and those after it, padded to 18.
 */
function attoBefore(text: string): bigint {
  const sign = text.startsWith('-') ? -1n : 1n;
  const parts = text.slice(sign < 0n ? 1 : 0).split('.');
  const frac = parts[1] ?? '';
  if (frac.length > 18) throw new Error(`more than 18 decimals: ${text}`);
  return sign * BigInt(`${parts[0]}${frac}${'0'.repeat(18 - frac.length)}`);
}

/** amountFrom as it was (src/records/text.ts at 74b1b45): the minor units through parseMinor. */
function amountBefore(text: string) {
  const m = /^-?\d+(?:\.(\d+))? ([A-Z][A-Z0-9]{1,9})$/.exec(text);
  if (!m) throw new Error(`not an amount: ${JSON.stringify(text)}`);
  const asset = defineAsset(m[2]!, m[1]?.length ?? 0);
  return { asset, minor: parseMinor(text.slice(0, text.indexOf(' ')), asset) as bigint };
}

/** What a call gives, or the error it throws, as comparable text. */
function outcome(f: () => unknown): string {
  try {
    return JSON.stringify(f(), (_, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v));
  } catch (e) {
    return `throws ${(e as Error).name}: ${(e as Error).message}`;
  }
}

const numberish = fc.string({ unit: fc.constantFrom(...'0123456789.-+eE _'), maxLength: 40 });
/** Any plain decimal verify lets through (`-?\d+(\.\d+)?`), up to 40 digits a side: leading zeros, -0.00, scale 18 and past it. */
const plain = fc
  .tuple(fc.boolean(), fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 1, maxLength: 40 }), fc.option(fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 1, maxLength: 22 })))
  .map(([negative, whole, frac]) => `${negative ? '-' : ''}${whole}${frac === null ? '' : `.${frac}`}`);

describe('atto reads any text as the reading it replaced did', () => {
  it('plain decimals of any length and scale, and odd or malformed text: same count or same error', () => {
    fc.assert(
      fc.property(fc.oneof(plain, numberish, fc.string()), (text) => {
        expect(outcome(() => atto(text))).toBe(outcome(() => attoBefore(text)));
      }),
      { numRuns: 20_000 },
    );
  });

  it('at the edges of the short path: 15 characters, a double past 2^53, -0, a bare point or sign', () => {
    const edges = ['-0.00', '-0', '0', '000000000000001.00', '99999999999999', '999999999999999', '9999999999999999', '-9007199254740993', '-9999999999999.9',
      '12345678901234.5', '1234567890123.45', '0.000000000000000001', '-0.000000000000000001', '0.0000000000000000001', '1.', '.5', '-.5', '-', '', '+5', '1e5', '1E-5', ' 5', '5 ', '--5', '0x10', '1_000'];
    for (const text of edges) expect(outcome(() => atto(text)), text).toBe(outcome(() => attoBefore(text)));
  });
});

describe('amountFrom reads the minor units as parseMinor did', () => {
  it('any number text with an asset code: same amount or same error', () => {
    const code = fc.constantFrom('RUB', 'USDT', 'A7A5', 'CNY', 'X', 'rub', 'ABCDEFGHIJK');
    fc.assert(
      fc.property(fc.oneof(plain, numberish), code, (number, asset) => {
        const text = `${number} ${asset}`;
        expect(outcome(() => amountFrom(text))).toBe(outcome(() => amountBefore(text)));
      }),
      { numRuns: 20_000 },
    );
  });
});

describe('isoMs reads the times of a tampered or unusual run as Date.parse does', () => {
  const pad = (n: number, w: number) => String(n).padStart(w, '0');
  // A time a run writes, then one field bent: no milliseconds, an offset, another year (0000 to
  // 9999, and past it), a day of 29 to 31 in any month, hour 24, a leap second, lower case.
  const bent = fc
    .tuple(fc.integer({ min: 0, max: 253_402_300_799_999 }), fc.integer({ min: 0, max: 9 }), fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 28, max: 31 }))
    .map(([ms, how, year, month, day]) => {
      const t = new Date(ms).toISOString();
      switch (how) {
        case 0: return t.replace(/\.\d{3}Z$/, 'Z');
        case 1: return t.replace(/Z$/, '+03:00');
        case 2: return pad(year, 4) + t.slice(4);
        case 3: return `${t.slice(0, 5)}${pad(month, 2)}-${pad(day, 2)}${t.slice(10)}`;
        case 4: return `${t.slice(0, 11)}24:00:00.000Z`;
        case 5: return `${t.slice(0, 17)}60${t.slice(19)}`;
        case 6: return t.toLowerCase();
        case 7: return `+0${pad(10_000 + (year % 100), 5)}${t.slice(4)}`;
        case 8: return t.slice(0, 23);
        default: return t;
      }
    });
  it('same ms, or NaN, for every bent time', () => {
    fc.assert(
      fc.property(bent, (text) => {
        expect(Object.is(isoMs(text), Date.parse(text)), text).toBe(true);
      }),
      { numRuns: 20_000 },
    );
  });

  it('leap days and the days after the 28th it leaves to Date.parse', () => {
    for (const text of ['2024-02-29T23:59:59.999Z', '2023-02-29T00:00:00.000Z', '2024-02-30T00:00:00.000Z', '1900-02-29T00:00:00.000Z', '2000-02-29T12:00:00.000Z', '0500-02-29T00:00:00.000Z', '0099-12-31T23:59:59.999Z', '0100-01-01T00:00:00.000Z', '9999-12-31T23:59:59.999Z']) {
      expect(Object.is(isoMs(text), Date.parse(text)), text).toBe(true);
    }
  });
});
