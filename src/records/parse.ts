// Reading one record back: a JSON text checked against its schema, or a message naming the field
// and what was expected. The value returned is the text's own (key order included), so a report
// recomputed from it prints exactly what the run printed.

import type { z } from 'zod';

export type Parsed<T> = { ok: true; value: T } | { ok: false; problem: string };

/** `text` as a `T`, or the first problem: "not JSON", or "<field>: <expected>". */
export function parseRecord<T>(schema: z.ZodType<T>, text: string): Parsed<T> {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { ok: false, problem: 'not valid JSON' };
  }
  const r = schema.safeParse(raw);
  if (r.success) return { ok: true, value: raw as T };
  const issue = r.error.issues[0]!;
  const field = issue.path.length > 0 ? issue.path.join('.') : '(the whole line)';
  return { ok: false, problem: `${field}: ${issue.message}` };
}
