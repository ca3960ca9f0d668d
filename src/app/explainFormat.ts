// How `explain` writes amounts, durations and instants for a reader: amounts in major units with
// their asset and thousands separators (`1,250.00 USDT`), exact from the bigint minor units;
// durations in days, hours and minutes (`7 d 9 h 50 min`); instants as a UTC clock time.

import { FINE_DECIMALS, formatMinor, type Amount, type FineAmount } from '../money/index.js';
import { isoTime } from '../money/isoTime.js';

/** `-1234567.89` as `-1,234,567.89`: a grouped copy of an exact decimal string. */
function grouped(text: string): string {
  const negative = text.startsWith('-');
  const [whole, frac] = (negative ? text.slice(1) : text).split('.') as [string, string | undefined];
  const withCommas = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return (negative ? '-' : '') + withCommas + (frac === undefined ? '' : `.${frac}`);
}

/** Minor units of an asset of `scale` decimals in major units, grouped: `1,250.000000`. */
export function major(minor: bigint, scale: number): string {
  return grouped(formatMinor(minor, scale));
}

/** An amount with its asset: `92,000.00 RUB`. */
export function money(a: Amount): string {
  return `${major(a.minor, a.asset.scale)} ${a.asset.code}`;
}

/** A change, signed even when positive: `+2.000000 USDT`, `-1,308,221.46 RUB`. */
export function signed(minor: bigint, scale: number): string {
  return minor > 0n ? `+${major(minor, scale)}` : major(minor, scale);
}

/** An amount counted in 10^-18 of its asset (cap use), rounded up to the asset's own decimals. */
export function fineMoney(f: FineAmount): string {
  const unit = 10n ** BigInt(FINE_DECIMALS - f.asset.scale);
  const minor = f.atto >= 0n ? (f.atto + unit - 1n) / unit : f.atto / unit;
  return money({ asset: f.asset, minor });
}

/**
 * A span of simulated time: `10.5 s` under a minute, `8 min 30 s` under an hour, then days, hours
 * and minutes (`2 h 1 min`, `7 d 9 h 50 min`), parts that are zero left out.
 */
export function duration(ms: number): string {
  if (ms < 0) return `-${duration(-ms)}`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const totalMin = Math.floor(ms / 60_000);
  if (totalMin < 60) {
    const s = Math.floor((ms % 60_000) / 1000);
    return s === 0 ? `${totalMin} min` : `${totalMin} min ${s} s`;
  }
  const d = Math.floor(totalMin / 1440);
  const h = Math.floor((totalMin % 1440) / 60);
  const m = totalMin % 60;
  return [d > 0 ? `${d} d` : '', h > 0 ? `${h} h` : '', m > 0 ? `${m} min` : ''].filter((p) => p !== '').join(' ');
}

/** An instant as `2024-09-02 10:05 UTC`, seconds shown when not whole minutes or when `seconds` (a column of times). */
export function clock(ms: number, seconds = false): string {
  const iso = isoTime(ms);
  const secs = !seconds && iso.slice(16, 23) === ':00.000' ? '' : iso.slice(16, 19);
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)}${secs} UTC`;
}

/** A window [from, to) as `2024-09-02 10:00–12:00 UTC`, the date said once when both ends share it. */
export function window(from: number, to: number): string {
  const a = clock(from);
  const b = clock(to);
  return a.slice(0, 10) === b.slice(0, 10) ? `${a.slice(0, -4)}–${b.slice(11)}` : `${a.slice(0, -4)} – ${b}`;
}
