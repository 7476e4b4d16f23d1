import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestCore, type TestCore } from "./helpers/core";
import { GET } from "@/app/metrics/route";

let core: TestCore;
beforeAll(async () => {
  core = await startTestCore();
});
afterAll(async () => core?.shutdown());

describe("GET /metrics", () => {
  it("exposes Prometheus text with check and incident gauges from the database", async () => {
    const stack = await core.ctx.prisma.stack.create({ data: { name: "m" } });
    const layer = await core.ctx.prisma.layer.create({ data: { stackId: stack.id, key: "web", name: "Web", position: 0 } });
    await core.ctx.prisma.check.create({ data: { layerId: layer.id, key: "a", name: "a", type: "tcp", config: {}, state: "down" } });
    const res = await GET(new Request("http://127.0.0.1/metrics"));
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).toMatch(/^# HELP warroom_up/m);
    expect(text).toContain('warroom_checks{state="down"} 1');
    expect(text).toMatch(/^process_resident_memory_bytes \d+/m);
  });
  it("requires the bearer token when one is configured", async () => {
    process.env.WARROOM_METRICS_TOKEN = "scrape-me";
    try {
      expect((await GET(new Request("http://127.0.0.1/metrics"))).status).toBe(401);
      expect((await GET(new Request("http://127.0.0.1/metrics", { headers: { authorization: "Bearer scrape-me" } }))).status).toBe(200);
    } finally {
      delete process.env.WARROOM_METRICS_TOKEN;
    }
  });
});
