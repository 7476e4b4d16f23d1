import { offlineAfterMs } from "./config";

export function isOnline(lastSeenAt: Date | null, now = Date.now()): boolean {
  return lastSeenAt !== null && now - lastSeenAt.getTime() <= offlineAfterMs();
}
