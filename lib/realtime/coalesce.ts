// Probe results arrive ~200/s with 2,000 checks; browsers only need to know which layers have
// fresh data, at most once a second, so results are folded into one volatile event per tick.
export class LayerResultCoalescer {
  private pending = new Set<string>();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly flush: (layerIds: string[]) => void,
    private readonly everyMs = 1000,
  ) {}

  add(layerId: string): void {
    this.pending.add(layerId);
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      const ids = [...this.pending];
      this.pending = new Set();
      if (ids.length) this.flush(ids);
    }, this.everyMs);
    this.timer.unref();
  }

  stop(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.pending.clear();
  }
}
