import { describe, expect, it } from "vitest";
import { findConflict, MAX_WINDOW_MS, touchedLayers, validatePlan, type ExistingWindow, type WindowPlan } from "./rules";

const now = new Date("2026-12-01T10:00:00Z");
const at = (min: number) => new Date(now.getTime() + min * 60_000);
const components = new Map([
  ["checkout", ["app", "db"]],
  ["website", ["cdn", "app"]],
  ["emails", ["mail"]],
]);
const layerKeys = new Set(["cdn", "app", "db", "mail", "queue"]);
const plan = (p: Partial<WindowPlan> = {}): WindowPlan => ({ startsAt: at(10), endsAt: at(70), componentKeys: [], layerKeys: ["queue"], maintenancePage: false, ...p });
const existing = (p: Partial<ExistingWindow> = {}): ExistingWindow => ({ id: "w1", title: "DB upgrade", ...plan(p), ...p });
const validate = (p: WindowPlan, checkStart = true) => validatePlan(p, { now, components, layerKeys, checkStart });

describe("validatePlan", () => {
  it("accepts a sound plan", () => {
    expect(validate(plan({ componentKeys: ["checkout"], layerKeys: ["queue"] }))).toEqual({});
  });

  it("refuses an end not after the start, naming endsAt", () => {
    expect(validate(plan({ endsAt: at(10) }))).toEqual({ endsAt: "must be after the start" });
    expect(validate(plan({ endsAt: at(5) }))).toEqual({ endsAt: "must be after the start" });
  });

  it("refuses a start in the past beyond a minute of slack, only when the start is being set", () => {
    expect(validate(plan({ startsAt: at(-0.5) }))).toEqual({});
    expect(validate(plan({ startsAt: at(-2) }))).toEqual({ startsAt: "must not be in the past" });
    expect(validate(plan({ startsAt: at(-2) }), false)).toEqual({});
  });

  it("refuses windows longer than 7 days", () => {
    expect(validate(plan({ startsAt: at(10), endsAt: new Date(at(10).getTime() + MAX_WINDOW_MS) }))).toEqual({});
    expect(validate(plan({ startsAt: at(10), endsAt: new Date(at(10).getTime() + MAX_WINDOW_MS + 1) }))).toEqual({ endsAt: "must be at most 7 days after the start" });
  });

  it("names unknown component and layer keys", () => {
    expect(validate(plan({ componentKeys: ["checkout", "nope"], layerKeys: ["db", "x", "y"] }))).toEqual({ componentKeys: "unknown component: nope", layerKeys: "unknown layers: x, y" });
  });

  it("needs something to concern: a component, a layer or the maintenance page", () => {
    expect(validate(plan({ layerKeys: [] })).componentKeys).toMatch(/at least one component or layer/);
    expect(validate(plan({ layerKeys: [], maintenancePage: true }))).toEqual({});
  });
});

describe("touchedLayers", () => {
  it("is the listed layers plus the layers of the listed components", () => {
    expect([...touchedLayers({ componentKeys: ["checkout"], layerKeys: ["queue"] }, components)].sort()).toEqual(["app", "db", "queue"]);
  });
});

describe("findConflict", () => {
  it("finds a window overlapping in time that shares a layer", () => {
    const other = existing({ layerKeys: ["queue"] });
    expect(findConflict(plan(), [other], components)).toBe(other);
  });

  it("sees a layer shared through a component on either side", () => {
    const other = existing({ layerKeys: ["db"] });
    expect(findConflict(plan({ componentKeys: ["checkout"], layerKeys: [] }), [other], components)).toBe(other);
    const viaComponent = existing({ componentKeys: ["website"], layerKeys: [] });
    expect(findConflict(plan({ layerKeys: ["cdn"] }), [viaComponent], components)).toBe(viaComponent);
    // checkout and website share the app layer.
    expect(findConflict(plan({ componentKeys: ["checkout"], layerKeys: [] }), [viaComponent], components)).toBe(viaComponent);
  });

  it("ignores windows that touch nothing in common", () => {
    expect(findConflict(plan({ layerKeys: ["queue"] }), [existing({ componentKeys: ["emails"], layerKeys: [] })], components)).toBeNull();
  });

  it("ignores windows that only touch end to start", () => {
    expect(findConflict(plan({ startsAt: at(70), endsAt: at(80) }), [existing()], components)).toBeNull();
    expect(findConflict(plan({ startsAt: at(0), endsAt: at(10) }), [existing()], components)).toBeNull();
    expect(findConflict(plan({ startsAt: at(69), endsAt: at(80) }), [existing()], components)).not.toBeNull();
  });

  it("treats the maintenance page as shared by every window that drives it, on either side", () => {
    const other = existing({ componentKeys: ["emails"], layerKeys: [] });
    expect(findConflict(plan({ maintenancePage: true }), [other], components)).toBe(other);
    const driver = existing({ componentKeys: ["emails"], layerKeys: [], maintenancePage: true });
    expect(findConflict(plan(), [driver], components)).toBe(driver);
    expect(findConflict(plan({ startsAt: at(100), endsAt: at(110), maintenancePage: true }), [driver], components)).toBeNull();
  });
});
