// The agent's results waiting to be sent. Bounded: while the server is unreachable the oldest
// results go first (the newest say most about now), and every one dropped is counted and reported.

export class Outbox<T> {
  private items: T[] = [];
  private head = 0;
  private pushed = 0;
  dropped = 0;

  constructor(readonly limit: number) {
    if (!(limit >= 1)) throw new Error("the buffer limit must be at least 1");
  }

  get size(): number {
    return this.items.length - this.head;
  }

  /** Sequence number (0-based, in push order) of the oldest item held: `peek` starts there. */
  get headSeq(): number {
    return this.pushed - this.size;
  }

  push(item: T): void {
    this.items.push(item);
    this.pushed++;
    const over = this.size - this.limit;
    if (over > 0) {
      this.head += over;
      this.dropped += over;
    }
    // Compact now and then instead of shifting on every drop or send.
    if (this.head > 4096 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
  }

  /** The oldest `n`, left in place until `remove` confirms they were stored. */
  peek(n: number): T[] {
    return this.items.slice(this.head, this.head + n);
  }

  /**
   * Removes the `batch` peeked earlier. Results dropped meanwhile (the buffer overflowed during the
   * send) were the oldest, so only the part of the batch still in the buffer is removed.
   */
  remove(batch: readonly T[]): void {
    if (!batch.length) return;
    const first = this.items.indexOf(batch[0], this.head);
    if (first === -1) {
      // Its oldest were dropped already; whatever is still there from the batch sits at the front.
      const sent = new Set(batch);
      while (this.size > 0 && sent.has(this.items[this.head])) this.head++;
      return;
    }
    this.head = Math.max(this.head, first + batch.length);
  }
}
