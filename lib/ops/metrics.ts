// Prometheus metrics of Warroom itself (prom-client), for an operator to graph and alert on.
// Labels carry names and keys only (layer key, check key, check type, route pattern): never a
// config value, URL, message or secret. State gauges are read from the database at scrape time, so
// every replica reports the same truth; counters and histograms count what this replica did.
// The one registry lives on globalThis: server.ts and Next's bundled routes are separate module
// graphs in one process, and both must feed the same series.
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";
import { db } from "../runtime/context";
import { layerStatus, type Status } from "../stack/status";

const STATES: readonly Status[] = ["up", "degraded", "down", "unknown"];

type Metrics = {
  registry: Registry;
  probeDuration: Histogram<"type">;
  checkResults: Counter<"type" | "result">;
  /** Per check type, the children bound to its labels: a probe result costs no label hashing. */
  byType: Map<string, { duration: Histogram.Internal<"type">; ok: Counter.Internal; failed: Counter.Internal }>;
  scheduleLag: Histogram;
  deliveries: Counter<"target" | "outcome">;
  httpDuration: Histogram<"route" | "method" | "status">;
  /** Hits per public snapshot path, counted by lib/public/site.ts without allocating per request. */
  publicHits: Map<string, { n: number }>;
};

const KEY = Symbol.for("warroom.metrics");
type Holder = { [KEY]?: Metrics };

export function metrics(): Metrics {
  const holder = globalThis as Holder;
  return (holder[KEY] ??= create());
}

function create(): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  // prom-client names these gauges *_total, which Prometheus reserves for counters (promtool says
  // so); the same counts by type remain as nodejs_active_handles, _requests and _resources.
  for (const name of ["nodejs_active_handles_total", "nodejs_active_requests_total", "nodejs_active_resources_total"]) registry.removeSingleMetric(name);
  const publicHits = new Map<string, { n: number }>();
  new Gauge({ name: "warroom_up", help: "1 while the process serves requests", registers: [registry], collect() { this.set(1); } });
  new Gauge({
    name: "warroom_check_probes_in_flight",
    help: "Probes running now on this replica's check engine",
    registers: [registry],
    collect() {
      this.set(probeLoad().inFlight);
    },
  });
  new Gauge({
    name: "warroom_check_probes_queued",
    help: "Check runs due but waiting for a concurrency slot (WARROOM_CHECK_CONCURRENCY); above 0 for long, the engine is falling behind",
    registers: [registry],
    collect() {
      this.set(probeLoad().queued);
    },
  });
  new Gauge({
    name: "warroom_incidents",
    help: "Incidents by status",
    labelNames: ["status"] as const,
    registers: [registry],
    async collect() {
      this.reset();
      for (const i of await db().incident.groupBy({ by: ["status"], _count: { _all: true } })) this.set({ status: i.status }, i._count._all);
    },
  });
  new Gauge({
    name: "warroom_live_event_seq",
    help: "Sequence number of the newest live event (moves with every committed change)",
    registers: [registry],
    async collect() {
      const last = await db().liveEvent.findFirst({ orderBy: { seq: "desc" }, select: { seq: true } });
      this.set(Number(last?.seq ?? 0));
    },
  });
  new Counter({
    name: "warroom_public_requests_total",
    help: "Requests answered from the public snapshot (status page, public APIs, feed), by path",
    labelNames: ["path"] as const,
    registers: [registry],
    collect() {
      this.reset();
      for (const [path, hits] of publicHits) this.inc({ path }, hits.n);
    },
  });
  return {
    registry,
    publicHits,
    // By check type only: per check (layer, check, type) these two were 17 series a check, 35 MB
    // for one scrape at 20,000 checks, and rendering it held the event loop for seconds. A check's own
    // latency and results are in Warroom (and its state in warroom_check_state).
    probeDuration: new Histogram({
      name: "warroom_check_probe_duration_seconds",
      help: "How long each probe took, failed ones included, by check type",
      labelNames: ["type"] as const,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers: [registry],
    }),
    checkResults: new Counter({
      name: "warroom_check_results_total",
      help: "Probe results by check type and outcome (ok or failed)",
      labelNames: ["type", "result"] as const,
      registers: [registry],
    }),
    byType: new Map(),
    // No per-check labels: at 20,000 checks they would be 300,000 series, and the question an SRE
    // asks ("does the engine keep its schedule?") is about the engine, not one check.
    scheduleLag: new Histogram({
      name: "warroom_check_schedule_lag_seconds",
      help: "How late each check run started after its scheduled time (waiting for a concurrency slot included)",
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
      registers: [registry],
    }),
    deliveries: new Counter({
      name: "warroom_webhook_deliveries_total",
      help: "Delivery attempts by target (webhook, subscriber_webhook, subscriber_email) and outcome (delivered, retrying, failed)",
      labelNames: ["target", "outcome"] as const,
      registers: [registry],
    }),
    httpDuration: new Histogram({
      name: "warroom_http_request_duration_seconds",
      help: "API request duration by route pattern, method and status code",
      labelNames: ["route", "method", "status"] as const,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    }),
  };
}

export function observeProbe(type: string, seconds: number, ok: boolean): void {
  const m = metrics();
  let t = m.byType.get(type);
  if (!t) {
    t = { duration: m.probeDuration.labels({ type }), ok: m.checkResults.labels({ type, result: "ok" }), failed: m.checkResults.labels({ type, result: "failed" }) };
    m.byType.set(type, t);
  }
  t.duration.observe(seconds);
  (ok ? t.ok : t.failed).inc();
}

let probeLoad: () => { inFlight: number; queued: number } = () => ({ inFlight: 0, queued: 0 });

/** The check engine that leads on this replica says where its probe counts come from. */
export function reportProbeLoad(read: () => { inFlight: number; queued: number }): void {
  probeLoad = read;
}

export function observeScheduleLag(seconds: number): void {
  // A timer can fire a millisecond before its Date.now() slot; that is on time, not negative lag.
  metrics().scheduleLag.observe(Math.max(0, seconds));
}

export type DeliveryTarget = "webhook" | "subscriber_webhook" | "subscriber_email";
export type DeliveryOutcome = "delivered" | "retrying" | "failed";

export function countDelivery(target: DeliveryTarget, outcome: DeliveryOutcome): void {
  metrics().deliveries.inc({ target, outcome });
}

/** `route` is the pattern (`/api/incidents/[id]`), never the concrete path: ids would explode the series. */
export function observeRequest(route: string, method: string, status: number, seconds: number): void {
  metrics().httpDuration.observe({ route, method, status: String(status) }, seconds);
}

/** Counts a hit on a public snapshot path; allocates only the first time a path is seen. */
export function countPublicHit(path: string): void {
  const hits = metrics().publicHits;
  const h = hits.get(path);
  if (h) h.n++;
  else hits.set(path, { n: 1 });
}

export async function collectMetrics(): Promise<string> {
  const [registered, states] = await Promise.all([metrics().registry.metrics(), stateSeries()]);
  return registered + states;
}

const escapeLabel = (v: string) => (/[\\"\n]/.test(v) ? v.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n") : v);

type CheckRow = { layer: string; check: string | null; type: string | null; state: Status; critical: boolean; enabled: boolean };

/**
 * Each layer's status (four series, the current one at 1) and one series per enabled check with its
 * current state, from one joined read, written out here. Through prom-client gauges (a relation read
 * of every check, then setting and rendering 20,000 labelled values) a scrape held the event loop
 * that fires the check timers for a few hundred milliseconds at 20,000 checks.
 */
async function stateSeries(): Promise<string> {
  const rows = await db().$queryRaw<CheckRow[]>`
    SELECT l.key AS layer, c.key AS check, c.type AS type, c.state::text AS state, c.critical, c.enabled
    FROM "Layer" l LEFT JOIN "Check" c ON c."layerId" = l.id ORDER BY l.key, c.key`;
  const byLayer = new Map<string, CheckRow[]>();
  let checks = "# HELP warroom_check_state One series per enabled check, labelled with its current state (up, degraded, down, unknown), value 1\n# TYPE warroom_check_state gauge\n";
  for (const r of rows) {
    const mine = byLayer.get(r.layer) ?? byLayer.set(r.layer, []).get(r.layer)!;
    if (r.check === null) continue;
    mine.push(r);
    if (r.enabled) checks += `warroom_check_state{layer="${escapeLabel(r.layer)}",check="${escapeLabel(r.check)}",type="${escapeLabel(r.type ?? "")}",state="${r.state}"} 1\n`;
  }
  let layers = "# HELP warroom_layer_status 1 for the layer's current status (up, degraded, down, unknown), 0 for the others\n# TYPE warroom_layer_status gauge\n";
  for (const [key, mine] of byLayer) {
    const now = layerStatus(mine);
    for (const s of STATES) layers += `warroom_layer_status{layer="${escapeLabel(key)}",status="${s}"} ${s === now ? 1 : 0}\n`;
  }
  return layers + checks;
}

export const METRICS_CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
