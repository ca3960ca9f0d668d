// deploy/: the Kubernetes Indexed Job has the shape a cluster needs (one pod per shard, a shared
// volume for the shard folders, an index failed without retry on exit 1), and the commands the
// manifest and the Slurm script run keep the shard contract: n processes, each told only its
// 0-based index by the cluster's variable, then sweep-merge, give the bytes of a one-machine sweep.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { BIN, railpilot, tempDir } from '../cli/helpers.js';

interface Container {
  name: string;
  command: string[];
  args: string[];
  env: { name: string; value: string }[];
  volumeMounts: { name: string; mountPath: string }[];
}
interface Job {
  kind: string;
  metadata: { name: string };
  spec: {
    completionMode: string;
    completions: number;
    parallelism: number;
    backoffLimitPerIndex: number;
    podFailurePolicy: { rules: { action: string; onExitCodes?: { containerName?: string; operator: string; values: number[] } }[] };
    template: { spec: { restartPolicy: string; containers: Container[]; volumes: { name: string; persistentVolumeClaim: { claimName: string } }[] } };
  };
}

const docs = parseAllDocuments(readFileSync('deploy/k8s/sweep-job.yaml', 'utf8')).map((d) => d.toJS() as { kind: string; metadata: { name: string }; spec: unknown });
const job = docs.find((d) => d.kind === 'Job') as unknown as Job;
const claim = docs.find((d) => d.kind === 'PersistentVolumeClaim') as { metadata: { name: string }; spec: { accessModes: string[] } };
const container = job.spec.template.spec.containers[0]!;
const envOf = (name: string) => container.env.find((e) => e.name === name)?.value;
const SLURM = resolve('deploy/slurm/sweep.sbatch');
const SMALL = resolve('tests/cli/sweep/small.yaml');

describe('the Kubernetes Indexed Job', () => {
  it('runs one pod per shard, as many shards as completions', () => {
    expect(job.spec.completionMode).toBe('Indexed');
    expect(job.spec.parallelism).toBeLessThanOrEqual(job.spec.completions);
    expect(Number(envOf('SHARDS'))).toBe(job.spec.completions);
    expect(container.args[0]).toMatch(/sweep .*--shards "\$SHARDS"/);
    expect(container.args[0]).toContain('$JOB_COMPLETION_INDEX');
  });

  it('fails an index without retrying it when an invariant broke (exit 1), and retries other failures', () => {
    expect(job.spec.template.spec.restartPolicy).toBe('Never');
    const failIndex = job.spec.podFailurePolicy.rules.find((r) => r.action === 'FailIndex')!;
    expect(failIndex.onExitCodes).toMatchObject({ containerName: container.name, operator: 'In' });
    expect(failIndex.onExitCodes!.values).toContain(1);
    expect(failIndex.onExitCodes!.values).not.toContain(3);
    expect(job.spec.backoffLimitPerIndex).toBeGreaterThan(0);
  });

  it('writes every shard folder to a volume all pods share, which the merge job reads', () => {
    const volume = job.spec.template.spec.volumes.find((v) => v.name === container.volumeMounts[0]!.name)!;
    expect(volume.persistentVolumeClaim.claimName).toBe(claim.metadata.name);
    expect(claim.spec.accessModes).toContain('ReadWriteMany');
    expect(envOf('SHARD_ROOT')).toBe(container.volumeMounts[0]!.mountPath);
    const merge = parseAllDocuments(readFileSync('deploy/k8s/merge-job.yaml', 'utf8'))[0]!.toJS() as Job;
    const m = merge.spec.template.spec;
    expect(m.volumes[0]!.persistentVolumeClaim.claimName).toBe(claim.metadata.name);
    expect(m.containers[0]!.args[0]).toContain(`sweep-merge ${envOf('SHARD_ROOT')}/shard-*`);
  });

  it('has a Slurm array as large as its shard count', () => {
    const script = readFileSync(SLURM, 'utf8');
    const [, last] = /^#SBATCH --array=0-(\d+)$/m.exec(script)!;
    expect(/SHARDS=\$\{SHARDS:-(\d+)\}/.exec(script)![1]).toBe(String(Number(last) + 1));
  });
});

/** Runs `cmd` with `env` added; resolves with its exit code and stderr. */
function run(cmd: string, args: string[], env: Record<string, string>): Promise<{ code: number | null; stderr: string }> {
  return new Promise((done, fail) => {
    const child = spawn(cmd, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', fail);
    child.on('close', (code) => done({ code, stderr }));
  });
}

describe('the shard contract, run locally with n processes', () => {
  const n = 3;
  const sweep = { SCENARIO: SMALL, SEEDS: '1..3', SETS: '--set rails.npcsFeeBps=0,25', SHARDS: String(n) };
  let tmp: ReturnType<typeof tempDir>;
  let reference: string;
  beforeAll(() => {
    tmp = tempDir('deploy');
    reference = join(tmp.dir, 'one-machine');
    const r = railpilot(['sweep', SMALL, '--seeds', sweep.SEEDS, '--set', 'rails.npcsFeeBps=0,25', '--workers', '1', '--out', reference, '-q']);
    expect(r.code, r.stderr).toBe(0);
  });
  afterAll(() => tmp.cleanup());

  const sameBytes = (merged: string) => {
    for (const f of ['runs.parquet', 'ensemble.json', 'ensemble.md', 'ensemble.html']) expect(readFileSync(join(merged, f)).equals(readFileSync(join(reference, f))), f).toBe(true);
  };

  it("the manifest's command, with JOB_COMPLETION_INDEX 0..n-1, merges to a one-machine sweep", async () => {
    const root = join(tmp.dir, 'k8s');
    const script = container.args[0]!.replace('node dist/src/cli/bin.js', `node ${BIN}`);
    const results = await Promise.all(Array.from({ length: n }, (_, i) => run('sh', ['-c', script], { ...sweep, WORKERS: '1', SHARD_ROOT: root, JOB_COMPLETION_INDEX: String(i) })));
    for (const r of results) expect(r.code, r.stderr).toBe(0);
    const m = railpilot(['sweep-merge', ...Array.from({ length: n }, (_, i) => join(root, `shard-${i}`)), '--out', join(root, 'merged'), '-q']);
    expect(m.code, m.stderr).toBe(0);
    sameBytes(join(root, 'merged'));
  });

  it('the Slurm script, with SLURM_ARRAY_TASK_ID 0..n-1, merges to a one-machine sweep', async () => {
    const out = join(tmp.dir, 'slurm');
    const results = await Promise.all(
      Array.from({ length: n }, (_, i) => run('bash', [SLURM], { ...sweep, OUT: out, SLURM_ARRAY_TASK_ID: String(i), SLURM_CPUS_PER_TASK: '1' })),
    );
    for (const r of results) expect(r.code, r.stderr).toBe(0);
    const m = railpilot(['sweep-merge', ...Array.from({ length: n }, (_, i) => join(out, `shard-${i}`)), '--out', join(out, 'merged'), '-q']);
    expect(m.code, m.stderr).toBe(0);
    sameBytes(join(out, 'merged'));
  });
});
