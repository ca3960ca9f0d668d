// Buffered, synchronous line output to a file: the simulation loop is synchronous, and writing
// as it goes keeps memory flat however long the run.

import { closeSync, openSync, writeSync } from 'node:fs';

export class FileSink {
  private readonly fd: number;
  private buffer: string[] = [];
  private pending = 0;

  constructor(readonly path: string, private readonly limit = 1 << 16) {
    this.fd = openSync(path, 'w');
  }

  write(text: string): void {
    this.buffer.push(text);
    this.pending += text.length;
    if (this.pending >= this.limit) this.flush();
  }

  flush(): void {
    if (this.buffer.length === 0) return;
    writeSync(this.fd, this.buffer.join(''));
    this.buffer = [];
    this.pending = 0;
  }

  close(): void {
    this.flush();
    closeSync(this.fd);
  }
}
