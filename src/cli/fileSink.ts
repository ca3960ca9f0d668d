// Buffered, synchronous line output to a file: the simulation loop is synchronous, and writing
// as it goes keeps memory flat however long the run. Each line is encoded into one reused byte
// buffer as it arrives, so no line outlives its write and no joined text is made per flush.

import { createHash, type Hash } from 'node:crypto';
import { closeSync, openSync, writeSync } from 'node:fs';

/** The most bytes one UTF-16 code unit takes in UTF-8 (a surrogate pair, two units, takes four). */
const MAX_BYTES_PER_UNIT = 3;
const NEWLINE = 10;

/**
 * Holds up to `limit` characters of text (as at most 3 bytes each) and writes them once they
 * reach it; a text that would not fit goes out at once, after what was held.
 */
export class FileSink {
  private readonly fd: number;
  private readonly bytes: Buffer;
  private used = 0;
  private pending = 0;
  /** sha256 of the bytes as they go out: the manifest's hash of the file, without reading it back. */
  private readonly hash: Hash = createHash('sha256');

  constructor(
    readonly path: string,
    private readonly limit = 1 << 16,
  ) {
    this.fd = openSync(path, 'w');
    this.bytes = Buffer.allocUnsafe(limit * MAX_BYTES_PER_UNIT);
  }

  write(text: string): void {
    if (this.used + text.length * MAX_BYTES_PER_UNIT > this.bytes.length) {
      // Held and new text together reach the limit: all of it goes out now, in order.
      this.flush();
      this.out(Buffer.from(text));
      return;
    }
    this.used += this.bytes.write(text, this.used);
    this.pending += text.length;
    if (this.pending >= this.limit) this.flush();
  }

  /**
   * `text` and a new line: the line is encoded as it came, the new line written as its byte, so
   * no line-and-newline copy of each line is made only to be encoded.
   */
  line(text: string): void {
    if (this.used + text.length * MAX_BYTES_PER_UNIT + 1 > this.bytes.length) return this.write(`${text}\n`);
    this.used += this.bytes.write(text, this.used);
    this.bytes[this.used++] = NEWLINE;
    this.pending += text.length + 1;
    if (this.pending >= this.limit) this.flush();
  }

  flush(): void {
    this.out(this.bytes.subarray(0, this.used));
    this.used = 0;
    this.pending = 0;
  }

  /** Writes the file's remaining bytes and closes it; gives the sha256 (hex) of all the bytes written. */
  close(): string {
    this.flush();
    closeSync(this.fd);
    return this.hash.digest('hex');
  }

  private out(bytes: Uint8Array): void {
    this.hash.update(bytes);
    for (let at = 0; at < bytes.length; ) at += writeSync(this.fd, bytes, at, bytes.length - at);
  }
}
