// A layer's status from its checks. Pure: shared by the API, the public status page and tests.
export type Status = "up" | "degraded" | "down" | "unknown";

export type CheckStatusInput = { state: Status; critical: boolean; enabled: boolean };

/**
 * unknown: no enabled check, or none has reported yet (paused checks are ignored).
 * down: a critical check is down. degraded: a non-critical check is down or any check degraded.
 * up: otherwise (checks still waiting for their first result do not hold a layer back).
 */
export function layerStatus(checks: readonly CheckStatusInput[]): Status {
  const live = checks.filter((c) => c.enabled && c.state !== "unknown");
  if (live.length === 0) return "unknown";
  if (live.some((c) => c.state === "down" && c.critical)) return "down";
  if (live.some((c) => c.state === "down" || c.state === "degraded")) return "degraded";
  return "up";
}

export function isFailing(s: Status): boolean {
  return s === "down" || s === "degraded";
}
