// The railpilot command line: run one scenario, run a suite with a summary table, check a file,
// print the scenario JSON Schema. Exit codes: 0 success, 1 an invariant failed, 2 bad input,
// 3 internal error.

import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Command, CommanderError, InvalidArgumentError } from 'commander';
import { formatProblems } from '../scenario/load.js';
import { loadScenarioFile } from './readScenario.js';
import { DEFAULT_LIMITS, type Limits } from '../scenario/limits.js';
import { limitOptions, limitsFrom, type LimitOptions } from './limitOptions.js';
import type { Model } from '../scenario/model.js';
import { scenarioJsonSchema } from '../scenario/schema.js';
import { scenarioWarnings } from '../scenario/warnings.js';
import { summaryTables, type Report, type SummaryRow } from '../report/index.js';
import { writeSuiteSummary } from './suiteSummary.js';
import { addExplainCommand } from './explain.js';
import { FLOWS } from '../flows/index.js';
import { DIAGRAM_FORMATS, DIAGRAM_HELP, diagramText } from './diagram.js';
import { BadInput, EXIT, EXIT_CODES_HELP, InvariantBroken } from './errors.js';
import { VERSION } from './version.js';
import { paymentCount, runToFolder, type Progress } from './runToFolder.js';
import { formatVerdicts, sameRun, verifyRun } from './verify.js';
import { addSweepCommands, collect, withSets } from './sweep.js';
import { reportFromFolder } from './report.js';
import { compareRuns, formatComparison, parseLimit } from './compare.js';

const SCENARIO_ARGUMENT = 'scenario in YAML or JSON, or a TypeScript/JavaScript module exporting defineScenario({...}), which is executed (it is code: run only scripts you trust)';

/** What `suite` picks up in a folder: data files, and scripts only when named as scenarios. */
const FOLDER_SCENARIO = /(\.ya?ml|\.json|\.scenario\.[mc]?[jt]s)$/i;

function parseSeed(value: string): number {
  if (!/^\d+$/.test(value) || Number(value) > 2 ** 32 - 1) {
    throw new InvalidArgumentError('expected a whole number from 0 to 4294967295');
  }
  return Number(value);
}

async function load(file: string, limits: Limits = DEFAULT_LIMITS): Promise<Model> {
  const r = await loadScenarioFile(file, limits);
  if (!r.ok) throw new BadInput(formatProblems(file, r.problems));
  return r.scenario;
}

/** Scenario files named directly, or found (sorted) in the folders named. */
function scenarioFiles(paths: string[]): string[] {
  const files: string[] = [];
  for (const p of paths) {
    let isDir: boolean;
    try {
      isDir = statSync(p).isDirectory();
    } catch {
      throw new BadInput(`${p}: no such file or folder`);
    }
    if (!isDir) files.push(p);
    else {
      const found = readdirSync(p)
        .filter((f) => FOLDER_SCENARIO.test(f))
        .sort()
        .map((f) => join(p, f));
      if (found.length === 0) throw new BadInput(`${p}: no scenario files (.yaml, .yml, .json, *.scenario.ts, *.scenario.js) in this folder`);
      files.push(...found);
    }
  }
  return files;
}

/** Progress on stderr for people watching a terminal; silent when piped or in CI. */
function progressFor(name: string, total: number, quiet: boolean): { report?: Progress; done(): void } {
  if (quiet || !process.stderr.isTTY) return { done: () => undefined };
  let last = 0;
  const begun = Date.now();
  return {
    report: ({ time, finished }) => {
      const now = Date.now();
      if (now - last < 200) return;
      last = now;
      process.stderr.write(`\r${name}: ${finished}/${total} payments final, simulated ${new Date(time).toISOString().slice(0, 19)}Z, ${((now - begun) / 1000).toFixed(1)} s`);
    },
    done: () => process.stderr.write('\r\x1b[K'),
  };
}

async function runOne(name: string, s: Model, out: string, seed: number | undefined, quiet: boolean) {
  const progress = progressFor(name, paymentCount(s), quiet);
  const began = Date.now();
  const report = await runToFolder(s, out, seed, progress.report);
  progress.done();
  return { report, seconds: (Date.now() - began) / 1000 };
}

/** A command that ran but found something wrong (verify) sets this instead of throwing. */
let verdict: number = EXIT.ok;

/** A scenario's own invariants that failed: named on stderr, and the command exits 1. */
function reportBrokenPromises(name: string, report: Report): void {
  const broken = report.declaredInvariants.filter((v) => !v.ok);
  if (broken.length === 0) return;
  verdict = EXIT.invariant;
  process.stderr.write(`${name}: ${broken.length} of the scenario's own invariants fail:\n${formatVerdicts(broken)}\n`);
}

export function program(): Command {
  const cli = new Command('railpilot')
    .description('Simulate the NPCS crypto gateway pilot: cross-border payments settled in stablecoins, on a simulated clock.')
    .version(VERSION)
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride()
    .addHelpText('after', `\n${EXIT_CODES_HELP}`);
  cli.configureOutput({ outputError: (text, write) => write(text) });

  const run = cli
    .command('run')
    .description(
      'Run one scenario and write ledger.jsonl, journal.ledger, trace.jsonl, outcomes.jsonl, details.jsonl, cycles.jsonl, run.json, report.json, report.md, report.html, scenario.json and manifest.json (the sha256 of each file, for verify) to a folder, swapped in only when complete. Every built-in invariant is checked as the run streams: a broken one stops the run with exit 1, naming it, the flow and the entry, and writes no folder.',
    )
    .argument('<scenario-file>', SCENARIO_ARGUMENT)
    .option('--seed <n>', "seed for every random stream (default: the scenario's seed)", parseSeed)
    .option('--out <dir>', 'output folder (default: out/<scenario name>)')
    .option('-q, --quiet', 'no progress and no summary')
    .option('--set <path=value>', 'put a value (a YAML scalar) at a scenario path, validated as the file is (repeatable), e.g. regime.preset=dfa-law', collect);
  limitOptions(run).action(async (file: string, opts: { seed?: number; out?: string; quiet?: boolean; set?: string[] } & LimitOptions) => {
      const s = withSets(await load(file, limitsFrom(opts)), opts.set, file);
      const out = opts.out ?? join('out', s.name);
      const { report, seconds } = await runOne(s.name, s, out, opts.seed, opts.quiet ?? false);
      reportBrokenPromises(s.name, report);
      if (!opts.quiet) {
        console.log(summaryTables([{ scenario: s.name, report }]));
        console.log(`\nwrote ${out}/ (${report.ledger.entries} journal entries) in ${seconds.toFixed(1)} s`);
      }
    });

  const suite = cli
    .command('suite')
    .description('Run every scenario in the given folders or files, each to <out>/<scenario name>/, print one summary table per kind of flow, and write summary.json and summary.csv (every headline figure per scenario) to <out>.')
    .argument('[paths...]', 'scenario files or folders of them (in a folder: .yaml, .yml, .json and *.scenario.ts/*.scenario.js, which are executed)', ['scenarios'])
    .option('--seed <n>', "seed for every scenario (default: each scenario's own)", parseSeed)
    .option('--out <dir>', 'parent folder of the run folders', 'out')
    .option('-q, --quiet', 'no progress');
  limitOptions(suite).action(async (paths: string[], opts: { seed?: number; out: string; quiet?: boolean } & LimitOptions) => {
      const files = scenarioFiles(paths);
      // Validate everything first: one bad file stops the suite before anything is written.
      const problems: string[] = [];
      const scenarios: { file: string; s: Model }[] = [];
      for (const file of files) {
        const r = await loadScenarioFile(file, limitsFrom(opts));
        if (r.ok) scenarios.push({ file, s: r.scenario });
        else problems.push(formatProblems(file, r.problems));
      }
      if (problems.length > 0) throw new BadInput(problems.join('\n'));
      const names = new Map<string, string>();
      for (const { file, s } of scenarios) {
        const other = names.get(s.name);
        if (other) throw new BadInput(`${file}: name: "${s.name}" is also the name of ${other}; each scenario needs its own output folder`);
        names.set(s.name, file);
      }
      const rows: SummaryRow[] = [];
      let total = 0;
      for (const { s } of scenarios) {
        const { report, seconds } = await runOne(s.name, s, join(opts.out, s.name), opts.seed, opts.quiet ?? false);
        total += seconds;
        rows.push({ scenario: s.name, report });
        reportBrokenPromises(s.name, report);
      }
      writeSuiteSummary(opts.out, rows);
      console.log(summaryTables(rows));
      console.log(`\n${rows.length} scenarios run in ${total.toFixed(1)} s; outputs in ${opts.out}/<scenario>/ (report.md to read, report.json for tools); every figure in ${opts.out}/summary.json and summary.csv`);
    });

  const check = cli
    .command('check')
    .description('Validate a scenario file: say what is wrong with it, or that it is valid (a .ts/.js script is executed to get its scenario).')
    .argument('<scenario-file>', SCENARIO_ARGUMENT);
  limitOptions(check).action(async (file: string, opts: LimitOptions) => {
      const s = await load(file, limitsFrom(opts));
      const flows = paymentCount(s);
      console.log(`${file}: valid scenario "${s.name}": ${s.participants.length} participants, ${flows} payments and orders, seed ${s.seed}`);
      // Valid, so exit 0; but said, since the run would fail every such order.
      for (const w of scenarioWarnings(s)) console.error(`${file}: warning: ${w.path}: ${w.message}`);
    });

  addExplainCommand(cli, (file) => load(file), SCENARIO_ARGUMENT, parseSeed);

  cli
    .command('diagram')
    .description("Print the state diagram of a flow, generated from the machine definition itself; with --run, weighted by how many of that run's flows took each transition.")
    .argument('[flow]', `flow to draw: ${Object.keys(FLOWS).join(', ')} (default: all; with --run, all the run used)`)
    .option('--format <format>', DIAGRAM_FORMATS.join(', '), 'mermaid')
    .option('--run <run-folder>', 'a folder written by railpilot run or suite: count the transitions of its trace')
    .addHelpText('after', DIAGRAM_HELP)
    .action(async (flow: string | undefined, opts: { format: string; run?: string }) => {
      process.stdout.write(await diagramText(flow, opts));
    });

  cli
    .command('verify')
    .description('Re-read a run folder and check it: every file against manifest.json, the facts against scenario.json, entry ids and times, complete traces, then every settlement invariant; exit 1 if one fails.')
    .argument('<run-folder>', 'a folder written by railpilot run or suite')
    .option('--same-as <other-run-folder>', 'also check determinism: a run of the same scenario and seed must be byte-identical')
    .action((folder: string, opts: { sameAs?: string }) => {
      const verdicts = verifyRun(folder);
      if (opts.sameAs !== undefined) verdicts.push(sameRun(folder, opts.sameAs));
      console.log(formatVerdicts(verdicts));
      const failed = verdicts.filter((v) => !v.ok).length;
      console.log(failed === 0 ? `\nall ${verdicts.length} invariants hold` : `\n${failed} of ${verdicts.length} invariants fail`);
      if (failed > 0) verdict = EXIT.invariant;
    });

  cli
    .command('report')
    .description("Recompute report.json, report.md and report.html from a run folder's records alone (run.json, outcomes.jsonl, details.jsonl, cycles.jsonl): the same bytes `run` wrote.")
    .argument('<run-folder>', 'a folder written by railpilot run or suite')
    .option('--out <dir>', 'where to write the three files (default: the run folder itself)')
    .action(async (folder: string, opts: { out?: string }) => {
      const out = opts.out ?? folder;
      await reportFromFolder(folder, out);
      console.log(`wrote report.json, report.md and report.html to ${out}/`);
    });

  cli
    .command('compare')
    .description('Set two run folders side by side (one scenario under two settings, or two seeds): what each ran, the headline figures of each with their difference, and which flows both ran ended differently. Exit 0 whenever it compared.')
    .argument('<run-a>', 'a folder written by railpilot run or suite')
    .argument('<run-b>', 'the folder to set beside it')
    .option('--json', 'print the comparison as JSON')
    .option('--limit <n>', 'how many differently-ended flows to list', parseLimit, 20)
    .action(async (a: string, b: string, opts: { json?: boolean; limit: number }) => {
      const c = await compareRuns(a, b, opts.limit);
      console.log(opts.json ? JSON.stringify(c, null, 2) : formatComparison(c));
    });

  cli
    .command('schema')
    .description('Print the scenario format as JSON Schema (draft-07), for editors and validators.')
    .action(() => {
      console.log(JSON.stringify(scenarioJsonSchema(), null, 2));
    });

  addSweepCommands(cli, (code) => (verdict = code));

  for (const command of cli.commands) command.addHelpText('after', `\n${EXIT_CODES_HELP}`);
  return cli;
}

export async function main(argv: string[]): Promise<number> {
  if (argv.length === 0) {
    process.stderr.write(program().helpInformation());
    return EXIT.badInput;
  }
  try {
    verdict = EXIT.ok;
    await program().parseAsync(argv, { from: 'user' });
    return verdict;
  } catch (e) {
    if (e instanceof CommanderError) {
      return e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help' ? EXIT.ok : EXIT.badInput;
    }
    if (e instanceof BadInput) {
      process.stderr.write(`${e.message}\n`);
      return EXIT.badInput;
    }
    if (e instanceof InvariantBroken) {
      process.stderr.write(`railpilot: ${e.message}\n`);
      return EXIT.invariant;
    }
    const err = e as Error;
    process.stderr.write(`railpilot: internal error: ${err.message}\n`);
    if (process.env.RAILPILOT_DEBUG) process.stderr.write(`${err.stack}\n`);
    else process.stderr.write('(set RAILPILOT_DEBUG=1 to see where; please report it)\n');
    return EXIT.internal;
  }
}
