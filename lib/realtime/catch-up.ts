// The browser's side of replay, kept free of React so it can be tested against a real server.
// Events can arrive out of seq order (two transactions commit in the other order, or a live event
// overtakes a replay answer), so applied events are remembered by seq rather than by "highest
// seen": a replayed event older than the newest live one is still applied, and nothing twice.
import type { AckResult, LiveEnvelope, Replay } from "./catalogue";

const KEEP = 5_000;

export class LiveCursor {
  private floor: number;
  private high: number;
  private readonly applied = new Set<number>();

  /** `initialSeq`: the newest event already reflected in what the page loaded. */
  constructor(initialSeq: number) {
    this.floor = initialSeq;
    this.high = initialSeq;
  }

  /** Where a reconnecting client asks to replay from. */
  get since(): number {
    return this.high;
  }

  /** True the first time an event is seen (apply it); false for a duplicate or an old one. */
  accept(seq: number): boolean {
    if (seq <= this.floor || this.applied.has(seq)) return false;
    this.applied.add(seq);
    if (seq > this.high) this.high = seq;
    if (this.applied.size > 2 * KEEP) {
      const sorted = [...this.applied].sort((a, b) => a - b);
      for (const s of sorted.slice(0, KEEP)) this.applied.delete(s);
      this.floor = sorted[KEEP - 1];
    }
    return true;
  }
}

/** Asks page by page (`page` 0 first) until the server has nothing more; false if it refused. */
export async function catchUp(
  request: (since: number, page: number) => Promise<AckResult<Replay>>,
  since: number,
  apply: (events: LiveEnvelope[]) => void,
): Promise<boolean> {
  let from = since;
  for (let page = 0; ; page++) {
    const res = await request(from, page);
    if (!res.ok) return false;
    apply(res.data.missed);
    const last = res.data.missed.at(-1);
    if (!res.data.more || !last) return true;
    from = last.seq;
  }
}
