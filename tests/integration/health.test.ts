import { describe, expect, it } from "vitest";
import { startTestCore } from "./helpers/core";
import { call } from "./helpers/api";
import * as health from "@/app/api/health/route";

describe("GET /api/health", () => {
  it("is 200 while the database answers and 503 once it does not", async () => {
    const core = await startTestCore();
    const wrap = () => health.GET();
    const ok = await call(wrap, "GET", "/api/health");
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ status: "ok", database: "ok" });
    await core.shutdown();
    const down = await call(wrap, "GET", "/api/health");
    expect(down.status).toBe(503);
    expect(down.body).toMatchObject({ status: "unavailable", database: "down" });
  });
});
