import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { CONFIRM_TTL_MS, signToken, verifyToken } from "./tokens";
import { isPrivateAddress } from "./address-guard";
import { renderConfirmationEmail, renderNoticeEmail, renderNoticeWebhook } from "./render";
import { subscribeFormHtml } from "./form";
import { subscribeInput } from "./schemas";
import type { PublicNotice } from "./notify";

const key = randomBytes(32);

describe("signed links", () => {
  it("round-trips, and refuses another key, another purpose, tampering and expiry", () => {
    const now = Date.now();
    const t = signToken(key, { p: "confirm", s: "sub-1", c: ["web"], iat: now });
    expect(verifyToken(key, t, "confirm", now)).toEqual({ p: "confirm", s: "sub-1", c: ["web"], iat: now });
    expect(verifyToken(randomBytes(32), t, "confirm", now)).toBeNull();
    expect(verifyToken(key, t, "unsub", now)).toBeNull();
    expect(verifyToken(key, t, "confirm", now + CONFIRM_TTL_MS + 1)).toBeNull();
    const [data, mac] = t.split(".");
    const forged = Buffer.from(JSON.stringify({ p: "confirm", s: "sub-2", c: [], iat: now })).toString("base64url");
    expect(verifyToken(key, `${forged}.${mac}`, "confirm", now)).toBeNull();
    expect(verifyToken(key, `${data}.${mac}.x`, "confirm", now)).toBeNull();
    expect(verifyToken(key, "", "confirm", now)).toBeNull();
  });

  it("unsubscribe links never expire", () => {
    const t = signToken(key, { p: "unsub", s: "sub-1" });
    expect(verifyToken(key, t, "unsub", Date.now() + 10 * 365 * 86_400_000)).toEqual({ p: "unsub", s: "sub-1" });
  });
});

describe("webhook address guard", () => {
  it.each([
    ["127.0.0.1", true],
    ["10.20.30.40", true],
    ["172.31.255.255", true],
    ["192.168.0.1", true],
    ["169.254.169.254", true],
    ["100.64.0.1", true],
    ["0.0.0.0", true],
    ["224.0.0.1", true],
    ["::1", true],
    ["::", true],
    ["fe80::1", true],
    ["fd00::1", true],
    ["::ffff:127.0.0.1", true],
    ["not-an-ip", true],
    ["93.184.216.34", false],
    ["172.32.0.1", false],
    ["2606:4700::1111", false],
    ["::ffff:93.184.216.34", false],
  ])("%s private: %s", (ip, expected) => expect(isPrivateAddress(ip)).toBe(expected));
});

const notice: PublicNotice = {
  event: "incident.updated",
  refId: "inc-1",
  title: "Checkout <slow>\r\nBcc: x@evil.test",
  status: "identified",
  body: "We found it.\n\nA fix is <b>coming</b>.",
  componentKeys: ["checkout"],
  componentNames: ["Checkout & payments"],
  at: "2026-11-29T10:00:00.000Z",
};
const links = { statusPage: "https://status.example.test/status", unsubscribe: "https://status.example.test/status/subscriptions/unsubscribe?token=a.b" };

describe("rendering", () => {
  it("keeps the subject on one line and escapes HTML", () => {
    const m = renderNoticeEmail("Acme status", notice, links);
    expect(m.subject).toBe("[Acme status] Incident update: Checkout <slow> Bcc: x@evil.test (Identified)");
    expect(m.subject).not.toMatch(/[\r\n]/);
    expect(m.html).toContain("Checkout &lt;slow&gt;");
    expect(m.html).toContain("A fix is &lt;b&gt;coming&lt;/b&gt;.");
    expect(m.html).not.toContain("<b>coming");
    expect(m.text).toContain("Affected: Checkout & payments");
    expect(m.headers).toMatchObject({ "List-Unsubscribe": `<${links.unsubscribe}>`, "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" });
  });

  it("maintenance notices say when", () => {
    const m = renderNoticeEmail("Acme status", { ...notice, event: "maintenance.scheduled", title: "Database upgrade", status: "scheduled", startsAt: "2026-12-01T02:00:00.000Z", endsAt: "2026-12-01T03:00:00.000Z" }, links);
    expect(m.subject).toBe("[Acme status] Maintenance scheduled: Database upgrade (Scheduled)");
    expect(m.text).toContain("From: Tue, 01 Dec 2026 02:00:00 UTC");
    expect(m.text).toContain("Until: Tue, 01 Dec 2026 03:00:00 UTC");
  });

  it("the confirmation message is fixed text plus links", () => {
    const m = renderConfirmationEmail("Acme status", { ...links, confirm: "https://status.example.test/status/subscriptions/confirm?token=c.d" });
    expect(m.subject).toBe("[Acme status] Confirm your subscription");
    expect(m.text).toContain("https://status.example.test/status/subscriptions/confirm?token=c.d");
    expect(m.headers["List-Unsubscribe"]).toBe(`<${links.unsubscribe}>`);
  });

  it("webhook payloads hold the notice's public fields only", () => {
    const body = JSON.parse(renderNoticeWebhook("Acme status", "n-1", notice, links));
    expect(body).toEqual({
      event: "incident.updated",
      deliveryId: "n-1",
      occurredAt: notice.at,
      page: { name: "Acme status", url: links.statusPage },
      notice: { id: "inc-1", title: notice.title, status: "identified", body: notice.body, components: [{ key: "checkout", name: "Checkout & payments" }] },
      unsubscribeUrl: links.unsubscribe,
    });
  });
});

describe("sign-up form", () => {
  it("labels every control and escapes component names", () => {
    const html = subscribeFormHtml([
      { key: "web", name: "Website" },
      { key: "x\"y", name: "<Checkout>" },
    ]);
    expect(html).toContain('<form method="post" action="/api/public/subscriptions"');
    expect(html).toContain('<label for="subscribe-email">');
    expect(html).toContain('id="subscribe-email" name="email" type="email"');
    expect(html).toContain('<label for="subscribe-webhook">');
    expect(html).toContain('value="x&quot;y"');
    expect(html).toContain("&lt;Checkout&gt;");
    expect(html).not.toContain("<Checkout>");
    for (const [, id] of html.matchAll(/<input[^>]* id="([^"]+)"/g)) expect(html).toContain(`for="${id}"`);
    expect(subscribeFormHtml([])).not.toContain("fieldset");
  });
});

describe("sign-up input", () => {
  it("accepts the form's shapes: one ticked box as a string, empty fields as blank", () => {
    expect(subscribeInput.parse({ email: " A@B.test ", webhookUrl: "", components: "web" })).toEqual({ email: "a@b.test", components: ["web"] });
    expect(subscribeInput.parse({ webhookUrl: "https://x.test/h" })).toEqual({ webhookUrl: "https://x.test/h", components: [] });
    expect(subscribeInput.safeParse({}).error?.issues[0].path).toEqual(["email"]);
  });
});
