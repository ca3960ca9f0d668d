import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { formatDuration, parseDuration, parseInstant } from '../../src/sim/index.js';

describe('parseInstant', () => {
  it.each([
    ['2024-09-02T09:05:00Z', Date.UTC(2024, 8, 2, 9, 5, 0)],
    ['2024-09-02T09:05Z', Date.UTC(2024, 8, 2, 9, 5, 0)],
    ['2024-09-02T09:05:00.123Z', Date.UTC(2024, 8, 2, 9, 5, 0, 123)],
    ['2024-09-02T09:05:00.1Z', Date.UTC(2024, 8, 2, 9, 5, 0, 100)],
    ['2024-09-02T09:05:00+03:00', Date.UTC(2024, 8, 2, 6, 5, 0)],
    ['2024-09-02T01:00:00+03:00', Date.UTC(2024, 8, 1, 22, 0, 0)],
    ['2024-09-02T23:00:00-05:00', Date.UTC(2024, 8, 3, 4, 0, 0)],
    ['2024-09-02T00:00:00+00:00', Date.UTC(2024, 8, 2)],
    ['2024-02-29T12:00:00Z', Date.UTC(2024, 1, 29, 12)],
    ['2000-02-29T00:00:00Z', Date.UTC(2000, 1, 29)],
    ['2024-12-31T23:59:59.999Z', Date.UTC(2024, 11, 31, 23, 59, 59, 999)],
  ])('reads %s', (text, ms) => {
    expect(parseInstant(text)).toBe(ms);
  });

  it.each([
    ['2024-09-02T09:05:00', 'no zone'],
    ['2024-09-02', 'a date alone'],
    ['2024-02-30T00:00:00Z', 'February 30'],
    ['2023-02-29T00:00:00Z', 'February 29 outside a leap year'],
    ['1900-02-29T00:00:00Z', 'February 29 of a century year'],
    ['2024-04-31T00:00:00+05:00', 'April 31 with an offset'],
    ['2024-13-01T00:00:00Z', 'month 13'],
    ['2024-00-10T00:00:00Z', 'month 0'],
    ['2024-09-00T00:00:00Z', 'day 0'],
    ['2024-09-02T25:00:00Z', 'hour 25'],
    ['2024-09-02T23:60:00Z', 'minute 60'],
    ['2024-09-02T09:05:60Z', 'second 60'],
    ['2024-09-02T09:05:00+0300', 'offset without colon'],
    ['2024-09-02T09:05:00+25:00', 'offset beyond 24 h'],
    ['2024-09-02 09:05:00Z', 'space instead of T'],
    ['2024-09-02T09:05:00z', 'lower-case z'],
    ['2024-09-02T09:05:00.1234Z', 'sub-millisecond digits'],
    [' 2024-09-02T09:05:00Z', 'leading space'],
    ['2024-9-2T09:05:00Z', 'unpadded date'],
    ['Mon, 02 Sep 2024 09:05:00 GMT', 'an RFC 2822 date'],
    ['1725267900000', 'epoch milliseconds'],
    ['', 'nothing'],
  ])('refuses %j (%s)', (text) => {
    expect(parseInstant(text)).toBeUndefined();
  });

  it('reads back any instant written by toISOString', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1970, 0, 1), max: Date.UTC(2200, 0, 1) }), (ms) => {
        expect(parseInstant(new Date(ms).toISOString())).toBe(ms);
      }),
    );
  });

  it('reads the same instant written with any whole-minute offset', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1970, 0, 2), max: Date.UTC(2200, 0, 1) }), fc.integer({ min: -14 * 60, max: 14 * 60 }), (ms, offsetMin) => {
        const wall = new Date(ms + offsetMin * 60_000).toISOString().slice(0, 23);
        const abs = Math.abs(offsetMin);
        const zone = `${offsetMin < 0 ? '-' : '+'}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
        expect(parseInstant(wall + zone)).toBe(ms);
      }),
    );
  });
});

describe('parseDuration', () => {
  it.each([
    ['PT30S', 30_000],
    ['PT2H', 7_200_000],
    ['P1DT6H', 108_000_000],
    ['PT10M', 600_000],
    ['PT1H30M', 5_400_000],
    ['PT90M', 5_400_000],
    ['P1W', 604_800_000],
    ['P2D', 172_800_000],
    ['PT1.5S', 1_500],
    ['PT0.001S', 1],
    ['PT0.25S', 250],
    ['P0D', 0],
    ['PT0S', 0],
    ['P1W2DT3H4M5.678S', (((7 + 2) * 24 + 3) * 60 + 4) * 60_000 + 5_678],
  ])('reads %s as %i ms', (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });

  it.each([
    ['P1M', 'months: their length depends on the calendar'],
    ['P1Y', 'years'],
    ['P1Y2M3D', 'years and months'],
    ['P', 'nothing after P'],
    ['PT', 'nothing after T'],
    ['P1DT', 'a T with nothing after it'],
    ['PT1H2S3M', 'parts out of order'],
    ['P1H', 'hours without T'],
    ['-PT1S', 'a negative duration'],
    ['pt1s', 'lower case'],
    ['PT1.5H', 'fractional hours'],
    ['P1.5D', 'fractional days'],
    ['PT0.0001S', 'sub-millisecond seconds'],
    ['PT.5S', 'no digit before the point'],
    ['PT1.S', 'no digit after the point'],
    ['PT1,5S', 'a decimal comma'],
    ['PT 1S', 'a space'],
    ['PT1S ', 'a trailing space'],
    ['30s', 'not ISO'],
    ['30000', 'plain milliseconds'],
    ['', 'nothing'],
  ])('refuses %j (%s)', (text) => {
    expect(parseDuration(text)).toBeUndefined();
  });

  it('adds up any combination of parts', () => {
    fc.assert(
      fc.property(
        fc.record(
          { w: fc.nat(50), d: fc.nat(400), h: fc.nat(100), m: fc.nat(1000), s: fc.nat(100_000), ms: fc.nat(999) },
          { requiredKeys: [] },
        ),
        (p) => {
          const date = `${p.w !== undefined ? `${p.w}W` : ''}${p.d !== undefined ? `${p.d}D` : ''}`;
          const seconds = p.s !== undefined ? `${p.s}${p.ms !== undefined ? '.' + String(p.ms).padStart(3, '0') : ''}S` : '';
          const time = `${p.h !== undefined ? `${p.h}H` : ''}${p.m !== undefined ? `${p.m}M` : ''}${seconds}`;
          const text = `P${date}${time ? 'T' + time : ''}`;
          const expected =
            ((p.w ?? 0) * 7 * 86_400 + (p.d ?? 0) * 86_400 + (p.h ?? 0) * 3_600 + (p.m ?? 0) * 60 + (p.s ?? 0)) * 1000 +
            (p.s !== undefined ? (p.ms ?? 0) : 0);
          expect(parseDuration(text)).toBe(text === 'P' ? undefined : expected);
        },
      ),
    );
  });
});

describe('formatDuration', () => {
  it.each([
    [0, '0s'],
    [1_000, '1s'],
    [45_000, '45s'],
    [60_000, '1m'],
    [3_600_000, '1h'],
    [86_400_000, '1d'],
    [90_061_000, '1d 1h 1m 1s'],
    [5_400_000, '1h 30m'],
    [172_800_000 + 1_000, '2d 1s'],
    [59_999.6, '1m'],
    [0.4, '0s'],
  ])('writes %s ms as %j', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });

  it('keeps milliseconds', () => {
    expect(formatDuration(1)).toMatch(/^0\.001s$/);
    expect(formatDuration(61_500)).toMatch(/^1m 1\.50*s$/);
    expect(formatDuration(172_800_001)).toMatch(/^2d 0\.001s$/);
  });

  it('writes what parseDuration reads, in other words, for any whole-second duration', () => {
    const toIso = (text: string) => {
      const n = (u: string) => Number(new RegExp(`(\\d+)${u}`).exec(text)?.[1] ?? 0);
      return `P${n('d')}DT${n('h')}H${n('m')}M${n('s')}S`;
    };
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 100 * 86_400 }), (seconds) => {
        expect(parseDuration(toIso(formatDuration(seconds * 1000)))).toBe(seconds * 1000);
      }),
    );
  });
});
