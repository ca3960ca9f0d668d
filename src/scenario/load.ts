// Reading a scenario file (YAML or JSON) into a validated scenario, or into a list of problems
// that each name the file, the line where it is known, the field path and what was expected.
// A bad file is an expected outcome here, so it is a value, not an exception.

import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { LineCounter, parseDocument, isNode, type Document } from 'yaml';
import type { z } from 'zod';
import { scenarioSchema } from './schema.js';
import { compileScenario } from './compile.js';
import type { Model } from './model.js';

export interface Problem {
  /** Field path like `payments[1].amount`; empty for the file as a whole. */
  readonly path: string;
  readonly message: string;
  readonly line?: number;
  readonly column?: number;
}

export type LoadResult = { ok: true; scenario: Model } | { ok: false; file: string; problems: Problem[] };

export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out;
}

/** One line per problem: `file:line:col: path: message`. */
export function formatProblems(file: string, problems: readonly Problem[]): string {
  return problems
    .map((p) => {
      const where = p.line !== undefined ? `${file}:${p.line}:${p.column ?? 1}` : file;
      return `${where}: ${p.path ? p.path + ': ' : ''}${p.message}`;
    })
    .join('\n');
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  return `${typeof value} ${JSON.stringify(value)}`;
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let v = root;
  for (const k of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[k];
  }
  return v;
}

/** zod's issues as problems in the file's own words. */
export function problemsFromZod(error: z.ZodError, data: unknown): Problem[] {
  const out: Problem[] = [];
  for (const issue of error.issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        out.push({ path: formatPath([...issue.path, key]), message: `unknown field "${key}"` });
      }
      continue;
    }
    if (issue.code === 'invalid_union' && issue.errors.length > 0) {
      // Report the alternative the input was meant to be: one whose own fields matched (no
      // problem at its root), and of those the one with the fewest problems.
      const meant = issue.errors
        .filter((alt) => alt.length > 0 && alt.every((i) => i.path.length > 0))
        .sort((a, b) => a.length - b.length)[0];
      if (meant) {
        out.push(...problemsFromZod({ issues: meant.map((sub) => ({ ...sub, path: [...issue.path, ...sub.path] })) } as z.ZodError, data));
        continue;
      }
    }
    const got = valueAt(data, issue.path);
    let message = issue.message;
    if (issue.code === 'invalid_type') {
      message = got === undefined ? `missing; ${message.replace(/^Invalid input: /, '')}` : `${message.replace(/^Invalid input: /, '')}, got ${describe(got)}`;
    } else if (issue.code !== 'custom' && got !== undefined && typeof got !== 'object' && !message.includes('got ')) {
      message = `${message}, got ${describe(got)}`;
    }
    out.push({ path: formatPath(issue.path), message });
  }
  return out;
}

function withLines(problems: Problem[], doc: Document | undefined, lines: LineCounter | undefined): Problem[] {
  if (!doc || !lines) return problems;
  return problems.map((p) => {
    const keys = p.path.match(/[^.[\]]+/g) ?? [];
    const path = keys.map((k) => (/^\d+$/.test(k) ? Number(k) : k));
    for (let n = path.length; n >= 0; n--) {
      const node = n === 0 ? doc.contents : doc.getIn(path.slice(0, n), true);
      if (isNode(node) && node.range) {
        const pos = lines.linePos(node.range[0]);
        return { ...p, line: pos.line, column: pos.col };
      }
    }
    return p;
  });
}

/** Parses and validates scenario text; `file` only names it in messages and picks the syntax. */
export function parseScenario(file: string, text: string): LoadResult {
  const fail = (problems: Problem[]): LoadResult => ({ ok: false, file, problems });
  if (text.trim() === '') return fail([{ path: '', message: 'the file is empty; expected a scenario (name, description, seed, start, markets, chains, participants, payments)' }]);
  let data: unknown;
  let doc: Document | undefined;
  let lines: LineCounter | undefined;
  const ext = extname(file).toLowerCase();
  if (ext === '.json') {
    try {
      data = JSON.parse(text);
    } catch (e) {
      return fail([{ path: '', message: `not valid JSON: ${(e as Error).message}` }]);
    }
  } else if (ext === '.yaml' || ext === '.yml') {
    lines = new LineCounter();
    doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
    if (doc.errors.length > 0) {
      return fail(
        doc.errors.map((e) => {
          const pos = lines!.linePos(e.pos[0]);
          return { path: '', message: `not valid YAML: ${e.message.split('\n')[0]}`, line: pos.line, column: pos.col };
        }),
      );
    }
    data = doc.toJS({ maxAliasCount: 100 });
  } else {
    return fail([{ path: '', message: `expected a .yaml, .yml or .json file, got "${ext || 'no extension'}"` }]);
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    return fail([{ path: '', message: `expected a mapping of scenario fields at the top, got ${describe(data)}` }]);
  }
  const parsed = scenarioSchema.safeParse(data);
  if (!parsed.success) return fail(withLines(problemsFromZod(parsed.error, data), doc, lines));
  return { ok: true, scenario: compileScenario(parsed.data) };
}

export function loadScenario(file: string): LoadResult {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a folder, not a file' : (e as Error).message;
    return { ok: false, file, problems: [{ path: '', message: `cannot read: ${why}` }] };
  }
  return parseScenario(file, text);
}
