// What a run folder is a run of: its scenario (name, sha256 and the validated scenario.json) and
// its seed, from manifest.json. `compare` prints how two runs differ in these; `verify --same-as`
// refuses, with the reason, to call two runs of different scenarios or seeds a determinism failure.

import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { z } from 'zod';
import { BadInput } from './errors.js';

const manifestIdentity = z.object({
  scenario: z.object({ name: z.string(), sha256: z.string() }),
  seed: z.number().int(),
});

export interface RunIdentity {
  readonly folder: string;
  readonly name: string;
  readonly sha256: string;
  readonly seed: number;
  /** scenario.json as the run wrote it; undefined for a folder without one. */
  readonly scenario: unknown;
}

function readJson(path: string): unknown {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new BadInput(`${path}: not valid JSON (${(e as Error).message.slice(0, 80)})`);
  }
}

/** The scenario and seed `folder` was run with; bad input when its manifest.json is missing or malformed. */
export function readIdentity(folder: string): RunIdentity {
  const path = join(folder, 'manifest.json');
  if (!existsSync(path)) throw new BadInput(`${path}: missing; every run folder railpilot writes has one`);
  const r = manifestIdentity.safeParse(readJson(path));
  if (!r.success) {
    const issue = r.error.issues[0]!;
    throw new BadInput(`${path}: ${issue.path.join('.') || '(the whole file)'}: ${issue.message}; expected the manifest railpilot run writes`);
  }
  const scenarioPath = join(folder, 'scenario.json');
  const scenario = existsSync(scenarioPath) ? readJson(scenarioPath) : undefined;
  return { folder, name: r.data.scenario.name, sha256: r.data.scenario.sha256, seed: r.data.seed, scenario };
}

/** One scenario setting that differs between two runs; `undefined` where a run does not have it. */
export interface SettingDifference {
  readonly path: string;
  readonly a: unknown;
  readonly b: unknown;
}

/** The paths (dotted, array items by index) at which two scenarios differ, leaves only. */
export function settingDifferences(a: unknown, b: unknown, path = ''): SettingDifference[] {
  if (isDeepStrictEqual(a, b)) return [];
  const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
  // A section one run leaves to its defaults is walked as empty, so `--set rails.npcsFeeBps=25`
  // shows as that path rather than as the whole section.
  const oa = a === undefined && isObject(b) ? {} : a;
  const ob = b === undefined && isObject(a) ? {} : b;
  const both = (isObject(oa) && isObject(ob)) || (Array.isArray(oa) && Array.isArray(ob));
  if (!both) return [{ path: path || '(the whole scenario)', a, b }];
  const ra = oa as Record<string, unknown>;
  const rb = ob as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(ra), ...Object.keys(rb)])];
  return keys.flatMap((k) => settingDifferences(ra[k], rb[k], path === '' ? k : `${path}.${k}`));
}

/** How two runs differ in what was run: scenario (by setting where scenario.json says) and seed. */
export interface IdentityDifference {
  readonly seeds: boolean;
  readonly scenario: boolean;
  /** The settings that differ, the scenario's own `seed` field left to `seeds`. */
  readonly settings: readonly SettingDifference[];
}

export function identityDifference(a: RunIdentity, b: RunIdentity): IdentityDifference {
  const settings = a.scenario !== undefined && b.scenario !== undefined ? settingDifferences(a.scenario, b.scenario).filter((d) => d.path !== 'seed') : [];
  // Without both scenario.json files, the manifest's hash is all there is to go on; it covers the
  // scenario's seed field too, which a `--seed` run leaves alone, so it is used only then.
  const scenario = a.name !== b.name || settings.length > 0 || ((a.scenario === undefined || b.scenario === undefined) && a.sha256 !== b.sha256);
  return { seeds: a.seed !== b.seed, scenario, settings };
}

/** A setting's value as a reader would type it. */
export function showSetting(v: unknown): string {
  return v === undefined ? '(default)' : JSON.stringify(v);
}

/** One line saying how the runs differ in scenario and seed, or undefined when they do not. */
export function describeIdentityDifference(a: RunIdentity, b: RunIdentity, d: IdentityDifference, shown = 5): string | undefined {
  const parts: string[] = [];
  if (d.scenario) {
    if (a.name !== b.name) parts.push(`scenario differs: ${a.folder} ran ${a.name}, ${b.folder} ran ${b.name}`);
    else {
      const listed = d.settings.slice(0, shown).map((s) => `${s.path} ${showSetting(s.a)} vs ${showSetting(s.b)}`);
      const more = d.settings.length > shown ? ` and ${d.settings.length - shown} more` : '';
      parts.push(`scenario differs: ${a.name} with different settings${listed.length > 0 ? ` (${listed.join(', ')}${more})` : ''}`);
    }
  }
  if (d.seeds) parts.push(`seed differs: ${a.folder} ran seed ${a.seed}, ${b.folder} seed ${b.seed}`);
  return parts.length > 0 ? parts.join('; ') : undefined;
}
