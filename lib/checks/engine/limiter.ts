/** Bounded concurrency: at most `max` probes in flight; the rest wait in arrival order. */
export class Limiter {
  private active = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(public max: number) {}

  async acquire(): Promise<() => void> {
    if (this.active >= this.max) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.active++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      // The slot passes straight to the next waiter, so `active` only drops when nobody waits (or
      // the limit was lowered meanwhile).
      const next = this.active <= this.max ? this.waiting.shift() : undefined;
      if (next) next();
      else this.active--;
    };
  }

  /** A raised limit lets waiters in at once. */
  resize(max: number): void {
    this.max = max;
    while (this.active < this.max && this.waiting.length) {
      this.active++;
      this.waiting.shift()!();
    }
  }

  get inFlight(): number {
    return this.active;
  }

  get queued(): number {
    return this.waiting.length;
  }
}
