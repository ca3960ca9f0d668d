// "Did you mean spreadBps?": for a field the scenario format does not know, the nearest field it
// does know at that place. The known fields are read from the JSON Schema generated from the zod
// schema, so they can never drift from what the loader accepts.

import { scenarioJsonSchema } from './schema.js';

type JsonSchema = {
  properties?: Record<string, JsonSchema>;
  additionalProperties?: JsonSchema | boolean;
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
};

let root: JsonSchema | undefined;

/** The alternatives a schema stands for: itself, or each member of its unions. */
function alternatives(s: JsonSchema): JsonSchema[] {
  const members = [...(s.anyOf ?? []), ...(s.oneOf ?? [])];
  return members.length === 0 ? [s] : members.flatMap(alternatives);
}

/** The schemas that may describe the value at `path` (a key or an index per step). */
function schemasAt(path: readonly PropertyKey[]): JsonSchema[] {
  root ??= scenarioJsonSchema() as JsonSchema;
  let here = alternatives(root);
  for (const key of path) {
    here = here.flatMap((s) => {
      if (typeof key === 'number') return s.items ? alternatives(s.items) : [];
      const named = s.properties?.[String(key)];
      if (named) return alternatives(named);
      return typeof s.additionalProperties === 'object' ? alternatives(s.additionalProperties) : [];
    });
  }
  return here;
}

/** Field names the format knows in the mapping at `path`. */
export function knownKeysAt(path: readonly PropertyKey[]): string[] {
  return [...new Set(schemasAt(path).flatMap((s) => Object.keys(s.properties ?? {})))].sort();
}

/** Edit distance with adjacent swaps (optimal string alignment): "spredBps" is 1 from "spreadBps". */
export function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1);
    }
  }
  return d[a.length]![b.length]!;
}

/**
 * The known field nearest to `key`, when it is near enough to be a slip: a different case, or at
 * most a third of the letters wrong (at least one). Ties go to the alphabetically first.
 */
export function nearestKey(key: string, known: readonly string[]): string | undefined {
  const lower = key.toLowerCase();
  const sameLetters = known.find((k) => k.toLowerCase() === lower);
  if (sameLetters) return sameLetters;
  const limit = Math.max(1, Math.floor(key.length / 3));
  let best: { key: string; d: number } | undefined;
  for (const k of known) {
    const d = editDistance(lower, k.toLowerCase());
    if (d <= limit && (!best || d < best.d)) best = { key: k, d };
  }
  return best?.key;
}
