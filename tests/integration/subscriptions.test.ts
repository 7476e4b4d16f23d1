// Subscriptions end to end: real route handlers, real transactions, the real dispatcher sending
// through a real SMTP server process on loopback (read back with mailparser) and POSTing to a real
// local HTTP receiver.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startTestCore, type TestCore } from "./helpers/core";
import { call, ORIGIN, sessionFor, type As } from "./helpers/api";
import { startReceiver, standardVerified, type Received } from "./helpers/receiver";
import { startSmtpSink, type Mail, type SmtpSink } from "./helpers/smtp";
import * as subscriptions from "@/app/api/public/subscriptions/route";
import * as confirmRoute from "@/app/status/subscriptions/confirm/route";
import * as unsubscribeRoute from "@/app/status/subscriptions/unsubscribe/route";
import * as subscribers from "@/app/api/subscribers/route";
import * as subscriber from "@/app/api/subscribers/[id]/route";
import * as incidents from "@/app/api/incidents/route";
import * as incident from "@/app/api/incidents/[id]/route";
import * as updates from "@/app/api/incidents/[id]/updates/route";
import * as tasks from "@/app/api/incidents/[id]/tasks/route";
import * as findings from "@/app/api/tasks/[id]/findings/route";
import { dispatchDue } from "@/lib/subscriptions/dispatcher";
import { signingKey } from "@/lib/subscriptions/key";
import { signToken, CONFIRM_TTL_MS } from "@/lib/subscriptions/tokens";
import { RESOLVED_TEXT } from "@/lib/subscriptions/incident-notices";
import type { SubscriberOverview } from "@/lib/subscriptions/admin";
import { noticeMaintenance } from "@/lib/subscriptions/maintenance-notices";
import { mutate } from "@/lib/realtime/outbox";
import { postJson } from "@/lib/subscriptions/post";
import { Redis } from "ioredis";
import { attemptStore, closeAttemptStore } from "@/lib/auth/login-limit";

const PUBLIC_URL = "https://status.example.test";
const fast = { backoffMs: [0], timeoutMs: 5_000 };

let core: TestCore;
let admin: As;
let sink: SmtpSink;
let receiver: Awaited<ReturnType<typeof startReceiver>>;
let layerIds: { web: string; pay: string };
let ipSeq = 0;
const saved = { ...process.env };

beforeAll(async () => {
  sink = await startSmtpSink();
  receiver = await startReceiver();
  Object.assign(process.env, { SMTP_URL: sink.url, SMTP_FROM: "Status <status@example.test>", WARROOM_PUBLIC_URL: PUBLIC_URL, WARROOM_ALLOW_PRIVATE_SUBSCRIBER_WEBHOOKS: "1" });
  core = await startTestCore();
  admin = await sessionFor(core, "admin");
  const p = core.ctx.prisma;
  const stack = await p.stack.create({ data: { name: "prod" } });
  const web = await p.layer.create({ data: { stackId: stack.id, key: "web", name: "Web tier", position: 0 } });
  const pay = await p.layer.create({ data: { stackId: stack.id, key: "payments", name: "Payments gateway", position: 1 } });
  layerIds = { web: web.id, pay: pay.id };
  await p.component.createMany({
    data: [
      { stackId: stack.id, key: "website", name: "Website", position: 0, layers: [{ layer: "web", impact: "major" }] },
      { stackId: stack.id, key: "checkout", name: "Checkout", position: 1, layers: [{ layer: "payments", impact: "major" }] },
    ],
  });
});
afterAll(async () => {
  await receiver?.close();
  await sink?.close();
  await core?.shutdown();
  process.env = saved;
});
beforeEach(async () => {
  await core.ctx.prisma.subscriber.deleteMany();
  receiver.received.length = 0;
});

type Answer = { status: number; text: string; json: Record<string, unknown>; headers: Headers };

/** A visitor's request: its own client address (so the sign-up rate limit is per test), no cookie. */
async function send(handler: (req: Request) => Promise<Response>, method: string, url: string, opts: { json?: unknown; form?: [string, string][]; ip?: string; accept?: string; origin?: string; forwardedFor?: string } = {}): Promise<Answer> {
  const headers = new Headers({ host: "attacker.example", "x-warroom-peer": opts.ip ?? `203.0.113.${++ipSeq % 250}` });
  if (opts.forwardedFor) headers.set("x-forwarded-for", opts.forwardedFor);
  if (opts.origin) headers.set("origin", opts.origin);
  if (opts.accept) headers.set("accept", opts.accept);
  let body: string | undefined;
  if (opts.json !== undefined) {
    headers.set("content-type", "application/json");
    body = JSON.stringify(opts.json);
  } else if (opts.form) {
    headers.set("content-type", "application/x-www-form-urlencoded");
    body = new URLSearchParams(opts.form).toString();
  }
  const res = await handler(new Request(new URL(url, "http://attacker.example"), { method, headers, body }));
  const text = await res.text();
  let json: Record<string, unknown> = {};
  try {
    json = JSON.parse(text);
  } catch {
    /* an HTML page */
  }
  return { status: res.status, text, json, headers: res.headers };
}

const subscribe = (json: unknown, ip?: string) => send(subscriptions.POST, "POST", "/api/public/subscriptions", { json, ip });
const pathOf = (link: string) => link.slice(PUBLIC_URL.length);

function header(m: Mail, name: string): string {
  const head = m.raw.split(/\r?\n\r?\n/)[0].replace(/\r?\n[ \t]+/g, " ");
  const line = head.split(/\r?\n/).find((l) => l.toLowerCase().startsWith(`${name.toLowerCase()}:`));
  return line ? line.slice(name.length + 1).trim() : "";
}

function unsubscribeLink(m: Mail): string {
  const v = header(m, "List-Unsubscribe");
  const url = /^<([^>]+)>$/.exec(v)?.[1];
  if (!url) throw new Error(`no List-Unsubscribe URL in ${v}`);
  return url;
}

function confirmLink(m: Mail): string {
  const url = new RegExp(`${PUBLIC_URL.replace(/\./g, "\\.")}/status/subscriptions/confirm\\?token=[\\w.-]+`).exec(m.text ?? "")?.[0];
  if (!url) throw new Error("no confirmation link in the message");
  return url;
}

async function declare(body: Record<string, unknown>): Promise<string> {
  const res = await call(incidents.POST, "POST", "/api/incidents", { as: admin, body: { severity: "SEV2", symptoms: "", ...body } });
  expect(res.status).toBe(201);
  return (res.body.incident as { id: string }).id;
}

async function postUpdate(id: string, body: string, audience: "public" | "internal" = "public"): Promise<void> {
  const res = await call(updates.POST, "POST", "/", { as: admin, params: { id }, body: { body, audience } });
  expect(res.status).toBe(201);
}

async function mailTo(addr: string): Promise<Mail[]> {
  return (await sink.messages()).filter((m) => m.rcptTo === addr);
}

/** Signs up `email` and confirms it through the links of the delivered message. */
async function confirmedEmail(email: string, components: string[] = []): Promise<Mail> {
  expect((await subscribe({ email, components })).status).toBe(202);
  await dispatchDue(fast);
  const m = await sink.waitFor((x) => x.rcptTo === email && /Confirm/.test(x.subject ?? ""));
  expect((await send(confirmRoute.POST, "POST", pathOf(confirmLink(m)))).status).toBe(200);
  return m;
}

describe("email subscriptions", () => {
  it("double opt-in, a notice with one-click unsubscribe headers, then nothing more", async () => {
    const email = "alice@example.test";
    const res = await subscribe({ email: " Alice@Example.test ", components: ["checkout"] });
    expect(res.status).toBe(202);
    expect(res.json).toMatchObject({ status: "pending_confirmation", message: expect.stringContaining("inbox") });
    expect(res.json.secret).toBeUndefined();
    const row = await core.ctx.prisma.subscriber.findUniqueOrThrow({ where: { kind_address: { kind: "email", address: email } } });
    expect(row.confirmedAt).toBeNull();
    // Queued with the sign-up, sent by the dispatcher.
    expect(await core.ctx.prisma.notification.count({ where: { subscriberId: row.id, status: "pending" } })).toBe(1);

    expect(await dispatchDue(fast)).toBe(1);
    const confirmation = await sink.waitFor((m) => m.rcptTo === email);
    expect(confirmation.subject).toBe("[Service status] Confirm your subscription");
    expect(confirmation.from?.text).toContain("status@example.test");
    const link = confirmLink(confirmation);
    // Built from WARROOM_PUBLIC_URL, never from the request's Host.
    expect(link.startsWith(`${PUBLIC_URL}/status/subscriptions/confirm?token=`)).toBe(true);
    expect(confirmation.raw).not.toContain("attacker.example");
    expect(unsubscribeLink(confirmation).startsWith(`${PUBLIC_URL}/status/subscriptions/unsubscribe?token=`)).toBe(true);

    // Opening the link (or a mail scanner prefetching it) shows a button and confirms nothing.
    const page = await send(confirmRoute.GET, "GET", pathOf(link));
    expect(page.status).toBe(200);
    expect(page.headers.get("content-type")).toContain("text/html");
    expect(page.text).toMatch(/<button type="submit">Confirm subscription<\/button>/);
    expect((await core.ctx.prisma.subscriber.findUniqueOrThrow({ where: { id: row.id } })).confirmedAt).toBeNull();

    // The button posts the token back as a form field.
    const token = new URL(link).searchParams.get("token")!;
    const done = await send(confirmRoute.POST, "POST", "/status/subscriptions/confirm", { form: [["token", token]], origin: ORIGIN });
    expect(done.status).toBe(200);
    expect(done.text).toContain("Subscription confirmed");
    const confirmed = await core.ctx.prisma.subscriber.findUniqueOrThrow({ where: { id: row.id } });
    expect(confirmed.confirmedAt).not.toBeNull();
    expect(confirmed.componentKeys).toEqual(["checkout"]);

    const id = await declare({ title: "psp timeouts", publicTitle: "Payments failing for some customers", layerIds: [layerIds.pay] });
    await postUpdate(id, "Some card payments fail. We are working on a fix.");
    // Queued in the update's transaction, before anything is sent.
    expect(await core.ctx.prisma.notification.count({ where: { subscriberId: row.id, status: "pending", event: "incident.opened" } })).toBe(1);
    expect(await dispatchDue(fast)).toBe(1);
    const notice = await sink.waitFor((m) => m.rcptTo === email && m.subject !== confirmation.subject);
    expect(notice.subject).toBe("[Service status] New incident: Payments failing for some customers (Investigating)");
    expect(notice.text).toContain("Some card payments fail. We are working on a fix.");
    expect(notice.text).toContain("Affected: Checkout");
    expect(notice.text).toContain(`${PUBLIC_URL}/status`);
    expect(notice.html).toContain("Some card payments fail. We are working on a fix.");
    expect(header(notice, "List-Unsubscribe-Post")).toBe("List-Unsubscribe=One-Click");
    const unsub = unsubscribeLink(notice);
    expect(notice.text).toContain(unsub);

    // A GET shows one button and changes nothing.
    const ask = await send(unsubscribeRoute.GET, "GET", pathOf(unsub));
    expect(ask.status).toBe(200);
    expect(ask.text).toMatch(/<button type="submit">Unsubscribe<\/button>/);
    expect((await core.ctx.prisma.subscriber.findUniqueOrThrow({ where: { id: row.id } })).unsubscribedAt).toBeNull();

    // RFC 8058: the mail provider POSTs "List-Unsubscribe=One-Click" to the URL, with no cookie and no Origin.
    const oneClick = await send(unsubscribeRoute.POST, "POST", pathOf(unsub), { form: [["List-Unsubscribe", "One-Click"]] });
    expect(oneClick.status).toBe(200);
    expect(oneClick.text).toContain("You are unsubscribed");
    expect((await core.ctx.prisma.subscriber.findUniqueOrThrow({ where: { id: row.id } })).unsubscribedAt).not.toBeNull();
    // Idempotent.
    expect((await send(unsubscribeRoute.POST, "POST", pathOf(unsub), { form: [["List-Unsubscribe", "One-Click"]] })).status).toBe(200);

    const before = (await mailTo(email)).length;
    await postUpdate(id, "A fix is rolling out.");
    expect(await core.ctx.prisma.notification.count({ where: { subscriberId: row.id, status: "pending" } })).toBe(0);
    expect(await dispatchDue(fast)).toBe(0);
    expect(await mailTo(email)).toHaveLength(before);

    // The old confirmation link cannot sign the address up again.
    const stale = await send(confirmRoute.POST, "POST", pathOf(link));
    expect(stale.status).toBe(409);
    expect((await core.ctx.prisma.subscriber.findUniqueOrThrow({ where: { id: row.id } })).unsubscribedAt).not.toBeNull();
  });

  it("answers identically for a new, a pending and a confirmed address, and sends one confirmation per 10 minutes", async () => {
    await confirmedEmail("known@example.test");
    expect((await subscribe({ email: "pending@example.test" })).status).toBe(202);

    const answers = await Promise.all(["fresh@example.test", "pending@example.test", "known@example.test"].map((email) => subscribe({ email })));
    for (const a of answers) expect(a.status).toBe(202);
    expect(answers[1].text).toBe(answers[0].text);
    expect(answers[2].text).toBe(answers[0].text);
    const forms = await Promise.all(
      ["fresh2@example.test", "pending@example.test", "known@example.test"].map((email) => send(subscriptions.POST, "POST", "/api/public/subscriptions", { form: [["email", email]] })),
    );
    for (const f of forms) expect(f.status).toBe(202);
    expect(forms[1].text).toBe(forms[0].text);
    expect(forms[2].text).toBe(forms[0].text);
    expect(forms[0].text).toContain("Check your inbox");

    // pending@ asked three times within a minute: one confirmation message.
    const pending = await core.ctx.prisma.subscriber.findUniqueOrThrow({ where: { kind_address: { kind: "email", address: "pending@example.test" } } });
    expect(await core.ctx.prisma.notification.count({ where: { subscriberId: pending.id, event: "subscription.confirmation" } })).toBe(1);
    // Ten minutes later another is allowed.
    await core.ctx.prisma.notification.updateMany({ where: { subscriberId: pending.id }, data: { createdAt: new Date(Date.now() - 10 * 60_000 - 1000) } });
    await subscribe({ email: "pending@example.test" });
    expect(await core.ctx.prisma.notification.count({ where: { subscriberId: pending.id, event: "subscription.confirmation" } })).toBe(2);
    // A confirmed address stays confirmed and keeps its selection until a new link is used.
    const known = await core.ctx.prisma.subscriber.findUniqueOrThrow({ where: { kind_address: { kind: "email", address: "known@example.test" } } });
    expect(known.confirmedAt).not.toBeNull();
  });

  it("confirmation messages carry no visitor-supplied text", async () => {
    const email = "mallory+buy-cheap-pills@example.test";
    expect((await subscribe({ email, components: ["website", "checkout"] })).status).toBe(202);
    await dispatchDue(fast);
    const m = await sink.waitFor((x) => x.rcptTo === email);
    for (const part of [m.subject ?? "", m.text ?? "", String(m.html)]) {
      expect(part).not.toContain("mallory");
      expect(part).not.toContain("pills");
      expect(part).not.toContain("Website");
    }
  });

  it("rate-limits sign-ups per client address (refused attempts count too)", async () => {
    const ip = "198.51.100.77";
    for (let i = 0; i < 9; i++) expect((await subscribe({ email: `r${i}@example.test` }, ip)).status).toBe(202);
    expect((await subscribe({ email: "not an address" }, ip)).status).toBe(400);
    const limited = await subscribe({ email: "r10@example.test" }, ip);
    expect(limited.status).toBe(429);
    expect(limited.json.error).toMatchObject({ code: "rate_limited" });
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    const form = await send(subscriptions.POST, "POST", "/api/public/subscriptions", { form: [["email", "r11@example.test"]], ip });
    expect(form.status).toBe(429);
    expect(form.headers.get("content-type")).toContain("text/html");
    expect(form.headers.get("retry-after")).toBeTruthy();
    expect(await core.ctx.prisma.subscriber.count({ where: { address: { in: ["r10@example.test", "r11@example.test"] } } })).toBe(0);
    // A forged X-Forwarded-For does not make the same connection someone else (no trusted proxy configured).
    const forged = await send(subscriptions.POST, "POST", "/api/public/subscriptions", { json: { email: "r12@example.test" }, ip, forwardedFor: "192.0.2.99" });
    expect(forged.status).toBe(429);
    // Someone else is not affected.
    expect((await subscribe({ email: "other@example.test" }, "198.51.100.78")).status).toBe(202);
  });

  it("counts sign-ups in the store every replica shares: the database, or Redis when REDIS_URL is set", async () => {
    // Another replica's sign-ups are what a shared store holds: filled here without this process's
    // route, the next sign-up from that address must be refused.
    delete process.env.REDIS_URL;
    const ip = "198.51.100.120";
    for (let i = 0; i < 10; i++) await (await attemptStore()).hit(`signup:${ip}`, 15 * 60_000);
    expect((await subscribe({ email: "shared-db@example.test" }, ip)).status).toBe(429);
    expect(await core.ctx.prisma.loginAttempt.findUnique({ where: { key: `signup:${ip}` } })).toMatchObject({ count: 11 });

    const redisUrl = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
    const other = new Redis(redisUrl);
    process.env.REDIS_URL = redisUrl;
    try {
      const rip = `198.51.100.9-${Math.random().toString(36).slice(2)}`;
      await other.set(`warroom:attempts:signup:${rip}`, 10, "PX", 60_000);
      const limited = await subscribe({ email: "shared-redis@example.test" }, rip);
      expect(limited.status).toBe(429);
      expect(Number(await other.get(`warroom:attempts:signup:${rip}`))).toBe(11);
      expect(await core.ctx.prisma.loginAttempt.count({ where: { key: `signup:${rip}` } })).toBe(0);
    } finally {
      if (saved.REDIS_URL === undefined) delete process.env.REDIS_URL;
      else process.env.REDIS_URL = saved.REDIS_URL;
      closeAttemptStore();
      other.disconnect();
    }
  });

  it("validation errors name the field, and nothing is written", async () => {
    const cases: [unknown, string][] = [
      [{}, "email"],
      [{ email: "nope" }, "email"],
      [{ email: "a@example.test", webhookUrl: "https://example.test/h" }, "webhookUrl"],
      [{ webhookUrl: "ftp://example.test/h" }, "webhookUrl"],
      [{ webhookUrl: "not a url" }, "webhookUrl"],
      [{ email: "a@example.test", components: ["checkout", "no-such-thing"] }, "components"],
      [{ email: "a@example.test", components: { website: true } }, "components"],
      [{ email: "a@example.test", components: [42] }, "components.0"],
    ];
    for (const [body, field] of cases) {
      const res = await subscribe(body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect((res.json.error as { fields: Record<string, string> }).fields, JSON.stringify(body)).toHaveProperty([field]);
    }
    expect((await send(subscriptions.POST, "POST", "/api/public/subscriptions", { form: [["email", "nope"]] })).text).toContain("Email address: must be an email address");
    const bad = await send(subscriptions.POST, "POST", "/api/public/subscriptions", { json: undefined });
    expect(bad.status).toBe(400);

    // Loopback, private and link-local webhook targets are refused unless explicitly allowed.
    process.env.WARROOM_ALLOW_PRIVATE_SUBSCRIBER_WEBHOOKS = "0";
    try {
      for (const url of ["http://127.0.0.1:9/h", "http://localhost/h", "http://10.1.2.3/h", "http://169.254.169.254/latest/meta-data", "http://[::1]/h", "http://[::ffff:192.168.1.1]/h"]) {
        const res = await subscribe({ webhookUrl: url });
        expect(res.status, url).toBe(400);
        expect((res.json.error as { fields: Record<string, string> }).fields.webhookUrl, url).toMatch(/public internet address/);
      }
    } finally {
      process.env.WARROOM_ALLOW_PRIVATE_SUBSCRIBER_WEBHOOKS = "1";
    }

    // Without a mail server, email sign-ups are refused up front.
    delete process.env.SMTP_URL;
    try {
      const res = await subscribe({ email: "a@example.test" });
      expect(res.status).toBe(503);
      expect(res.json.error).toMatchObject({ code: "email_unavailable", fields: { email: expect.any(String) } });
    } finally {
      process.env.SMTP_URL = sink.url;
    }
    expect(await core.ctx.prisma.subscriber.count()).toBe(0);
  });

  it("links that are tampered with, expired or for another purpose do nothing", async () => {
    await subscribe({ email: "bob@example.test" });
    const sub = await core.ctx.prisma.subscriber.findFirstOrThrow({ where: { address: "bob@example.test" } });
    const key = await signingKey();
    const expired = signToken(key, { p: "confirm", s: sub.id, c: [], iat: Date.now() - CONFIRM_TTL_MS - 1000 });
    const good = signToken(key, { p: "confirm", s: sub.id, c: [], iat: Date.now() });
    const unsubToken = signToken(key, { p: "unsub", s: sub.id });
    const tampered = good.replace(/^./, (c) => (c === "e" ? "f" : "e"));
    for (const t of [expired, tampered, unsubToken, "", "x.y"]) {
      expect((await send(confirmRoute.GET, "GET", `/status/subscriptions/confirm?token=${t}`)).status).toBe(400);
      expect((await send(confirmRoute.POST, "POST", `/status/subscriptions/confirm?token=${t}`)).status).toBe(400);
    }
    expect((await send(unsubscribeRoute.POST, "POST", `/status/subscriptions/unsubscribe?token=${good}`)).status).toBe(400);
    expect((await core.ctx.prisma.subscriber.findUniqueOrThrow({ where: { id: sub.id } })).confirmedAt).toBeNull();
    const ok = await send(confirmRoute.POST, "POST", `/status/subscriptions/confirm?token=${good}`, { accept: "application/json" });
    expect(ok).toMatchObject({ status: 200, json: { status: "confirmed" } });
  });

  it("sends only what a subscriber's components are about, and announces a resolve in fixed words", async () => {
    await confirmedEmail("web@example.test", ["website"]);
    await confirmedEmail("pay@example.test", ["checkout"]);
    await confirmedEmail("all@example.test");
    const id = await declare({ title: "gw down", publicTitle: "Card payments unavailable", layerIds: [layerIds.pay] });
    await postUpdate(id, "Card payments are unavailable.");
    await postUpdate(id, "internal: psp ticket 4471", "internal");
    const res = await call(incident.PATCH, "PATCH", "/", { as: admin, params: { id }, body: { status: "resolved", summary: "PSP cert rotated by hand" } });
    expect(res.status).toBe(200);
    while ((await dispatchDue(fast)) > 0);
    const subjects = async (a: string) => (await mailTo(a)).map((m) => m.subject).filter((s) => !/Confirm/.test(s ?? ""));
    expect(await subjects("web@example.test")).toEqual([]);
    expect(await subjects("pay@example.test")).toEqual(["[Service status] New incident: Card payments unavailable (Investigating)", "[Service status] Incident resolved: Card payments unavailable (Resolved)"]);
    expect(await subjects("all@example.test")).toHaveLength(2);
    const resolved = (await mailTo("pay@example.test")).find((m) => /resolved/.test(m.subject ?? ""))!;
    expect(resolved.text).toContain(RESOLVED_TEXT);
    expect(resolved.text).not.toContain("PSP cert");

    // An incident that was never published is resolved silently.
    const quiet = await declare({ title: "internal only", layerIds: [layerIds.pay] });
    await postUpdate(quiet, "looking", "internal");
    expect((await call(incident.PATCH, "PATCH", "/", { as: admin, params: { id: quiet }, body: { status: "resolved", summary: "done" } })).status).toBe(200);
    expect(await dispatchDue(fast)).toBe(0);
  });

  it("maintenance windows are announced with their times to the subscribers of their components", async () => {
    await confirmedEmail("maint-web@example.test", ["website"]);
    await confirmedEmail("maint-pay@example.test", ["checkout"]);
    const w = { id: "mw-1", title: "Database upgrade", body: "The site may be read-only for a few minutes.", startsAt: new Date("2026-12-01T02:00:00Z"), endsAt: new Date("2026-12-01T03:00:00Z"), componentKeys: [], layerKeys: ["web"] };
    expect(await mutate((tx) => noticeMaintenance(tx, "maintenance.scheduled", w))).toBe(1);
    await mutate((tx) => noticeMaintenance(tx, "maintenance.started", w));
    while ((await dispatchDue(fast)) > 0);
    const got = (await mailTo("maint-web@example.test")).filter((m) => !/Confirm/.test(m.subject ?? ""));
    expect(got.map((m) => m.subject)).toEqual(["[Service status] Maintenance scheduled: Database upgrade (Scheduled)", "[Service status] Maintenance started: Database upgrade (In progress)"]);
    expect(got[0].text).toContain("From: Tue, 01 Dec 2026 02:00:00 UTC");
    expect(got[0].text).toContain("Affected: Website");
    expect(got[0].text).toContain("The site may be read-only for a few minutes.");
    expect((await mailTo("maint-pay@example.test")).filter((m) => !/Confirm/.test(m.subject ?? ""))).toEqual([]);
  });

  it("retries a failing mail server with backoff, gives up after the last attempt, and admins see it", async () => {
    await subscribe({ email: "retry@example.test" });
    process.env.SMTP_URL = "smtp://127.0.0.1:9";
    try {
      for (let i = 0; i < 3; i++) expect(await dispatchDue({ ...fast, maxAttempts: 3, now: new Date(Date.now() + i * 60_000) })).toBe(1);
    } finally {
      process.env.SMTP_URL = sink.url;
    }
    const n = await core.ctx.prisma.notification.findFirstOrThrow({ where: { subscriber: { address: "retry@example.test" } } });
    expect(n).toMatchObject({ status: "failed", attempts: 3, lastError: expect.stringMatching(/ECONNREFUSED|ECONNECTION|mail error/) });
    expect(n.lastError).not.toContain("127.0.0.1:9");
    expect(await dispatchDue(fast)).toBe(0);

    const overview = await call(subscribers.GET, "GET", "/api/subscribers?failed=1", { as: admin });
    expect(overview.status).toBe(200);
    const body = overview.body as unknown as SubscriberOverview;
    expect(body.failedDeliveries).toBe(1);
    expect(body.notifications).toEqual([expect.objectContaining({ status: "failed", address: "retry@example.test", event: "subscription.confirmation" })]);
  });
});

describe("webhook subscriptions", () => {
  const parsed = (r: Received) => JSON.parse(r.body) as Record<string, unknown>;
  const waitFor = async (pred: (r: Received) => boolean) => {
    for (let i = 0; i < 100 && !receiver.received.some(pred); i++) await new Promise((r) => setTimeout(r, 20));
    const hit = receiver.received.find(pred);
    if (!hit) throw new Error("nothing matching arrived at the receiver");
    return hit;
  };

  it("confirms by POSTing the confirmUrl, then receives signed public payloads", async () => {
    const res = await subscribe({ webhookUrl: receiver.url, components: ["website"] });
    expect(res.status).toBe(202);
    const secret = String(res.json.secret);
    expect(secret).toMatch(/^whsec_/);
    const row = await core.ctx.prisma.subscriber.findFirstOrThrow({ where: { kind: "webhook" } });
    expect(row.confirmedAt).toBeNull();

    expect(await dispatchDue(fast)).toBe(1);
    const hello = await waitFor((r) => r.headers["x-warroom-event"] === "subscription.confirmation");
    expect(standardVerified(secret, hello)).toBe(true);
    const confirmUrl = String(parsed(hello).confirmUrl);
    expect(confirmUrl.startsWith(`${PUBLIC_URL}/status/subscriptions/confirm?token=`)).toBe(true);
    expect((await send(confirmRoute.POST, "POST", pathOf(confirmUrl), { accept: "application/json" })).json).toEqual({ status: "confirmed" });

    // Signing up the same URL again answers the same way (with a secret that reveals nothing) and changes no key.
    const again = await subscribe({ webhookUrl: receiver.url, components: ["website"] });
    expect(again.status).toBe(202);
    expect(Object.keys(again.json).sort()).toEqual(Object.keys(res.json).sort());
    expect(again.json.secret).not.toBe(secret);
    expect((await core.ctx.prisma.subscriber.findUniqueOrThrow({ where: { id: row.id } })).secret).toBe(secret);

    const id = await declare({ title: "lb flapping", publicTitle: "Website slow to load", layerIds: [layerIds.web] });
    await postUpdate(id, "Pages load slowly for some visitors.");
    while ((await dispatchDue(fast)) > 0);
    const notice = await waitFor((r) => r.headers["x-warroom-event"] === "incident.opened");
    expect(standardVerified(secret, notice)).toBe(true);
    expect(notice.headers["user-agent"]).toBe("Warroom-Status");
    const body = parsed(notice);
    expect(body).toMatchObject({
      event: "incident.opened",
      deliveryId: notice.headers["x-warroom-delivery"],
      page: { name: "Service status", url: `${PUBLIC_URL}/status` },
      notice: { id, title: "Website slow to load", status: "investigating", body: "Pages load slowly for some visitors.", components: [{ key: "website", name: "Website" }] },
    });
    // Its unsubscribe link works with a bare POST, as an automated receiver would send it.
    expect((await send(unsubscribeRoute.POST, "POST", pathOf(String(body.unsubscribeUrl)))).status).toBe(200);
    expect((await core.ctx.prisma.subscriber.findUniqueOrThrow({ where: { id: row.id } })).unsubscribedAt).not.toBeNull();
  });

  it("refuses to connect to a private address at send time, by name or by number", async () => {
    const port = new URL(receiver.url).port;
    await subscribe({ webhookUrl: `http://localhost:${port}/by-name` });
    await subscribe({ webhookUrl: `http://127.0.0.1:${port}/by-number` });
    process.env.WARROOM_ALLOW_PRIVATE_SUBSCRIBER_WEBHOOKS = "0";
    try {
      expect(await dispatchDue(fast)).toBe(2);
    } finally {
      process.env.WARROOM_ALLOW_PRIVATE_SUBSCRIBER_WEBHOOKS = "1";
    }
    expect(receiver.received).toEqual([]);
    const rows = await core.ctx.prisma.notification.findMany({ where: { subscriber: { kind: "webhook" } } });
    expect(rows.map((r) => [r.status, r.lastError])).toEqual([
      ["pending", "refused: private address"],
      ["pending", "refused: private address"],
    ]);
    expect(await postJson(`http://localhost:${port}/direct`, "{}", {}, 2_000)).toEqual({ ok: true, error: null });
  });
});

describe("leaks", () => {
  it("no internal title, update, symptom, finding, layer name or resolution summary reaches a subscriber", async () => {
    const tag = Math.random().toString(36).slice(2, 10);
    const secrets = {
      title: `INTERNAL-TITLE-${tag}`,
      symptoms: `INTERNAL-SYMPTOM-${tag}`,
      update: `INTERNAL-UPDATE-${tag}`,
      finding: `INTERNAL-FINDING-${tag}`,
      task: `INTERNAL-TASK-${tag}`,
      layer: `INTERNAL-LAYER-${tag}`,
      summary: `INTERNAL-SUMMARY-${tag}`,
    };
    const stack = await core.ctx.prisma.stack.findFirstOrThrow();
    const layer = await core.ctx.prisma.layer.create({ data: { stackId: stack.id, key: `secret-${tag}`, name: secrets.layer, publicName: secrets.layer, position: 9 } });
    await core.ctx.prisma.component.update({ where: { stackId_key: { stackId: stack.id, key: "checkout" } }, data: { layers: [{ layer: "payments", impact: "major" }, { layer: `secret-${tag}`, impact: "partial" }] } });
    await confirmedEmail("leak@example.test");
    const hook = await subscribe({ webhookUrl: receiver.url });
    await dispatchDue(fast);
    const hello = receiver.received.find((r) => r.headers["x-warroom-event"] === "subscription.confirmation")!;
    await send(confirmRoute.POST, "POST", pathOf(String(JSON.parse(hello.body).confirmUrl)));
    expect(hook.status).toBe(202);

    const id = await declare({ title: secrets.title, publicTitle: "Checkout errors", symptoms: secrets.symptoms, layerIds: [layer.id, layerIds.pay] });
    await postUpdate(id, secrets.update, "internal");
    const task = await call(tasks.POST, "POST", "/", { as: admin, params: { id }, body: { title: secrets.task, track: "top_down" } });
    expect(task.status).toBe(201);
    const finding = await call(findings.POST, "POST", "/", { as: admin, params: { id: (task.body.task as { id: string }).id }, body: { body: secrets.finding, suspect: true } });
    expect(finding.status).toBe(201);
    await postUpdate(id, "Some customers cannot check out.");
    await postUpdate(id, "A fix is being deployed.");
    expect((await call(incident.PATCH, "PATCH", "/", { as: admin, params: { id }, body: { status: "resolved", summary: secrets.summary, openTasks: "carry_over" } })).status).toBe(200);
    while ((await dispatchDue(fast)) > 0);

    const mails = (await mailTo("leak@example.test")).filter((m) => !/Confirm/.test(m.subject ?? ""));
    expect(mails.map((m) => m.subject)).toEqual([
      "[Service status] New incident: Checkout errors (Investigating)",
      "[Service status] Incident update: Checkout errors (Investigating)",
      "[Service status] Incident resolved: Checkout errors (Resolved)",
    ]);
    const bodies = receiver.received.filter((r) => String(r.headers["x-warroom-event"]).startsWith("incident.")).map((r) => r.body);
    expect(bodies).toHaveLength(3);
    const everything = [...mails.flatMap((m) => [m.raw, m.subject ?? "", m.text ?? "", String(m.html)]), ...bodies].join("\n");
    expect(everything).toContain("Some customers cannot check out.");
    for (const s of Object.values(secrets)) expect(everything).not.toContain(s);
    expect(everything).not.toContain(tag);
  });
});

describe("admin", () => {
  it("counts subscribers by kind and state, lists them, and removes one; other roles are refused", async () => {
    await confirmedEmail("c1@example.test");
    await subscribe({ email: "p1@example.test" });
    await subscribe({ webhookUrl: `${receiver.url}?token=s3cr3t` });
    const res = await call(subscribers.GET, "GET", "/api/subscribers", { as: admin });
    expect(res.status).toBe(200);
    const view = res.body as unknown as SubscriberOverview;
    expect(view.counts).toEqual({ email: { confirmed: 1, pending: 1, unsubscribed: 0 }, webhook: { confirmed: 0, pending: 1, unsubscribed: 0 } });
    expect(JSON.stringify(view)).not.toContain("s3cr3t");
    expect(JSON.stringify(view)).not.toContain("whsec_");
    const target = view.subscribers.find((s) => s.address === "p1@example.test")!;
    expect(target.state).toBe("pending");

    for (const role of ["responder", "support", "viewer"] as const) {
      const as = await sessionFor(core, role);
      expect((await call(subscribers.GET, "GET", "/api/subscribers", { as })).status).toBe(403);
      expect((await call(subscriber.DELETE, "DELETE", "/", { as, params: { id: target.id } })).status).toBe(403);
    }
    expect((await call(subscribers.GET, "GET", "/api/subscribers", { as: { origin: null } })).status).toBe(401);

    expect((await call(subscriber.DELETE, "DELETE", "/", { as: admin, params: { id: target.id } })).status).toBe(200);
    expect(await core.ctx.prisma.subscriber.count({ where: { id: target.id } })).toBe(0);
    expect(await core.ctx.prisma.notification.count({ where: { subscriberId: target.id } })).toBe(0);
    expect((await call(subscriber.DELETE, "DELETE", "/", { as: admin, params: { id: target.id } })).status).toBe(404);
  });
});
