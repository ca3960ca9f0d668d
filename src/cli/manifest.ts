// manifest.json: what a run folder is (scenario hash, seed, railpilot version, regime preset) and
// the sha256 of every file the run wrote, so `verify` can tell an edited or swapped file from the
// run's own. It makes tampering evident, not impossible: whoever edits a file can rewrite the
// manifest too, which is why verify also recomputes what it checks from the records.

import { createHash } from 'node:crypto';
import { closeSync, existsSync, openSync, readFileSync, readSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Scenario } from '../scenario/schema.js';
import { BadInput } from './errors.js';
import { VERSION } from './version.js';

export const MANIFEST = 'manifest.json';

export interface Manifest {
  readonly railpilot: string;
  readonly scenario: { readonly name: string; readonly sha256: string };
  readonly seed: number;
  readonly regime: string;
  /** sha256 (hex) of each file the run wrote, by name. */
  readonly files: Readonly<Record<string, string>>;
}

/** sha256 of a file, read in 1 MiB chunks so a run of any size can be hashed. */
export function fileSha256(path: string): string {
  const hash = createHash('sha256');
  const fd = openSync(path, 'r');
  try {
    const buffer = Buffer.alloc(1 << 20);
    for (;;) {
      const n = readSync(fd, buffer, 0, buffer.length, null);
      if (n === 0) break;
      hash.update(buffer.subarray(0, n));
    }
  } finally {
    closeSync(fd);
  }
  return hash.digest('hex');
}

/**
 * Writes `folder`/manifest.json over every file already in `folder`; `known` holds the sha256 of
 * files hashed as they were written (a run's record files), which are not read back.
 */
export function writeManifest(folder: string, s: Scenario, seed: number, known: Readonly<Record<string, string>> = {}): void {
  const files: Record<string, string> = {};
  for (const f of readdirSync(folder).sort()) if (f !== MANIFEST) files[f] = known[f] ?? fileSha256(join(folder, f));
  const manifest: Manifest = {
    railpilot: VERSION,
    scenario: { name: s.name, sha256: createHash('sha256').update(JSON.stringify(s)).digest('hex') },
    seed,
    regime: s.regime?.preset ?? 'as-reported-2024',
    files,
  };
  writeFileSync(join(folder, MANIFEST), JSON.stringify(manifest, null, 2) + '\n');
}

export interface ManifestCheck {
  readonly ok: boolean;
  readonly checked: number;
  readonly detail?: string;
}

/** Every file the manifest lists has its recorded hash, and no file is there that it does not list. */
export function checkManifest(folder: string): ManifestCheck {
  const path = join(folder, MANIFEST);
  if (!existsSync(path)) throw new BadInput(`${path}: missing; every run folder railpilot writes has one (a folder from before manifests: run the scenario again)`);
  let m: Manifest;
  try {
    m = JSON.parse(readFileSync(path, 'utf8')) as Manifest;
  } catch (e) {
    throw new BadInput(`${path}: not valid JSON (${(e as Error).message.slice(0, 80)})`);
  }
  if (!m || typeof m !== 'object' || !m.files || typeof m.files !== 'object' || Object.values(m.files).some((h) => typeof h !== 'string')) {
    throw new BadInput(`${path}: files: expected the sha256 of each file the run wrote`);
  }
  const problems: string[] = [];
  for (const [f, sha] of Object.entries(m.files)) {
    if (f.includes('/') || f.includes('\\') || f.startsWith('.')) {
      problems.push(`${f}: not a file name of a run folder`);
      continue;
    }
    const p = join(folder, f);
    if (!existsSync(p)) problems.push(`${f} is missing`);
    else if (fileSha256(p) !== sha) problems.push(`${f} was changed after the run wrote it (sha256 differs from ${MANIFEST})`);
  }
  for (const f of readdirSync(folder)) if (f !== MANIFEST && !(f in m.files)) problems.push(`${f} is not a file the run wrote`);
  const checked = Object.keys(m.files).length;
  return problems.length === 0 ? { ok: true, checked } : { ok: false, checked, detail: problems.join('; ') };
}
