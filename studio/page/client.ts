// The page's side of the worker: starts it from a blob: URL (the only way a page opened from
// file:// may start one in Chromium) and turns its replies into promises. A run cannot be
// interrupted, so while one is in flight only the newest request of each kind waits: typing
// fast or turning a control many times runs the last setting, not every one in between.

import type { Reply, Request } from '../worker/messages.js';

type Ask = Request extends infer R ? (R extends Request ? Omit<R, 'id'> : never) : never;

export class CoreClient {
  private readonly worker: Worker;
  private next = 1;
  private busy = false;
  private readonly waiting = new Map<string, { ask: Ask; resolve: (r: Reply | undefined) => void }>();
  private current: ((r: Reply) => void) | undefined;

  constructor(source: string) {
    const url = URL.createObjectURL(new Blob([source], { type: 'text/javascript' }));
    this.worker = new Worker(url);
    this.worker.onmessage = (ev: MessageEvent<Reply>) => {
      const done = this.current;
      this.current = undefined;
      this.busy = false;
      done?.(ev.data);
      this.pump();
    };
    this.worker.onerror = (ev) => {
      ev.preventDefault();
      const done = this.current;
      this.current = undefined;
      this.busy = false;
      done?.({ id: 0, kind: 'error', message: ev.message || 'the simulator stopped' });
      this.pump();
    };
  }

  /** Sends a request; resolves undefined if a newer one of the same kind replaced it unsent. */
  ask(ask: Ask): Promise<Reply | undefined> {
    return new Promise((resolve) => {
      this.waiting.get(ask.kind)?.resolve(undefined);
      this.waiting.set(ask.kind, { ask, resolve });
      this.pump();
    });
  }

  private pump(): void {
    if (this.busy) return;
    const first = this.waiting.entries().next();
    if (first.done) return;
    const [kind, { ask, resolve }] = first.value;
    this.waiting.delete(kind);
    this.busy = true;
    this.current = resolve;
    this.worker.postMessage({ ...ask, id: this.next++ });
  }
}
