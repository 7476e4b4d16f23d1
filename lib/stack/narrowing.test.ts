import { describe, expect, it } from "vitest";
import { narrow, type NarrowingLayer } from "./narrowing";
import type { Status } from "./status";

const L = (id: string, status: Status, optional = false): NarrowingLayer => ({ id, status, optional });

describe("narrow", () => {
  it("reports nothing when nothing fails", () => {
    const n = narrow([L("cdn", "up"), L("app", "unknown"), L("db", "up")]);
    expect(n.firstFailingLayerId).toBeNull();
    expect(n.likelyCauseLayerId).toBeNull();
    expect(n.symptomLayerIds).toEqual([]);
    expect(n.boundaryAfterLayerId).toBeNull();
  });

  it("marks the deepest failing layer as likely cause and the failing ones above as symptoms", () => {
    const n = narrow([L("cdn", "up"), L("lb", "up"), L("app", "down"), L("cache", "degraded"), L("db", "down"), L("queue", "up")]);
    expect(n.firstFailingLayerId).toBe("app");
    expect(n.likelyCauseLayerId).toBe("db");
    expect(n.symptomLayerIds).toEqual(["app", "cache"]);
    expect(n.boundaryAfterLayerId).toBe("lb");
    expect(n.healthyBelowLayerId).toBe("queue");
  });

  it("has no boundary above when the very first layer fails, and a lone failure is both first and cause", () => {
    const n = narrow([L("cdn", "down"), L("app", "up")]);
    expect(n.firstFailingLayerId).toBe("cdn");
    expect(n.likelyCauseLayerId).toBe("cdn");
    expect(n.symptomLayerIds).toEqual([]);
    expect(n.boundaryAfterLayerId).toBeNull();
    expect(n.healthyBelowLayerId).toBe("app");
  });

  it("prefers the main path: a failing optional layer below the cause is a side failure, not the cause", () => {
    const n = narrow([L("app", "down"), L("db", "down"), L("third", "down", true)]);
    expect(n.likelyCauseLayerId).toBe("db");
    expect(n.symptomLayerIds).toEqual(["app"]);
    expect(n.sideFailingLayerIds).toEqual(["third"]);
  });

  it("counts a failing optional layer above the cause as a symptom, and skips optional layers for the boundary", () => {
    const n = narrow([L("cdn", "up"), L("edge", "down", true), L("app", "down"), L("db", "up")]);
    expect(n.firstFailingLayerId).toBe("app");
    expect(n.likelyCauseLayerId).toBe("app");
    expect(n.symptomLayerIds).toEqual(["edge"]);
    expect(n.boundaryAfterLayerId).toBe("cdn");
  });

  it("falls back to optional layers when the whole main path is healthy", () => {
    const n = narrow([L("app", "up"), L("pay", "degraded", true), L("db", "up"), L("mail", "down", true)]);
    expect(n.firstFailingLayerId).toBe("pay");
    expect(n.likelyCauseLayerId).toBe("mail");
    expect(n.symptomLayerIds).toEqual(["pay"]);
    expect(n.boundaryAfterLayerId).toBe("app");
  });
});
