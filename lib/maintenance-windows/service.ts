// Moves windows along on time: scheduled → in_progress at startsAt, in_progress → completed at
// endsAt. Every replica runs it; the conditional UPDATE in lifecycle.ts lets exactly one of them
// perform each transition. The due query is one indexed lookup, cheap enough to run twice a second
// so a window starts within about a second of its time.
import type { BackgroundService } from "../runtime/registry";
import { advanceWindows } from "./lifecycle";
import { invalidateSilence } from "./silence";

export const WINDOW_TICK_MS = 500;

export const maintenanceWindowService: BackgroundService = {
  name: "maintenance windows",
  start: async (ctx) => {
    let running = false;
    const tick = () => {
      if (running) return;
      running = true;
      advanceWindows()
        .catch((err: unknown) => ctx.log.error({ err }, "maintenance window service failed"))
        .finally(() => (running = false));
    };
    // A stack edit can change which layers a window's components stand for.
    ctx.onStackChanged.add(invalidateSilence);
    const timer = setInterval(tick, WINDOW_TICK_MS);
    timer.unref();
    tick();
    return async () => {
      clearInterval(timer);
      ctx.onStackChanged.delete(invalidateSilence);
    };
  },
};
