// The one grammar of durations in scenario files and declared invariants: ISO 8601 weeks, days,
// hours, minutes and seconds, read as whole milliseconds. It sits in the bottom layer because both
// the kernel (sim) and the invariants read durations, and neither may import the other.

const DURATION = /^P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d{1,3})?)S)?)?$/;

/**
 * An ISO 8601 duration of weeks, days, hours, minutes and seconds (`PT30S`, `PT2H`, `P1DT6H`), in
 * ms, or undefined. Years and months are refused: their length depends on the calendar.
 */
export function parseDuration(text: string): number | undefined {
  const m = DURATION.exec(text);
  if (!m || text === 'P' || text.endsWith('T')) return undefined;
  const [, w, d, h, min, s] = m;
  return (Number(w ?? 0) * 7 * 86_400 + Number(d ?? 0) * 86_400 + Number(h ?? 0) * 3_600 + Number(min ?? 0) * 60) * 1000 + Math.round(Number(s ?? 0) * 1000);
}
