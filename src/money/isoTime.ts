// Simulated time (ms since the Unix epoch) as the ISO 8601 text `Date#toISOString` gives, by
// arithmetic: every line of every output carries a time, and a Date object per line was a tenth
// of a run's serialising cost. Outside years 0000-9999, or for a fractional ms, Date still answers.

const MS_PER_DAY = 86_400_000;
const YEAR_10000 = 253_402_300_800_000;

/** "00".."99" and "000".."999", built once: no new string for each field of each line. */
const TWO: readonly string[] = Array.from({ length: 100 }, (_, n) => String(n).padStart(2, '0'));
const THREE: readonly string[] = Array.from({ length: 1000 }, (_, n) => String(n).padStart(3, '0'));
const two = (n: number): string => TWO[n]!;
const three = (n: number): string => THREE[n]!;

export function isoTime(ms: number): string {
  if (!(ms >= 0 && ms < YEAR_10000) || !Number.isInteger(ms)) return new Date(ms).toISOString();
  const days = Math.floor(ms / MS_PER_DAY);
  let rest = ms - days * MS_PER_DAY;
  // Days since 1970-01-01 to a civil date (H. Hinnant's days_from_civil, inverted), eras of 400 years from 0000-03-01.
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  const hours = Math.floor(rest / 3_600_000);
  rest -= hours * 3_600_000;
  const minutes = Math.floor(rest / 60_000);
  rest -= minutes * 60_000;
  const seconds = Math.floor(rest / 1000);
  const millis = rest - seconds * 1000;
  const y = String(year);
  return `${'0000'.slice(y.length)}${y}-${two(month)}-${two(day)}T${two(hours)}:${two(minutes)}:${two(seconds)}.${three(millis)}Z`;
}
