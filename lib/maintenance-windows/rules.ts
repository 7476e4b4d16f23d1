// The rules a maintenance window must satisfy, as pure functions (unit-tested) so the API and the
// admin form agree. A window "touches" its listed components, its listed layers and the layers of
// its listed components; two windows conflict when their times overlap and they touch a common
// component or layer, or when either one drives the maintenance page (there is only one page).
import type { FieldErrors } from "../http/errors";

export const MAX_WINDOW_MS = 7 * 24 * 3600_000;
/** A start this far in the past is still accepted: the admin's clock and ours differ a little, and "now" takes a moment to submit. */
export const START_SLACK_MS = 60_000;

export type WindowPlan = { startsAt: Date; endsAt: Date; componentKeys: string[]; layerKeys: string[]; maintenancePage: boolean };
export type ExistingWindow = WindowPlan & { id: string; title: string };
/** Layer keys each component key depends on (from stack.yaml `components`). */
export type ComponentLayers = ReadonlyMap<string, readonly string[]>;

export function validatePlan(plan: WindowPlan, opts: { now: Date; components: ComponentLayers; layerKeys: ReadonlySet<string>; checkStart: boolean }): FieldErrors {
  const errors: FieldErrors = {};
  const start = plan.startsAt.getTime();
  const end = plan.endsAt.getTime();
  if (opts.checkStart && start < opts.now.getTime() - START_SLACK_MS) errors.startsAt = "must not be in the past";
  if (end <= start) errors.endsAt = "must be after the start";
  else if (end - start > MAX_WINDOW_MS) errors.endsAt = "must be at most 7 days after the start";
  const unknownComponents = plan.componentKeys.filter((k) => !opts.components.has(k));
  if (unknownComponents.length) errors.componentKeys = `unknown component${unknownComponents.length > 1 ? "s" : ""}: ${unknownComponents.join(", ")}`;
  const unknownLayers = plan.layerKeys.filter((k) => !opts.layerKeys.has(k));
  if (unknownLayers.length) errors.layerKeys = `unknown layer${unknownLayers.length > 1 ? "s" : ""}: ${unknownLayers.join(", ")}`;
  if (!plan.componentKeys.length && !plan.layerKeys.length && !plan.maintenancePage)
    errors.componentKeys ??= "choose at least one component or layer, or let the window switch the maintenance page";
  return errors;
}

/** Every layer key the window silences: its listed layers and the layers of its listed components. */
export function touchedLayers(plan: Pick<WindowPlan, "componentKeys" | "layerKeys">, components: ComponentLayers): Set<string> {
  return new Set([...plan.layerKeys, ...plan.componentKeys.flatMap((k) => components.get(k) ?? [])]);
}

const overlapsInTime = (a: WindowPlan, b: WindowPlan) => a.startsAt.getTime() < b.endsAt.getTime() && b.startsAt.getTime() < a.endsAt.getTime();

/** The first of `others` (scheduled or in progress) that `plan` conflicts with, or null. */
export function findConflict<W extends ExistingWindow>(plan: WindowPlan, others: readonly W[], components: ComponentLayers): W | null {
  const mine = touchedLayers(plan, components);
  for (const other of others) {
    if (!overlapsInTime(plan, other)) continue;
    if (plan.maintenancePage || other.maintenancePage) return other;
    if (plan.componentKeys.some((k) => other.componentKeys.includes(k))) return other;
    if ([...touchedLayers(other, components)].some((k) => mine.has(k))) return other;
  }
  return null;
}

/** "2026-12-01 22:00 UTC", as the admin form shows times. */
export function utc(d: Date): string {
  return `${d.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}
