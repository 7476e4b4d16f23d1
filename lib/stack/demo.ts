// The demo stack seeded on a fresh database, so a newcomer sees a live diagram at once. It comes
// from stack.demo.yaml, adapted to where this process really runs: its own port, PostgreSQL when
// DATABASE_URL is set (referenced, never copied), Redis when REDIS_URL is set, the /metrics token
// when WARROOM_METRICS_TOKEN is set (referenced too).
import fs from "node:fs";
import path from "node:path";
import { db } from "../runtime/context";
import { checkStackText, replaceStack } from "./io";
import type { LayerSpec, StackSpec } from "./schema";

export const DEMO_STACK_FILE = "stack.demo.yaml";

export function demoStackFor(base: StackSpec, env: { selfUrl: string; databaseUrl?: string; redisUrl?: string; metricsToken?: boolean }): StackSpec {
  const retarget = (v: unknown): unknown =>
    typeof v === "string" ? v.replaceAll("http://127.0.0.1:3000", env.selfUrl) : Array.isArray(v) ? v.map(retarget) : v && typeof v === "object" ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, retarget(x)])) : v;
  const self = new URL(env.selfUrl);
  const layers: LayerSpec[] = (retarget(base.layers) as LayerSpec[]).map((l) => ({
    ...l,
    checks: l.checks.map((c) => {
      if (c.type === "tcp" && c.config.port === 3000) return { ...c, config: { ...c.config, host: self.hostname, port: Number(self.port || 80) } };
      if (c.type === "metrics" && env.metricsToken) return { ...c, config: { ...c.config, token: "${WARROOM_METRICS_TOKEN}" } };
      return c;
    }),
  }));
  const db = layers.find((l) => l.key === "database");
  if (db && env.databaseUrl)
    db.checks = [{ ...db.checks[0], key: "select-1", name: "SELECT 1 and connections in use", type: "postgres", config: { url: "${DATABASE_URL}" }, thresholds: { metricPercentOfMax: 80 } }];
  if (env.redisUrl) {
    const at = layers.findIndex((l) => l.key === "database");
    layers.splice(at < 0 ? layers.length : at, 0, {
      key: "cache",
      name: "Cache",
      description: "Redis: sessions fan-out and live events between instances.",
      impact: "Pages get slower; live updates may stop reaching other instances.",
      optional: false,
      public: false,
      toolLinks: [],
      checklist: "cache",
      dependsOn: [],
      thirdParty: false,
      checks: [{ ...db!.checks[0], key: "ping", name: "Redis PING", type: "redis", config: { url: "${REDIS_URL}" }, thresholds: {} }],
    });
    // The app needs its cache: the diagnosis then blames Redis, not the app, when Redis stops.
    const app = layers.find((l) => l.key === "app-server");
    if (app && !app.dependsOn.includes("cache")) app.dependsOn = [...app.dependsOn, "cache"];
  }
  return { ...base, layers };
}

/** Seeds the demo stack when no stack exists; returns the heartbeat path to ping, or null when nothing was seeded. */
export async function seedDemoStack(opts: { selfUrl: string; file?: string }): Promise<{ heartbeatPath: string | null } | null> {
  if (process.env.WARROOM_DEMO === "0") return null;
  if ((await db().stack.count()) > 0) return null;
  const file = opts.file ?? path.join(process.cwd(), DEMO_STACK_FILE);
  if (!fs.existsSync(file)) return null;
  const checked = checkStackText(fs.readFileSync(file, "utf8"));
  if (!checked.ok) throw new Error(`${DEMO_STACK_FILE} is invalid: ${checked.errors.map((e) => `${e.path}: ${e.message}`).join("; ")}`);
  await replaceStack(demoStackFor(checked.stack, { selfUrl: opts.selfUrl, databaseUrl: process.env.DATABASE_URL || undefined, redisUrl: process.env.REDIS_URL || undefined, metricsToken: !!process.env.WARROOM_METRICS_TOKEN }));
  const hb = await db().check.findFirst({ where: { type: "heartbeat", enabled: true }, select: { heartbeatToken: true } });
  return { heartbeatPath: hb?.heartbeatToken ? `/api/heartbeat/${hb.heartbeatToken}` : null };
}
