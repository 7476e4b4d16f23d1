import { describe, expect, it } from "vitest";
import { diagnose } from "./diagnose";
import { followUpsOf, newsOf } from "./news";
import type { DiagnosisCheck, DiagnosisLayer } from "./types";

const at = (s: number) => new Date(Date.parse("2026-11-29T20:00:00Z") + s * 1000).toISOString();
const layers: DiagnosisLayer[] = ["web", "app", "db", "mail"].map((key, position) => ({
  id: key,
  key,
  name: key[0].toUpperCase() + key.slice(1),
  position,
  optional: false,
  thirdParty: false,
  dependsOn: key === "web" ? ["app"] : key === "app" ? ["db"] : [],
  inMaintenance: false,
}));
const check = (layerId: string, state: DiagnosisCheck["state"]): DiagnosisCheck => ({
  id: layerId,
  name: "probe",
  layerId,
  critical: true,
  enabled: true,
  state,
  stateSince: at(2),
  message: state === "down" ? "HTTP 500" : "ok",
  recent: [{ ok: state !== "down", at: at(2) }],
  resource: null,
  reference: false,
});

describe("newsOf", () => {
  const dx = diagnose({ layers, checks: [check("web", "down"), check("app", "down"), check("db", "down"), check("mail", "down")] });

  it("the cause's change is news and lists what it takes down", () => {
    expect(newsOf({ layerId: "db", to: "down" }, dx)).toEqual({ announce: true, causeId: "layer:db", cause: { headline: "Db down — 2 layers affected: Web, App", affected: ["web", "app"] } });
  });
  it("a symptom failing while its cause is known is not news of its own", () => {
    expect(newsOf({ layerId: "app", to: "down" }, dx)).toEqual({ announce: false, coveredBy: "Db down — 2 layers affected: Web, App", coveredById: "layer:db" });
    expect(newsOf({ layerId: "web", to: "degraded" }, dx)).toMatchObject({ announce: false });
  });
  it("recoveries and independent causes are always news", () => {
    expect(newsOf({ layerId: "app", to: "up" }, dx)).toMatchObject({ announce: true, cause: null });
    expect(newsOf({ layerId: "mail", to: "down" }, dx)).toMatchObject({ announce: true, cause: null });
  });
  it("while the checker itself is suspect nothing is held back", () => {
    const cut = diagnose({ layers, checks: ["web", "app", "db", "mail"].map((id) => ({ ...check(id, "down"), message: "connect ECONNREFUSED" })) });
    expect(cut.verdict).toBe("checker");
    expect(newsOf({ layerId: "app", to: "down" }, cut)).toMatchObject({ announce: true, cause: null });
  });
});

describe("followUpsOf", () => {
  const dx = diagnose({ layers, checks: [check("web", "down"), check("app", "down"), check("db", "down")] });

  it("a cause whose alert listed fewer layers gets one follow-up naming the new scope", () => {
    expect(followUpsOf(["layer:db", "layer:db"], dx, new Map([["layer:db", ["app"]]]))).toEqual([
      { causeId: "layer:db", text: "Db down — now 2 layers affected: Web, App", affected: ["web", "app"], added: ["web"], remember: ["app", "web"] },
    ]);
  });
  it("nothing when the scope is what was said, or when the cause's own alert has not gone out yet", () => {
    expect(followUpsOf(["layer:db"], dx, new Map([["layer:db", ["web", "app"]]]))).toEqual([]);
    expect(followUpsOf(["layer:db"], dx, new Map())).toEqual([]);
  });
  it("a layer said before that recovered and failed again is not a new scope", () => {
    expect(followUpsOf(["layer:db"], dx, new Map([["layer:db", ["web", "app", "mail"]]]))).toEqual([]);
  });
});
