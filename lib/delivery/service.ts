// One background loop for an outbox: every replica ticks each second, never overlapping itself,
// prunes old rows every ten minutes, and on stop waits for the send in progress.
import type { BackgroundService } from "../runtime/registry";
import type { Logger } from "pino";

const TICK_MS = 1_000;
const PRUNE_EVERY_MS = 10 * 60_000;

type Outbox = {
  name: string;
  dispatch: () => Promise<unknown>;
  prune: () => Promise<unknown>;
  /** Said once at start, e.g. a missing setting that disables part of the outbox. */
  announce?: (log: Logger) => void;
};

export function deliveryService(box: Outbox): BackgroundService {
  return {
    name: box.name,
    start: async (ctx) => {
      box.announce?.(ctx.log);
      let current: Promise<unknown> | null = null;
      let lastPrune = 0;
      const timer = setInterval(() => {
        if (current) return;
        const prune = Date.now() - lastPrune > PRUNE_EVERY_MS;
        if (prune) lastPrune = Date.now();
        current = (prune ? box.prune() : Promise.resolve(0))
          .then(() => box.dispatch())
          .catch((err: unknown) => ctx.log.error({ err: err instanceof Error ? err.message : String(err) }, `${box.name} failed`))
          .finally(() => (current = null));
      }, TICK_MS);
      timer.unref();
      return async () => {
        clearInterval(timer);
        await current;
      };
    },
  };
}
