import type { BackgroundService } from "../../runtime/registry";
import { CheckEngine } from "./engine";

/** Started by lib/runtime/services.ts; every replica runs one, the lease picks who probes. */
export const checkEngineService: BackgroundService = {
  name: "check-engine",
  start: async () => {
    const engine = new CheckEngine();
    await engine.start();
    return () => engine.stop();
  },
};
