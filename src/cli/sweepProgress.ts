// A sweep's progress for the person waiting: a bar (runs done, rate, time left) on a terminal,
// a plain line every few seconds otherwise (CI logs, a cluster's pod log). Wall-clock reads stay
// here, in the CLI; nothing of them reaches the outputs.

import { SingleBar } from 'cli-progress';

export interface SweepProgress {
  tick(): void;
  stop(): void;
}

const SILENT: SweepProgress = { tick: () => undefined, stop: () => undefined };

function eta(seconds: number): string {
  if (!Number.isFinite(seconds)) return '?';
  if (seconds < 120) return `${Math.round(seconds)} s`;
  if (seconds < 7200) return `${Math.round(seconds / 60)} min`;
  return `${(seconds / 3600).toFixed(1)} h`;
}

export function sweepProgress(label: string, total: number, quiet: boolean, stream: NodeJS.WriteStream = process.stderr): SweepProgress {
  if (quiet || total === 0) return SILENT;
  const began = Date.now();
  let done = 0;
  const rate = () => done / Math.max((Date.now() - began) / 1000, 1e-3);
  if (stream.isTTY) {
    const bar = new SingleBar({ stream, format: `${label} {bar} {value}/{total} runs | {rate} runs/s | {left} left`, hideCursor: true, clearOnComplete: true });
    bar.start(total, 0, { rate: '0.0', left: '?' });
    return {
      tick: () => {
        done += 1;
        bar.update(done, { rate: rate().toFixed(1), left: eta((total - done) / rate()) });
      },
      stop: () => bar.stop(),
    };
  }
  let lastLine = began;
  const line = () => stream.write(`${label}: ${done}/${total} runs, ${rate().toFixed(1)} runs/s, ${eta((total - done) / rate())} left\n`);
  return {
    tick: () => {
      done += 1;
      const now = Date.now();
      if (now - lastLine >= 5000 || done === total) {
        lastLine = now;
        line();
      }
    },
    stop: () => undefined,
  };
}
