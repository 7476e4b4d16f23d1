import { describe, expect, it } from "vitest";
import { layerStatus, type CheckStatusInput } from "./status";

const c = (state: CheckStatusInput["state"], critical = true, enabled = true): CheckStatusInput => ({ state, critical, enabled });

describe("layerStatus", () => {
  it("is unknown with no checks, only paused checks, or no results yet", () => {
    expect(layerStatus([])).toBe("unknown");
    expect(layerStatus([c("down", true, false), c("up", true, false)])).toBe("unknown");
    expect(layerStatus([c("unknown"), c("unknown", false)])).toBe("unknown");
  });
  it("is down when a critical check is down, whatever the others say", () => {
    expect(layerStatus([c("up"), c("down"), c("degraded")])).toBe("down");
  });
  it("is degraded when a non-critical check is down or any check is degraded", () => {
    expect(layerStatus([c("up"), c("down", false)])).toBe("degraded");
    expect(layerStatus([c("up"), c("degraded")])).toBe("degraded");
    expect(layerStatus([c("degraded", false)])).toBe("degraded");
  });
  it("ignores paused checks, even failing ones", () => {
    expect(layerStatus([c("up"), c("down", true, false)])).toBe("up");
  });
  it("is up when every reporting check is up, even if one has not reported yet", () => {
    expect(layerStatus([c("up"), c("unknown")])).toBe("up");
    expect(layerStatus([c("up", false), c("up")])).toBe("up");
  });
});
