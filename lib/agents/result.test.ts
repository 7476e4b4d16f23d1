import { describe, expect, it } from "vitest";
import { agentResultInput, RESULT_TEXT_MAX } from "./api";
import { toAgentResult } from "./result";

describe("toAgentResult", () => {
  it("clips long texts to what the server accepts, so one result never gets a push refused", () => {
    const long = "x".repeat(5000);
    const failed = toAgentResult("c1", { ok: false, message: long, latencyMs: 3 }, Date.UTC(2026, 10, 30));
    const ok = toAgentResult("c1", { ok: true, outcome: { latencyMs: 3, message: long, metric: 1, metricLabel: long, metricSeries: long } }, Date.UTC(2026, 10, 30));
    for (const r of [failed, ok]) expect(agentResultInput.safeParse(r).success).toBe(true);
    expect(failed.message).toHaveLength(RESULT_TEXT_MAX.message);
    expect(failed.message.endsWith("…")).toBe(true);
    expect([ok.message.length, ok.metricLabel?.length, ok.metricSeries?.length]).toEqual([RESULT_TEXT_MAX.message, RESULT_TEXT_MAX.metricLabel, RESULT_TEXT_MAX.metricSeries]);
    expect(toAgentResult("c1", { ok: false, message: "refused", latencyMs: 1 }, 0).message).toBe("refused");
  });
});
