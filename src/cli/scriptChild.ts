// The child process a scenario script runs in (see scriptScenario.ts): it imports the script
// (TypeScript through tsx), awaits its default export, and sends back the export as plain data
// or the script's own error with its line. process.exit and process.chdir are refused, so a script
// cannot end the run with a false success or move the files of the run under it.

import { isAbsolute } from 'node:path';
import { pathToFileURL } from 'node:url';

export type ChildReply = { ok: true; exported: unknown } | { ok: false; message: string; line?: number; column?: number };

const file = process.argv[2]!;
const url = pathToFileURL(file).href;
const send = (reply: ChildReply) => new Promise<void>((done) => process.send!(reply, () => done()));
const exit = process.exit.bind(process);

/** The script's own line in an error's stack (or in an esbuild message), if it appears there. */
function lineIn(e: unknown): { line: number; column: number } | undefined {
  const text = e instanceof Error ? `${e.message}\n${e.stack ?? ''}` : '';
  for (const where of [url, file]) {
    const at = text.indexOf(`${where}:`);
    if (at < 0) continue;
    const m = /^:(\d+):(\d+)/.exec(text.slice(at + where.length));
    if (m) return { line: Number(m[1]), column: Number(m[2]) };
  }
  return undefined;
}

function messageOf(e: unknown): string {
  if (e instanceof Error) {
    // esbuild's message names the file and place, which the caller shows already.
    const text = e.message.replace(/^Transform failed with \d+ errors?:\s*/, '');
    const first = text.split('\n').find((l) => l.trim() !== '') ?? e.name;
    return first.replace(`${file}:`, '').replace(/^\d+:\d+: (ERROR: )?/, '').slice(0, 300);
  }
  if (e === null) return 'the script threw null';
  if (e === undefined) return 'the script threw undefined';
  let shown: string;
  try {
    shown = typeof e === 'string' ? e : (JSON.stringify(e) ?? typeof e);
  } catch {
    shown = Object.prototype.toString.call(e);
  }
  return `the script threw ${typeof e === 'string' ? 'a string' : typeof e}: ${shown.slice(0, 300)}`;
}

process.exit = (code?: number | string | null) => {
  throw new Error(`a scenario script must not call process.exit (called with ${String(code ?? 'no code')})`);
};
process.chdir = (dir: string) => {
  throw new Error(`a scenario script must not call process.chdir (called with ${isAbsolute(String(dir)) ? 'a path' : JSON.stringify(String(dir).slice(0, 40))})`);
};
// A promise the script leaves to reject after its export is settled is still the script's error.
process.on('unhandledRejection', (e) => void send({ ok: false, message: messageOf(e), ...lineIn(e) }).then(() => exit(0)));
process.on('uncaughtException', (e) => void send({ ok: false, message: messageOf(e), ...lineIn(e) }).then(() => exit(0)));

try {
  if (/\.[mc]?ts$/.test(file)) {
    // tsx's hooks for both module kinds, with source maps: errors then point at the script's own lines.
    const [esm, cjs] = await Promise.all([import('tsx/esm/api'), import('tsx/cjs/api')]);
    esm.register();
    cjs.register();
    process.setSourceMapsEnabled(true);
  }
  const mod = (await import(url)) as { default?: unknown };
  let exported = await mod.default;
  // Outside an ES-module package tsx compiles to CommonJS, which wraps the exports once more.
  if (exported && typeof exported === 'object' && '__esModule' in exported) exported = await (exported as { default?: unknown }).default;
  // Plain data only: a getter that throws, or a value JSON cannot hold, fails here, in the child.
  const data: unknown = exported === undefined ? undefined : JSON.parse(JSON.stringify(exported));
  await send({ ok: true, exported: data });
} catch (e) {
  await send({ ok: false, message: messageOf(e), ...lineIn(e) });
}
exit(0);
