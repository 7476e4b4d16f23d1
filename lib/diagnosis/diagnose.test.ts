import { describe, expect, it } from "vitest";
import { diagnose } from "./diagnose";
import type { DiagnosisCheck, DiagnosisLayer, RawResult } from "./types";

const T0 = Date.parse("2026-11-29T20:00:00Z");
const at = (s: number) => new Date(T0 + s * 1000).toISOString();
/** Raw results newest first from a string read oldest → newest: "+" ok, "-" failed. */
const raw = (pattern: string): RawResult[] => [...pattern].map((ch, i) => ({ ok: ch === "+", at: at(i) })).reverse();

type Spec = { deps?: string[]; optional?: boolean; thirdParty?: boolean; maintenance?: boolean };
/** Layer keys double as ids; positions follow the order given. */
function layers(spec: Record<string, Spec>): DiagnosisLayer[] {
  return Object.entries(spec).map(([key, s], position) => ({
    id: key,
    key,
    name: key[0].toUpperCase() + key.slice(1),
    position,
    optional: !!s.optional,
    thirdParty: !!s.thirdParty,
    dependsOn: s.deps ?? [],
    inMaintenance: !!s.maintenance,
  }));
}

type C = Partial<DiagnosisCheck> & { layer: string };
const check = (c: C, i = 0): DiagnosisCheck => ({
  id: `${c.layer}-${c.resource ?? "own"}-${i}`,
  name: `${c.layer} probe`,
  layerId: c.layer,
  critical: true,
  enabled: true,
  state: "up",
  stateSince: at(0),
  message: "ok",
  recent: raw("+++"),
  resource: null,
  reference: false,
  ...c,
});
const up = (layer: string): C => ({ layer });
const down = (layer: string, extra: Partial<C> = {}): C => ({ layer, state: "down", message: "HTTP 500", recent: raw("+--"), stateSince: at(2), ...extra });
const degraded = (layer: string): C => ({ layer, state: "degraded", message: "latency 900 ms over 300 ms" });
const failing = (layer: string, extra: Partial<C> = {}): C => ({ layer, state: "up", message: "HTTP 500 (failure 1 of 2 before down)", recent: raw("++-"), ...extra });
const refused = (layer: string): C => down(layer, { message: "connect ECONNREFUSED 127.0.0.1:5432" });

const chain = layers({ web: {}, app: {}, cache: {}, db: {} });
const graph = layers({ web: { deps: ["app"] }, app: { deps: ["cache", "queue", "db"] }, cache: {}, queue: {}, db: {}, pay: { thirdParty: true } });

const cases: Array<{ name: string; layers: DiagnosisLayer[]; checks: C[]; verdict: string; causes: Array<[string, string, string, string[]]>; notKnown?: string[] }> = [
  { name: "nothing fails", layers: chain, checks: [up("web"), up("app"), up("cache"), up("db")], verdict: "ok", causes: [] },
  { name: "request-path chain without declared edges: deepest failing layer", layers: chain, checks: [down("web"), down("app"), up("cache"), down("db")], verdict: "causes", causes: [["layer:db", "down", "confirmed", ["web", "app"]]] },
  { name: "one fault at the top", layers: graph, checks: [down("web"), up("app"), up("cache"), up("queue"), up("db")], verdict: "causes", causes: [["layer:web", "down", "confirmed", []]] },
  { name: "one fault in the middle", layers: graph, checks: [down("web"), down("app"), up("cache"), up("queue"), up("db")], verdict: "causes", causes: [["layer:app", "down", "confirmed", ["web"]]] },
  { name: "one fault at the bottom", layers: graph, checks: [down("web"), down("app"), up("cache"), up("queue"), down("db")], verdict: "causes", causes: [["layer:db", "down", "confirmed", ["web", "app"]]] },
  {
    name: "shared resource: Cache and Queue on one Redis are one cause",
    layers: graph,
    checks: [down("web"), down("app"), refused("cache"), { ...refused("queue"), resource: "redis-main" }, up("db")].map((c) => (c.layer === "cache" ? { ...c, resource: "redis-main" } : c)),
    verdict: "causes",
    causes: [["resource:redis-main", "down", "confirmed", ["web", "app"]]],
  },
  {
    name: "two independent faults give two causes, each with its own symptoms",
    layers: layers({ web: { deps: ["api"] }, admin: { deps: ["reports"] }, api: {}, reports: {} }),
    checks: [down("web"), down("admin"), down("api"), down("reports")],
    verdict: "causes",
    causes: [
      ["layer:reports", "down", "confirmed", ["admin"]],
      ["layer:api", "down", "confirmed", ["web"]],
    ],
  },
  {
    name: "down outranks degraded: a degraded layer below does not explain one that is down",
    layers: layers({ dns: {}, web: {}, db: {} }),
    checks: [refused("dns"), up("web"), degraded("db")],
    verdict: "causes",
    causes: [
      ["layer:dns", "down", "confirmed", []],
      ["layer:db", "degraded", "confirmed", []],
    ],
  },
  { name: "a down layer explains degraded ones above it", layers: chain, checks: [degraded("web"), degraded("app"), up("cache"), down("db")], verdict: "causes", causes: [["layer:db", "down", "confirmed", ["web", "app"]]] },
  {
    name: "suspected before the threshold: the answer is there at once and already points at the right layer",
    layers: graph,
    checks: [failing("web"), failing("app"), up("cache"), up("queue"), failing("db")],
    verdict: "causes",
    causes: [["layer:db", "down", "suspected", ["web", "app"]]],
  },
  {
    name: "a layer confirmed down above a suspected one: the suspected dependency stays the cause (no flip when it confirms)",
    layers: graph,
    checks: [down("web"), down("app"), up("cache"), up("queue"), failing("db")],
    verdict: "causes",
    causes: [["layer:db", "down", "suspected", ["web", "app"]]],
  },
  {
    name: "a layer down while the one below has not spoken since stays suspected (its next result may explain it)",
    layers: graph,
    checks: [up("web"), { ...down("app"), stateSince: at(5) }, up("cache"), up("queue"), up("db")],
    verdict: "causes",
    causes: [["layer:app", "down", "suspected", []]],
  },
  {
    name: "a layer still down while the one below just recovered stays suspected (it probably explained it)",
    layers: graph,
    checks: [up("web"), down("app", { stateSince: at(1) }), up("cache"), up("queue"), { layer: "db", recent: raw("+-++") }],
    verdict: "causes",
    causes: [["layer:app", "down", "suspected", []]],
  },
  {
    name: "flapping is a cause even while the state reads up",
    layers: graph,
    checks: [up("web"), failing("app"), up("cache"), up("queue"), { layer: "db", state: "up", recent: raw("--++--++-") }],
    verdict: "causes",
    causes: [["layer:db", "down", "confirmed", ["app"]]],
  },
  {
    name: "unknown and paused layers are not known, never healthy ground",
    layers: chain,
    checks: [down("web"), { layer: "app", state: "unknown", recent: [] }, { layer: "cache", enabled: false }],
    verdict: "causes",
    causes: [["layer:web", "down", "confirmed", []]],
    notKnown: ["app:no result yet", "cache:paused", "db:no checks"],
  },
  {
    name: "a layer in maintenance is neither cause nor evidence",
    layers: layers({ web: {}, app: {}, db: { maintenance: true } }),
    checks: [down("web"), down("app"), down("db")],
    verdict: "causes",
    causes: [["layer:app", "down", "confirmed", ["web"]]],
  },
  {
    name: "everything unreachable at once: the checker or its network",
    layers: graph,
    checks: [refused("web"), refused("app"), refused("cache"), refused("queue"), refused("db")],
    verdict: "checker",
    causes: [],
  },
  {
    name: "everything unreachable, some connections cut mid-protocol as the way out went: still the checker",
    layers: graph,
    checks: [refused("web"), refused("app"), down("cache", { message: "Connection is closed." }), refused("queue"), down("db", { message: "Connection terminated unexpectedly" })],
    verdict: "checker",
    causes: [],
  },
  {
    name: "everything unreachable, one check row still saying '200 OK' beside its refused newest result (read between two writes): still the checker",
    layers: graph,
    checks: [
      refused("web"),
      refused("app"),
      refused("cache"),
      { layer: "queue", state: "up", message: "200 OK in 3 ms", recent: [{ ok: false, at: at(2), message: "connection refused on 127.0.0.1:6379" }, { ok: true, at: at(1) }] },
      refused("db"),
    ],
    verdict: "checker",
    causes: [],
  },
  {
    name: "a reference target failing: the checker, not a layer",
    layers: graph,
    checks: [down("web"), up("app"), up("cache"), up("queue"), up("db"), { ...refused("pay"), reference: true }],
    verdict: "checker",
    causes: [],
  },
  {
    name: "a third-party layer is named as such",
    layers: graph,
    checks: [up("web"), up("app"), up("cache"), up("queue"), up("db"), down("pay")],
    verdict: "causes",
    causes: [["layer:pay", "down", "confirmed", []]],
  },
];

describe("diagnose", () => {
  it.each(cases)("$name", ({ layers: ls, checks, verdict, causes, notKnown }) => {
    const d = diagnose({ layers: ls, checks: checks.map(check) });
    expect(d.verdict).toBe(verdict);
    expect(d.causes.map((c) => [c.id, c.severity, c.certainty, c.symptomLayerIds])).toEqual(causes);
    if (notKnown) expect(d.notKnown.map((n) => `${n.layerId}:${n.reason}`)).toEqual(notKnown);
  });

  it("gives evidence with message and since, a headline listing the affected layers, and confidence", () => {
    const d = diagnose({ layers: graph, checks: [down("web"), down("app"), up("cache"), up("queue"), refused("db")].map(check) });
    const [cause] = d.causes;
    expect(cause.evidence).toEqual([{ checkId: "db-own-4", checkName: "db probe", layerId: "db", state: "down", message: "connect ECONNREFUSED 127.0.0.1:5432", since: at(2) }]);
    expect(cause.since).toBe(at(2));
    expect(cause.headline).toBe("Db down — 2 layers affected: Web, App");
    expect(cause.confidence).toBe("high");
    const shared = diagnose({ layers: graph, checks: [down("web"), up("app"), { ...refused("cache"), resource: "r" }, { ...refused("queue"), resource: "r" }, up("db")].map(check) });
    expect(shared.causes[0]).toMatchObject({ kind: "resource", layerIds: ["cache", "queue"], headline: "r (shared by Cache, Queue) down — 1 layer affected: Web" });
    const blind = diagnose({ layers: graph, checks: [down("web"), failing("app"), up("cache"), { layer: "queue", state: "unknown" as const, recent: [] }, up("db")].map((c) => check(c)) });
    expect(blind.causes[0]).toMatchObject({ id: "layer:app", confidence: "low", unknownBelowLayerIds: ["queue"] });
    expect(diagnose({ layers: graph, checks: [up("web"), up("app"), up("cache"), up("queue"), up("db"), down("pay")].map(check) }).causes[0].thirdParty).toBe(true);
  });

  it("a non-critical check failing makes its layer degraded, not down", () => {
    const d = diagnose({ layers: chain, checks: [up("web"), up("app"), up("cache"), down("db", { critical: false })].map(check) });
    expect(d.causes.map((c) => [c.id, c.severity])).toEqual([["layer:db", "degraded"]]);
  });
});

describe("a checker cut-off still forming", () => {
  const flat = layers({ web: { deps: ["mail"] }, db: {}, cache: {}, mail: {} });
  const refusedAt = (layer: string) => ({ ...refused(layer), recent: raw("+--") });
  // db and cache refused since at(1); web answered at at(2); mail last spoke at at(0), before the failures began.
  const silentMail = { layer: "mail", recent: [{ ok: true, at: at(0) }] };

  it("half the targets unreachable while a healthy-looking one has not spoken since: nothing is confirmed yet", () => {
    const d = diagnose({ layers: flat, checks: [up("web"), refusedAt("db"), refusedAt("cache"), silentMail].map((c, i) => check(c, i)) });
    expect(d.verdict).toBe("causes");
    expect(d.causes.map((c) => c.certainty)).toEqual(["suspected", "suspected"]);
  });
  it("once every healthy-looking target has answered since, the causes are confirmed", () => {
    const d = diagnose({ layers: flat, checks: [up("web"), refusedAt("db"), refusedAt("cache"), up("mail")].map((c, i) => check(c, i)) });
    expect(d.causes.map((c) => c.certainty)).toEqual(["confirmed", "confirmed"]);
  });
  it("two refused before any other target was probed again: a quarter of the targets, but all of those heard from since, so not confirmed", () => {
    const wide = layers({ web: { deps: ["mail"] }, db: {}, cache: {}, mail: {}, search: {}, cdn: {}, dns: {}, pay: {} });
    const before = (layer: string) => ({ layer, recent: [{ ok: true, at: at(0) }] });
    const checks = [refusedAt("db"), refusedAt("cache"), ...["web", "mail", "search", "cdn", "dns", "pay"].map(before)];
    expect(diagnose({ layers: wide, checks: checks.map((c, i) => check(c, i)) }).causes.map((c) => c.certainty)).toEqual(["suspected", "suspected"]);
    // One refused, the others heard from since and healthy: a real outage of that one, confirmed.
    const heard = [refusedAt("db"), up("cache"), up("web"), up("mail"), up("search"), up("cdn"), up("dns"), up("pay")];
    expect(diagnose({ layers: wide, checks: heard.map((c, i) => check(c, i)) }).causes.map((c) => [c.id, c.certainty])).toEqual([["layer:db", "confirmed"]]);
  });
  it("failures that answer (HTTP 500) are not a cut-off: confirmed at once", () => {
    const d = diagnose({ layers: flat, checks: [up("web"), down("db"), down("cache"), silentMail].map((c, i) => check(c, i)) });
    expect(d.causes.map((c) => c.certainty)).toEqual(["confirmed", "confirmed"]);
  });
});
