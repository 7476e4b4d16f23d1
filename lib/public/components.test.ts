import { describe, expect, it } from "vitest";
import { componentStatus, overallStatus } from "./components";

const dep = (impact: "major" | "partial" | "degraded", status: "up" | "down" | "degraded" | "unknown", inMaintenance = false) => ({ impact, status, inMaintenance });

describe("componentStatus", () => {
  it("maps a down layer to its impact level and takes the worst", () => {
    expect(componentStatus([dep("partial", "down"), dep("major", "up")])).toBe("partial_outage");
    expect(componentStatus([dep("partial", "down"), dep("major", "down")])).toBe("major_outage");
    expect(componentStatus([dep("degraded", "down")])).toBe("degraded_performance");
    expect(componentStatus([dep("major", "degraded")])).toBe("degraded_performance");
  });
  it("never shows unknown or paused layers as anything but operational", () => {
    expect(componentStatus([dep("major", "unknown"), dep("major", "up")])).toBe("operational");
    expect(componentStatus([])).toBe("operational");
  });
  it("shows maintenance instead of an outage for a layer inside a window, and the override wins", () => {
    expect(componentStatus([dep("major", "down", true)])).toBe("under_maintenance");
    expect(componentStatus([dep("major", "down")], { override: "partial_outage" })).toBe("partial_outage");
    expect(componentStatus([dep("major", "up")], { maintenance: true })).toBe("under_maintenance");
  });
});

describe("overallStatus", () => {
  const c = (name: string, status: Parameters<typeof overallStatus>[0]["components"][number]["status"]) => ({ name, status });
  it("names the broken components and never claims an outage above an all-operational list", () => {
    expect(overallStatus({ components: [c("Website", "operational"), c("Checkout", "major_outage")], openIncidents: [], maintenance: false })).toEqual({ indicator: "major", description: "Major outage: Checkout" });
    const o = overallStatus({ components: [c("Website", "operational")], openIncidents: [{ impact: "major" }], maintenance: false });
    expect(o.indicator).toBe("major");
    expect(o.description).not.toMatch(/outage/i);
  });
  it("is critical only when every component is in a major outage", () => {
    expect(overallStatus({ components: [c("A", "major_outage"), c("B", "major_outage")], openIncidents: [], maintenance: false }).indicator).toBe("critical");
  });
  it("reports maintenance only when nothing is broken", () => {
    expect(overallStatus({ components: [c("A", "operational")], openIncidents: [], maintenance: true })).toEqual({ indicator: "maintenance", description: "Maintenance in progress" });
    expect(overallStatus({ components: [c("A", "partial_outage")], openIncidents: [], maintenance: true }).indicator).toBe("major");
    expect(overallStatus({ components: [c("A", "operational")], openIncidents: [], maintenance: false })).toEqual({ indicator: "none", description: "All systems operational" });
  });
});
