// The `explain` command: one flow's life, from a scenario file or from a run folder, or with
// --list the run's flows to pick one from. A run folder is explained by running its scenario.json
// again with the seed of its run.json (runs are deterministic), not by reading its records: the
// records hold the flow's transitions and entries, but not the fault windows, the listings, the
// cap in force and the cap's use at an order's instant, or the whole ledger's balance at the moment
// a hold failed, and the causes need those. The re-run is checked against the folder's
// outcomes.jsonl, so a folder that no longer matches its scenario is named, not explained wrongly.

import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import type { Model } from '../scenario/model.js';
import { writtenOutcomeSchema } from '../records/index.js';
import { ANSI, PLAIN, collectStory, listFlows, mostInstructive, storyMarkdown, storyText, type FlowSummary } from '../app/explain.js';
import { filterFlows, listText } from '../app/explainList.js';
import { BadInput } from './errors.js';
import { readRunRecord, records, runFolder } from './readRunFolder.js';

interface ExplainOptions {
  payment?: string;
  format: string;
  seed?: number;
  list?: boolean;
  status?: string;
  reason?: string;
}

/** The scenario and seed to run: a scenario file's own, or a run folder's scenario.json and seed. */
async function source(path: string, opts: ExplainOptions, load: (file: string) => Promise<Model>): Promise<{ model: Model; seed?: number; folder?: string }> {
  if (!existsSync(path) || !statSync(path).isDirectory()) return { model: await load(path), ...(opts.seed === undefined ? {} : { seed: opts.seed }) };
  runFolder(path, ['scenario.json', 'run.json', 'outcomes.jsonl']);
  if (opts.seed !== undefined) throw new BadInput(`--seed: ${path} is a run folder, whose run.json fixes the seed; give --seed only with a scenario file`);
  return { model: await load(join(path, 'scenario.json')), seed: readRunRecord(path).seed, folder: path };
}

/** The folder's own line for flow `id`, to check the re-run against. */
async function writtenOutcome(folder: string, id: string): Promise<{ status: string; reason: string | null; line: number } | undefined> {
  for await (const o of records(join(folder, 'outcomes.jsonl'), writtenOutcomeSchema)) {
    if (o.value.id === id) return { status: o.value.status, reason: o.value.reason, line: o.line };
  }
  return undefined;
}

/** The flows to name for an unknown id: those whose id contains it (a typed part of one), else the first ones. */
function suggest(flows: readonly FlowSummary[], id: string | undefined): string {
  const near = id === undefined || id === '' ? [] : flows.filter((f) => f.id.includes(id) || id.includes(f.id));
  if (near.length > 0 && near.length <= 10) return `did you mean ${near.map((f) => f.id).join(' or ')}?`;
  const ids = flows.slice(0, 10).map((f) => f.id);
  return `its flows include ${ids.join(', ')}${flows.length > 10 ? ` and ${flows.length - 10} more (see --list)` : ''}`;
}

export function addExplainCommand(cli: Command, load: (file: string) => Promise<Model>, scenarioArgument: string, parseSeed: (v: string) => number): void {
  cli
    .command('explain')
    .description(
      "Tell one flow's life step by step (a payment, a receipt, a retail purchase or sale, a correspondent payment or a clearing cycle): each state and why, how long it waited there and what held it (the fault and its window), the ledger entries it made and what they changed at each account it touched, and why it ended so (the listing and its time, the rule, the cap and its use). With --list, the run's flows to pick one from.",
    )
    .argument('<scenario-or-run-folder>', `${scenarioArgument}; or a run folder written by railpilot run (its scenario.json is run again with the seed of its run.json)`)
    .option('--payment <id>', 'the flow to explain: a payment, receipt, order or clearing cycle id (default: the one that shows most of its flow)')
    .option('--list', 'list the flows instead (id, kind, status, reason, when it began, how long it took)')
    .option('--status <status>', 'with --list: only flows that ended so (settled, rejected, refunded, frozen, purchased, sold, ...)')
    .option('--reason <reason>', 'with --list: only flows with this reason, in full (regime.notRegistered:minerSales) or its code (regime.notRegistered)')
    .option('--format <format>', 'text (for a terminal) or md (Markdown)', 'text')
    .option('--seed <n>', "seed for every random stream (default: the scenario's seed; not with a run folder)", parseSeed)
    .addHelpText('after', '\nExamples:\n  railpilot explain scenarios/halted-chain-refund.yaml --payment during-halt\n  railpilot explain out/retail-cap-dfa-law --list --reason cap.exceeded\n  railpilot explain out/retail-cap-dfa-law --payment <id from the list> --format md')
    .action(async (path: string, opts: ExplainOptions) => {
      if (opts.format !== 'text' && opts.format !== 'md') throw new BadInput(`--format: expected text or md, got ${JSON.stringify(opts.format)}`);
      if (!opts.list && (opts.status !== undefined || opts.reason !== undefined)) throw new BadInput(`${opts.status !== undefined ? '--status' : '--reason'}: filters the list; give it with --list`);
      if (opts.list && opts.payment !== undefined) throw new BadInput('--payment: give either --list or --payment, not both');
      const { model, seed, folder } = await source(path, opts, load);
      const flows = listFlows(model, seed);
      if (opts.list) {
        const kept = filterFlows(flows, opts);
        if (!kept.ok) throw new BadInput(`${kept.option}: ${path}: ${kept.problem}`);
        process.stdout.write(listText(kept.flows) + '\n');
        return;
      }
      const id = opts.payment ?? mostInstructive(new Map(flows.map((f) => [f.id, f.transitions])));
      if (id === undefined || !flows.some((f) => f.id === id)) {
        throw new BadInput(`--payment: ${path} has no payment or order ${JSON.stringify(id)}; ${suggest(flows, id)}`);
      }
      const story = collectStory(model, id, seed)!;
      if (folder !== undefined && story.flow !== 'clearingCycle') {
        const written = await writtenOutcome(folder, id);
        if (!written || written.status !== story.status || written.reason !== story.reason) {
          const said = written ? `${written.status}${written.reason ? ` (${written.reason})` : ''} at line ${written.line}` : 'nothing';
          throw new BadInput(`${join(folder, 'outcomes.jsonl')}: says ${said} for ${id}, but its scenario.json run with seed ${seed} ends it ${story.status}${story.reason ? ` (${story.reason})` : ''}; expected the folder railpilot run wrote`);
        }
      }
      const color = process.stdout.isTTY && !process.env.NO_COLOR;
      process.stdout.write(opts.format === 'md' ? storyMarkdown(story) + '\n' : storyText(story, color ? ANSI : PLAIN) + '\n');
    });
}
