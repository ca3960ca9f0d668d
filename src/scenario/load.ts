// Scenario text (YAML or JSON) into a validated scenario, or into a list of problems that each
// name the file, the line where it is known, the field path and what was expected. A bad file is
// an expected outcome here, so it is a value, not an exception. Platform-free: reading the file
// (and its checks: a regular file, a size ceiling) is the CLI's, in src/cli/readScenario.ts.

import { LineCounter, parseDocument, isNode, visit, type Document } from 'yaml';
import type { z } from 'zod';
import { scenarioSchema, type Scenario } from './schema.js';
import { compileScenario } from './compile.js';
import type { Model } from './model.js';
import { jsonSyntaxError } from './jsonText.js';
import { excerpt } from './limits.js';
import { knownKeysAt, nearestKey } from './suggest.js';

/** How many times aliases may be expanded: 150 reuses of an anchor are fine, a billion laughs are not. */
const MAX_ALIAS_COUNT = 1000;

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
  if (typeof value === 'number' && !Number.isFinite(value)) return Number.isNaN(value) ? 'NaN' : value > 0 ? 'Infinity' : '-Infinity';
  if (typeof value === 'string') return `string ${JSON.stringify(excerpt(value))}`;
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
        const shown = excerpt(String(key));
        const near = nearestKey(String(key), knownKeysAt(issue.path));
        out.push({ path: formatPath([...issue.path, shown]), message: `unknown field "${shown}"${near ? `; did you mean ${near}?` : ''}` });
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

function extensionOf(file: string): string {
  const base = file.slice(Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\')) + 1);
  const dot = base.lastIndexOf('.');
  return dot <= 0 ? '' : base.slice(dot).toLowerCase();
}

/** The line of the first alias in the document: where an expansion too large to hold begins. */
function firstAlias(doc: Document, lines: LineCounter): { line: number; column: number } | undefined {
  let at: number | undefined;
  visit(doc, {
    Alias(_, node) {
      at = node.range?.[0];
      return visit.BREAK;
    },
  });
  if (at === undefined) return undefined;
  const pos = lines.linePos(at);
  return { line: pos.line, column: pos.col };
}

export interface ParseOptions {
  /** Further checks of a valid scenario (the work it asks for), placed in the file like the schema's. */
  readonly check?: (s: Scenario) => Problem[];
}

/** Parses and validates scenario text; `file` only names it in messages and picks the syntax. */
export function parseScenario(file: string, source: string, options: ParseOptions = {}): LoadResult {
  const fail = (problems: Problem[]): LoadResult => ({ ok: false, file, problems });
  // A byte-order mark is how some editors begin a UTF-8 file; it is not part of the text.
  const text = source.startsWith('\uFEFF') ? source.slice(1) : source;
  if (text.trim() === '') return fail([{ path: '', message: 'the file is empty; expected a scenario (name, description, seed, start, markets, chains, participants, payments)' }]);
  let data: unknown;
  const ext = extensionOf(file);
  if (ext !== '.json' && ext !== '.yaml' && ext !== '.yml') {
    return fail([{ path: '', message: `expected a .yaml, .yml or .json file, got "${ext || 'no extension'}"` }]);
  }
  const lines = new LineCounter();
  if (ext === '.json') {
    const bad = jsonSyntaxError(text);
    if (bad) {
      // The line counter learns the lines as the parser reads them; count them here instead.
      const before = text.slice(0, bad.offset).split('\n');
      return fail([{ path: '', message: `not valid JSON: ${bad.message}`, line: before.length, column: before.at(-1)!.length + 1 }]);
    }
  }
  // JSON is YAML 1.2, so one parser gives both the positions of fields and refuses duplicate keys.
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    return fail(
      doc.errors.map((e) => {
        const pos = lines.linePos(e.pos[0]);
        const message = e.code === 'DUPLICATE_KEY' ? `a field appears twice in one mapping: ${e.message.split('\n')[0]}` : e.message.split('\n')[0];
        return { path: '', message: `not valid ${ext === '.json' ? 'JSON' : 'YAML'}: ${message}`, line: pos.line, column: pos.col };
      }),
    );
  }
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (e) {
    const where = firstAlias(doc, lines);
    return fail([{ path: '', message: `aliases expand to more than ${MAX_ALIAS_COUNT} copies (${(e as Error).message.toLowerCase()}); write the repeated parts out or reuse fewer`, ...where }]);
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    return fail([{ path: '', message: `expected a mapping of scenario fields at the top, got ${describe(data)}` }]);
  }
  const parsed = scenarioSchema.safeParse(data);
  if (!parsed.success) return fail(withLines(problemsFromZod(parsed.error, data), doc, lines));
  const more = options.check?.(parsed.data) ?? [];
  if (more.length > 0) return fail(withLines(more, doc, lines));
  return { ok: true, scenario: compileScenario(parsed.data) };
}
