import { createHmac, randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { Webhook, WebhookVerificationError } from "standardwebhooks";
import { signedHeaders, verifyLegacySignature, newWebhookSecret, standardSecret, legacySignature } from "./sign";
import { redactWebhookUrl } from "./redact";
import { renderBody, summaryLine, SLACK_SECTION_MAX } from "./body";

describe("webhook signatures (Standard Webhooks)", () => {
  const body = '{"event":"test.ping","a":1}';
  it("verifies with the standardwebhooks library, and nothing altered does", () => {
    const secret = newWebhookSecret();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{32}$/);
    const headers = signedHeaders(secret, "msg_1", body);
    expect(headers["webhook-signature"]).toMatch(/^v1,[A-Za-z0-9+/]+=*$/);
    const wh = new Webhook(secret);
    expect(wh.verify(body, headers)).toEqual(JSON.parse(body));
    expect(() => wh.verify(body.replace("1", "2"), headers)).toThrow(WebhookVerificationError);
    expect(() => wh.verify(body, { ...headers, "webhook-id": "msg_2" })).toThrow(WebhookVerificationError);
    expect(() => wh.verify(body, { ...headers, "webhook-signature": "v1,short" })).toThrow(WebhookVerificationError);
    expect(() => new Webhook(newWebhookSecret()).verify(body, headers)).toThrow(WebhookVerificationError);
    // A timestamp outside the library's five-minute tolerance is refused even when correctly signed.
    const old = signedHeaders(secret, "msg_1", body, new Date(Date.now() - 10 * 60_000));
    expect(() => wh.verify(body, old)).toThrow(/timestamp/i);
  });

  it("signs what the library signs, so the two agree byte for byte", () => {
    const secret = newWebhookSecret();
    const at = new Date(1_700_000_000_000);
    expect(signedHeaders(secret, "msg_9", body, at)["webhook-signature"]).toBe(new Webhook(secret).sign("msg_9", at, body));
  });

  it("keeps the key of a secret made before, in the URL-safe alphabet", () => {
    const bytes = Buffer.from("fb".repeat(24), "hex"); // base64url of these holds "-" and "_"
    const old = `whsec_${bytes.toString("base64url")}`;
    expect(old).toMatch(/[-_]/);
    const headers = signedHeaders(old, "msg_3", body);
    expect(standardSecret(old)).toBe(`whsec_${bytes.toString("base64")}`);
    expect(new Webhook(standardSecret(old)).verify(body, headers)).toEqual(JSON.parse(body));
    expect(new Webhook(bytes, { format: "raw" }).verify(body, headers)).toEqual(JSON.parse(body));
  });

  it("still sends the deprecated header, checked in constant time whatever its length", () => {
    const secret = `whsec_${randomBytes(24).toString("base64")}`;
    const h = signedHeaders(secret, "msg_4", body);
    expect(h["x-warroom-signature"]).toBe(`sha256=${createHmac("sha256", secret).update(`${h["x-warroom-timestamp"]}.${body}`).digest("hex")}`);
    expect(verifyLegacySignature(secret, h["x-warroom-timestamp"], body, h["x-warroom-signature"])).toBe(true);
    expect(verifyLegacySignature(secret, h["x-warroom-timestamp"], body, "")).toBe(false);
    expect(verifyLegacySignature(secret, h["x-warroom-timestamp"], body, legacySignature("other", h["x-warroom-timestamp"], body))).toBe(false);
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
  it("keeps a Slack section within 3,000 characters and links to the rest", () => {
    const long = "Ü<x>&".repeat(2000) + "😀".repeat(500);
    const data = { incident, update: { id: "u1", body: long, audience: "internal" }, author: { id: "u", name: "Ann" } };
    const body = JSON.parse(renderBody("slack", { event: "incident.update_posted", deliveryId: "d", occurredAt: "x", data }, "https://war.example")) as {
      text: string;
      blocks: { text: { text: string } }[];
    };
    const section = body.blocks[0].text.text;
    expect(section.length).toBeLessThanOrEqual(SLACK_SECTION_MAX);
    expect(body.text.length).toBeLessThanOrEqual(SLACK_SECTION_MAX);
    expect(section).toMatch(/… <https:\/\/war\.example\/incidents\/i1\|Read the rest in Warroom>$/);
    expect(section.replace(/<https:[^>]+>$/, "")).not.toMatch(/&[a-z]{0,3}…|[<>]/);
    expect(() => encodeURIComponent(body.text)).not.toThrow(); // no lone surrogate
    const short = JSON.parse(renderBody("slack", { event: "incident.update_posted", deliveryId: "d", occurredAt: "x", data: { ...data, update: { ...data.update, body: "ok" } } }, "https://war.example")) as { blocks: { text: { text: string } }[] };
    expect(short.blocks[0].text.text).not.toContain("Read the rest");
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
    const followUp = summaryLine("layer.state_changed", {
      layer: { id: "w", name: "Web", status: "down" },
      check: { id: "h", name: "Home" },
      from: "up",
      to: "down",
      message: "HTTP 502",
      at: "x",
      followUpOf: { causeId: "layer:db", headline: "Database down — now 2 layers affected: Web, App", affectedLayerIds: ["w", "a"], addedLayerIds: ["w"] },
    });
    expect(followUp).toBe("🔴 Database down — now 2 layers affected: Web, App (Web / Home went up → down).");
    expect(summaryLine("maintenance.toggled", { enabled: false, message: "", by: { id: "u", name: "Ann" }, window: null })).toMatch(/OFF by Ann/);
  });
});
