// Background services (check scheduler, cadence watcher, pruning, maintenance windows) are listed here so server.ts
// stays unaware of the domains.
import type { AppContext } from "./context";
import { checkEngineService } from "../checks/engine/service";
import { cadenceWatcher } from "../incidents/cadence";
import { webhookDispatcher } from "../webhooks/dispatcher";
import { subscriberDispatcher } from "../subscriptions/dispatcher";
import { maintenanceWindowService } from "../maintenance-windows/service";
import { agentWatchService } from "../agents/watch";

export type BackgroundService = { name: string; start: (ctx: AppContext) => Promise<() => Promise<void>> };

export function backgroundServices(): BackgroundService[] {
  return [checkEngineService, cadenceWatcher, webhookDispatcher, subscriberDispatcher, maintenanceWindowService, agentWatchService];
}
