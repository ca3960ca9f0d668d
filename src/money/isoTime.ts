// Simulated time (ms since the Unix epoch) as the ISO 8601 text `Date#toISOString` gives, by
// arithmetic: every line of every output carries a time, and a Date object per line was a tenth
// of a run's serialising cost. Outside years 0000-9999, or for a fractional ms, Date still answers.

const MS_PER_DAY = 86_400_000;
const YEAR_10000 = 253_402_300_800_000;

/** The character code of '0': digit d is written as D0 + d. */
const D0 = 48;

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
  // One string of 24 codes made at once: a template of fourteen parts made a chain of partial
  // strings per line, each copied again when the line was written.
  return String.fromCharCode(
    D0 + Math.floor(year / 1000), D0 + (Math.floor(year / 100) % 10), D0 + (Math.floor(year / 10) % 10), D0 + (year % 10), 45,
    D0 + Math.floor(month / 10), D0 + (month % 10), 45, D0 + Math.floor(day / 10), D0 + (day % 10), 84,
    D0 + Math.floor(hours / 10), D0 + (hours % 10), 58, D0 + Math.floor(minutes / 10), D0 + (minutes % 10), 58, D0 + Math.floor(seconds / 10), D0 + (seconds % 10), 46,
    D0 + Math.floor(millis / 100), D0 + (Math.floor(millis / 10) % 10), D0 + (millis % 10), 90,
  );
}
