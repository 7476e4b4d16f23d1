import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { signPayload, verifySignature, newWebhookSecret } from "./sign";
import { redactWebhookUrl } from "./redact";
import { renderBody, summaryLine } from "./body";

describe("webhook signatures", () => {
  it("is HMAC-SHA256 over timestamp.body, hex, and verifies only the exact body and timestamp", () => {
    const secret = newWebhookSecret();
    const sig = signPayload(secret, "1700000000", '{"a":1}');
    expect(sig).toBe(`sha256=${createHmac("sha256", secret).update('1700000000.{"a":1}').digest("hex")}`);
    expect(verifySignature(secret, "1700000000", '{"a":1}', sig)).toBe(true);
    expect(verifySignature(secret, "1700000001", '{"a":1}', sig)).toBe(false);
    expect(verifySignature(secret, "1700000000", '{"a":2}', sig)).toBe(false);
    expect(verifySignature(secret, "1700000000", '{"a":1}', "sha256=short")).toBe(false);
    expect(newWebhookSecret()).not.toBe(secret);
  });
});

describe("webhook URL redaction", () => {
  it("hides passwords, token-like query values and Slack's secret path", () => {
    expect(redactWebhookUrl("https://bob:hunter2@example.com/h?x=1&token=abc")).toBe("https://bob:••••@example.com/h?x=1&token=••••");
    expect(redactWebhookUrl("https://hooks.slack.com/services/T000/B000/XXXXSECRET")).toBe("https://hooks.slack.com/services/••••");
    expect(redactWebhookUrl("http://127.0.0.1:8080/hook")).toBe("http://127.0.0.1:8080/hook");
    expect(redactWebhookUrl("not a url")).toBe("••••");
  });
});

describe("webhook bodies", () => {
  const incident = { id: "i1", number: 7, title: "DB <down> & out", severity: "SEV1", status: "investigating" };
  it("generic is the envelope as JSON", () => {
    const env = { event: "incident.declared" as const, deliveryId: "d1", occurredAt: "2026-01-01T00:00:00.000Z", data: { incident } };
    expect(JSON.parse(renderBody("generic", env))).toEqual(env);
  });
  it("slack has one readable text line and an escaped mrkdwn block", () => {
    const body = JSON.parse(
      renderBody("slack", { event: "incident.declared", deliveryId: "d1", occurredAt: "x", data: { incident, declaredBy: { id: "u", name: "Ann" }, leader: { id: "u", name: "Ann" } } }),
    ) as { text: string; blocks: { text: { text: string } }[] };
    expect(body.text).toBe("🚨 Incident #7 declared (SEV1): DB <down> & out. Led by Ann.");
    expect(body.blocks[0].text.text).toContain("DB &lt;down&gt; &amp; out");
  });
  it("states a layer's status in words, not only an icon", () => {
    const line = summaryLine("layer.state_changed", {
      layer: { id: "l", name: "Database", status: "degraded" },
      check: { id: "c", name: "replica lag" },
      from: "up",
      to: "degraded",
      message: "lag 30s",
      at: "x",
    });
    expect(line).toBe("🟠 Database is degraded: check replica lag went up → degraded (lag 30s).");
    expect(summaryLine("maintenance.toggled", { enabled: false, message: "", by: { id: "u", name: "Ann" }, window: null })).toMatch(/OFF by Ann/);
  });
});
