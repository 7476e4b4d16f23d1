// One incident full of internal text, then every public surface at once: /status and its fragment,
// /api/public/*, the Atom feed, the Statuspage-compatible API, the maintenance page, the SSE stream,
// the subscribe answer and the unsubscribe page its email links to, /api/health, subscriber emails
// (through a real SMTP server process), subscriber webhooks (a real HTTP receiver) and the support
// view's replies. Not one byte of the internal text may appear in any of them.
//
// The internal text goes in through the real API paths: people with unique names holding the
// incident roles, change events posted by CI with an API token, follow-ups, a milestone edit, probe
// agents with unique names whose results (through the agent API) make a diagnosis follow-up line
// ("… — now 1 layer affected: …") and a vantage disagreement ("down from b-office-…, up from a-eu-…").
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestCore, type TestCore } from "./helpers/core";
import { call, sessionFor, type As } from "./helpers/api";
import { servePublicSite, type PublicHttp } from "./helpers/public-site";
import { startReceiver } from "./helpers/receiver";
import { startSmtpSink, type SmtpSink } from "./helpers/smtp";
import { login } from "@/lib/auth/sessions";
import { SESSION_COOKIE } from "@/lib/auth/actor";
import * as stackRoute from "@/app/api/stack/route";
import * as usersRoute from "@/app/api/users/route";
import * as tokensRoute from "@/app/api/tokens/route";
import * as agentsRoute from "@/app/api/agents/route";
import * as agentRegister from "@/app/api/agent/register/route";
import * as agentResults from "@/app/api/agent/results/route";
import * as incidentsRoute from "@/app/api/incidents/route";
import * as incidentRoute from "@/app/api/incidents/[id]/route";
import * as rolesRoute from "@/app/api/incidents/[id]/roles/route";
import * as milestonesRoute from "@/app/api/incidents/[id]/milestones/route";
import * as timelineRoute from "@/app/api/incidents/[id]/timeline/route";
import * as updatesRoute from "@/app/api/incidents/[id]/updates/route";
import * as draftRoute from "@/app/api/incidents/[id]/updates/draft/route";
import * as notesRoute from "@/app/api/incidents/[id]/notes/route";
import * as tasksRoute from "@/app/api/incidents/[id]/tasks/route";
import * as claimRoute from "@/app/api/tasks/[id]/claim/route";
import * as findingsRoute from "@/app/api/tasks/[id]/findings/route";
import * as supportRoute from "@/app/api/support/route";
import * as maintenanceRoute from "@/app/api/maintenance/route";
import * as overrideRoute from "@/app/api/incidents/[id]/components/[key]/route";
import * as changesRoute from "@/app/api/changes/route";
import * as followUpsRoute from "@/app/api/incidents/[id]/follow-ups/route";
import * as completeFollowUpRoute from "@/app/api/follow-ups/[id]/complete/route";
import * as subscribeRoute from "@/app/api/public/subscriptions/route";
import * as unsubscribeRoute from "@/app/status/subscriptions/unsubscribe/route";
import * as confirmRoute from "@/app/status/subscriptions/confirm/route";
import * as healthRoute from "@/app/api/health/route";
import { STATUSPAGE_PATHS } from "@/lib/public/statuspage";
import { dispatchDue } from "@/lib/subscriptions/dispatcher";

const tag = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
const agentNames = { a: `a-eu-${tag}`, b: `b-office-${tag}` };
const INTERNAL: Record<string, string> = {
  title: `pgbouncer-${tag} pool exhausted on db-7`,
  symptoms: `p99 of ${tag} queries 4s on replica b`,
  internalUpdate: `Suspect autovacuum on orders_${tag}`,
  note: `Rolled back release ${tag}-rc2`,
  task: `Check connection count on db-7-${tag}`,
  finding: `Found 480 idle-in-transaction sessions from worker-${tag}`,
  layer: `Orders database ${tag}`,
  layerImpact: `Writes to orders-${tag} time out`,
  appLayer: `Order API ${tag}`,
  edgeLayer: `Edge relay ${tag}`,
  check: `orders-${tag} primary answers`,
  probeMessage: `HTTP 503 from pool-${tag}`,
  summary: `Killed idle sessions from worker-${tag}`,
  // People: whoever holds an incident role, owns a follow-up, or owns the CI token.
  leaderName: `Lena Leader-${tag}`,
  commsName: `Cory Comms-${tag}`,
  scribeName: `Sam Scribe-${tag}`,
  ownerName: `Olga Owner-${tag}`,
  // Change events, posted by CI with an API token.
  tokenName: `ci-pipeline-${tag}`,
  change: `Deploy of pgbouncer-config-${tag} to db-7`,
  changeService: `pgbouncer-svc-${tag}`,
  changeWho: `deploy-bot-${tag}`,
  changeVersion: `v9.${tag}`,
  changeLink: `https://ci.internal.example/${tag}/run/7`,
  // Follow-ups (one carried over from the open task above, one added by hand).
  followUp: `Cap worker-${tag} pool at 50`,
  followUpDetails: `Set max_client_conn per worker-${tag}`,
  // Probe agents.
  agentA: agentNames.a,
  agentB: agentNames.b,
  agentHost: `probe-host-${tag}.corp.example`,
};

let core: TestCore;
let pub: PublicHttp;
let sink: SmtpSink;
let receiver: Awaited<ReturnType<typeof startReceiver>>;
let admin: As;
const people: Record<"leader" | "comms" | "scribe" | "owner", { id: string; as: As }> = {} as never;
const agentTokens: Record<string, string> = {};
const checkIds: Record<string, string> = {};
let ciToken = "";
const saved = { ...process.env };

/** A person created through the users API, signed in with their own session. */
async function person(name: string, key: string): Promise<{ id: string; as: As }> {
  const email = `${key}-${tag}@example.test`;
  const res = await call(usersRoute.POST, "POST", "/api/users", { as: admin, body: { email, name, password: "correct horse battery", role: "responder" } });
  expect(res.status).toBe(201);
  const { token } = await login(email, "correct horse battery", `leak-${key}`);
  return { id: (res.body.user as { id: string }).id, as: { cookie: `${SESSION_COOKIE}=${token}` } };
}

/** The /status/events stream, read on demand (chunks wait in the socket meanwhile). */
async function openStream(url: string) {
  const stop = new AbortController();
  const res = await fetch(url, { signal: stop.signal });
  expect(res.headers.get("content-type")).toContain("text/event-stream");
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let text = "";
  return {
    until: async (pred: (t: string) => boolean) => {
      while (!pred(text)) {
        const { value, done } = await reader.read();
        if (done) throw new Error("the event stream ended");
        text += decoder.decode(value, { stream: true });
      }
      return text;
    },
    close: () => stop.abort(),
  };
}

beforeAll(async () => {
  sink = await startSmtpSink();
  receiver = await startReceiver();
  Object.assign(process.env, { SMTP_URL: sink.url, WARROOM_PUBLIC_URL: "https://status.example.test", WARROOM_ALLOW_PRIVATE_SUBSCRIBER_WEBHOOKS: "1", WARROOM_AGENT_OFFLINE_SEC: "3600" });
  core = await startTestCore();
  admin = await sessionFor(core, "admin");
  people.leader = await person(INTERNAL.leaderName, "leader");
  people.comms = await person(INTERNAL.commsName, "comms");
  people.scribe = await person(INTERNAL.scribeName, "scribe");
  people.owner = await person(INTERNAL.ownerName, "owner");

  for (const name of Object.values(agentNames)) {
    const made = await call(agentsRoute.POST, "POST", "/api/agents", { as: admin, body: { name } });
    expect(made.status).toBe(201);
    agentTokens[name] = made.body.token as string;
    const hello = await call(agentRegister.POST, "POST", "/api/agent/register", { as: { bearer: agentTokens[name], origin: null }, body: { name, version: "leak-test", hostname: INTERNAL.agentHost } });
    expect(hello.status).toBe(200);
  }
  const token = await call(tokensRoute.POST, "POST", "/api/tokens", { as: people.owner.as, body: { name: INTERNAL.tokenName } });
  expect(token.status).toBe(201);
  ciToken = token.body.token as string;

  // Both agents run every check; one vantage saying down is enough (quorum 1), so a lone vantage's
  // failure is a disagreement the check carries in its message.
  const probe = (key: string, name: string) => ({ key, name, type: "tcp", config: { host: "127.0.0.1", port: 1 }, runOn: Object.values(agentNames), quorum: 1, failThreshold: 1, recoverThreshold: 1 });
  const stack = {
    name: "prod",
    layers: [
      { key: "web", name: "Web", checks: [] },
      { key: "app", name: INTERNAL.appLayer, dependsOn: ["orders-db"], checks: [probe("app", "app answers")] },
      { key: "orders-db", name: INTERNAL.layer, impact: INTERNAL.layerImpact, checks: [probe("primary", INTERNAL.check)] },
      { key: "edge", name: INTERNAL.edgeLayer, checks: [probe("relay", "relay answers")] },
    ],
    components: [
      { key: "website", name: "Website", layers: [{ layer: "web" }] },
      { key: "checkout", name: "Checkout", layers: [{ layer: "orders-db", impact: "partial" }] },
      { key: "delivery", name: "Delivery", layers: [{ layer: "edge" }] },
    ],
  };
  expect((await call(stackRoute.PUT, "PUT", "/api/stack", { as: admin, body: stack })).status).toBe(200);
  for (const c of await core.ctx.prisma.check.findMany()) checkIds[c.key] = c.id;
  // Confirmed subscribers (the opt-in itself is tested in subscriptions.test.ts).
  await core.ctx.prisma.subscriber.createMany({
    data: [
      { kind: "email", address: `watcher-${tag}@example.test`, confirmedAt: new Date() },
      { kind: "webhook", address: receiver.url, secret: "whsec-test", confirmedAt: new Date() },
    ],
  });
  pub = await servePublicSite(core);
}, 60_000);
afterAll(async () => {
  await pub?.close();
  await receiver?.close();
  await sink?.close();
  await core?.shutdown();
  process.env = saved;
});

let clock = Date.now() - 60_000;
async function push(agent: string, results: Record<string, boolean>) {
  clock += 1_000;
  const at = new Date(clock).toISOString();
  const body = { results: Object.entries(results).map(([key, ok]) => ({ checkId: checkIds[key], at, ok, latencyMs: 3, message: ok ? "connected in 3 ms" : INTERNAL.probeMessage })) };
  expect((await call(agentResults.POST, "POST", "/api/agent/results", { as: { bearer: agentTokens[agent], origin: null }, body })).status).toBe(200);
}

describe("nothing internal reaches the public", () => {
  it("holds across every public surface through a whole incident", async () => {
    const sse = await openStream(`${pub.url}/status/events`);
    const { leader, comms, scribe, owner } = people;
    const declared = await call(incidentsRoute.POST, "POST", "/api/incidents", { as: leader.as, body: { title: INTERNAL.title, severity: "SEV1", symptoms: INTERNAL.symptoms, layerIds: [] } });
    expect(declared.status).toBe(201);
    const id = (declared.body.incident as { id: string }).id;
    const p = { params: { id } };
    expect((await call(rolesRoute.POST, "POST", "/", { as: leader.as, ...p, body: { role: "comms", userId: comms.id } })).status).toBe(200);
    expect((await call(rolesRoute.POST, "POST", "/", { as: leader.as, ...p, body: { role: "scribe", userId: scribe.id } })).status).toBe(200);
    expect((await call(updatesRoute.POST, "POST", "/", { as: leader.as, ...p, body: { body: INTERNAL.internalUpdate, audience: "internal" } })).status).toBe(201);
    expect((await call(notesRoute.POST, "POST", "/", { as: scribe.as, ...p, body: { body: INTERNAL.note, kind: "corrective" } })).status).toBe(201);
    const task = await call(tasksRoute.POST, "POST", "/", { as: leader.as, ...p, body: { title: INTERNAL.task, track: "bottom_up" } });
    expect(task.status).toBe(201);
    const taskId = (task.body.task as { id: string }).id;
    expect((await call(claimRoute.POST, "POST", "/", { as: owner.as, params: { id: taskId } })).status).toBe(200);
    expect((await call(findingsRoute.POST, "POST", "/", { as: owner.as, params: { id: taskId }, body: { body: INTERNAL.finding, suspect: true } })).status).toBe(201);

    // CI posts a change with its API token.
    const change = { kind: "deploy", service: INTERNAL.changeService, who: INTERNAL.changeWho, version: INTERNAL.changeVersion, link: INTERNAL.changeLink, summary: INTERNAL.change };
    expect((await call(changesRoute.POST, "POST", "/api/changes", { as: { bearer: ciToken, origin: null }, body: change })).status).toBe(201);

    // The agents: all healthy, then the database fails from both (its alert), then the API tier
    // with it (held back: one follow-up widens the cause), then the edge only from b-office.
    const { a, b } = agentNames;
    for (const agent of [a, b]) await push(agent, { app: true, primary: true, relay: true });
    for (const agent of [a, b]) await push(agent, { primary: false });
    for (const agent of [a, b]) await push(agent, { app: false });
    await push(b, { relay: false });
    await push(a, { relay: true });
    const timeline = await call(timelineRoute.GET, "GET", `/api/incidents/${id}/timeline`, { as: leader.as, ...p });
    expect(timeline.status).toBe(200);
    const lines = (timeline.body.events as { text: string }[]).map((e) => e.text);
    // The planted lines really exist inside, or their absence outside would prove nothing.
    const followUpLine = lines.find((t) => t.startsWith(`${INTERNAL.layer} down — now 1 layer affected`));
    expect(followUpLine, lines.join("\n")).toBeDefined();
    INTERNAL.diagnosisFollowUp = followUpLine!;
    INTERNAL.disagreement = `down from ${b}, up from ${a}`;
    expect(lines.some((t) => t.includes(INTERNAL.disagreement)), lines.join("\n")).toBe(true);

    // Published facts, by the comms lead.
    expect((await call(overrideRoute.PUT, "PUT", "/", { as: comms.as, params: { id, key: "checkout" }, body: { status: "major_outage" } })).status).toBe(200);
    expect((await call(incidentRoute.PATCH, "PATCH", "/", { as: comms.as, ...p, body: { publicTitle: "Checkout is failing" } })).status).toBe(200);
    expect((await call(updatesRoute.POST, "POST", "/", { as: comms.as, ...p, body: { body: "Orders cannot be placed right now. We are on it.", audience: "public" } })).status).toBe(201);
    expect((await call(maintenanceRoute.PUT, "PUT", "/api/maintenance", { as: admin, body: { enabled: true, message: "Checkout is paused for a few minutes." } })).status).toBe(200);

    // The leader corrects when impact began (a time no public document has any reason to hold).
    const startedAt = new Date(Date.parse((declared.body.incident as { createdAt: string }).createdAt) - 17 * 60_000 - 23_456).toISOString();
    INTERNAL.milestone = startedAt;
    const edited = await call(milestonesRoute.PATCH, "PATCH", "/", { as: leader.as, ...p, body: { startedAt } });
    expect(edited.status).toBe(200);
    expect((edited.body.milestones as { startedAt: string }).startedAt).toBe(startedAt);
    const added = await call(followUpsRoute.POST, "POST", "/", { as: scribe.as, ...p, body: { title: INTERNAL.followUp, details: INTERNAL.followUpDetails, ownerId: owner.id } });
    expect(added.status).toBe(201);

    // The support view while the incident is open (it lists open incidents only).
    const supportAs = await sessionFor(core, "support");
    const supportOpen = await call(supportRoute.GET, "GET", "/api/support", { as: supportAs });
    expect(supportOpen.status).toBe(200);
    // The public update the war room proposes is one click from the status page: customer text too.
    const draft = await call(draftRoute.GET, "GET", `/api/incidents/${id}/updates/draft?audience=public`, { as: comms.as, ...p });
    expect(draft.status).toBe(200);

    // The open task (internal text) is carried over as a follow-up, then the hand-made one is done.
    expect((await call(incidentRoute.PATCH, "PATCH", "/", { as: leader.as, ...p, body: { status: "resolved", summary: INTERNAL.summary, openTasks: "carry_over" } })).status).toBe(200);
    expect((await call(completeFollowUpRoute.POST, "POST", "/", { as: owner.as, params: { id: (added.body.followUp as { id: string }).id } })).status).toBe(200);

    // A visitor subscribes from the status page: the answer, then the confirmation email.
    const subscribed = await call(subscribeRoute.POST, "POST", "/api/public/subscriptions", { as: { origin: null }, body: { email: `visitor-${tag}@example.test` } });
    expect(subscribed.status).toBe(202);
    while ((await dispatchDue({ backoffMs: [0], timeoutMs: 5_000 })) > 0);

    await pub.site.refresh();
    const paths = ["/status", "/status/fragment", "/status/feed.atom", "/api/public/status", "/api/public/maintenance", "/maintenance", ...STATUSPAGE_PATHS];
    const documents = await Promise.all(paths.map(async (path) => ({ where: path, text: await (await fetch(`${pub.url}${path}`)).text() })));
    const version = (await fetch(`${pub.url}/status/fragment`)).headers.get("x-status-version");
    expect(version).toBeTruthy();
    const stream = await sse.until((t) => t.includes(`data: ${version}\n`));
    sse.close();
    const mails = await sink.messages();
    const emails = mails.map((m) => ({ where: `email "${m.subject}"`, text: `${m.subject}\n${m.text}\n${m.html || ""}` }));
    // Every link an email offers (unsubscribe, confirm) leads to a public page: follow them.
    const links = [...new Set(mails.flatMap((m) => [...`${m.text}`.matchAll(/https:\/\/status\.example\.test(\/status\/subscriptions\/(unsubscribe|confirm)\?token=[\w.-]+)/g)].map((x) => x[1])))];
    expect(links.some((l) => l.includes("/confirm?")) && links.some((l) => l.includes("/unsubscribe?")), links.join("\n")).toBe(true);
    const pageOf = (link: string) => (link.includes("/confirm?") ? confirmRoute.GET : unsubscribeRoute.GET);
    const pages = await Promise.all(links.map(async (link) => ({ where: `page ${link.slice(0, 40)}…`, text: JSON.stringify((await call(pageOf(link), "GET", link, { as: { origin: null } })).body) })));
    const hooks = receiver.received.map((r, i) => ({ where: `webhook #${i}`, text: r.body }));
    const supportResolved = await call(supportRoute.GET, "GET", "/api/support", { as: supportAs });
    expect(supportResolved.status).toBe(200);
    const health = await healthRoute.GET();

    // The surfaces did receive the public facts, so an empty surface cannot pass for a clean one.
    expect(documents.find((d) => d.where === "/api/v2/incidents.json")?.text).toContain("Checkout is failing");
    // The agents' word did reach the public, as a component status only.
    const delivery = (JSON.parse(documents.find((d) => d.where === "/api/public/status")!.text) as { components: { key: string; status: string }[] }).components.find((c) => c.key === "delivery");
    expect(delivery?.status).toBe("major_outage");
    expect(emails.map((e) => e.where).join("\n")).toContain("Checkout is failing");
    expect(hooks.some((h) => h.text.includes("Orders cannot be placed right now."))).toBe(true);
    expect(subscribed.body.message).toBeTruthy();
    expect(pages.every((pg) => pg.text.includes("<form")), pages.map((pg) => pg.text).join("\n")).toBe(true);
    type SupportBody = { incidents: { id: string; askName: string; replies: { body: string }[] }[] };
    const open = (supportOpen.body as SupportBody).incidents.find((i) => i.id === id);
    expect(JSON.stringify(open?.replies)).toContain("Checkout is failing");
    // Support staff are told whom to ask (the comms lead): that name is for them, never for a reply.
    expect(open?.askName).toBe(INTERNAL.commsName);
    expect(draft.body.body).toContain("Checkout (major outage)");
    const staffOnly = (body: Record<string, unknown>) => JSON.stringify({ ...body, incidents: (body as SupportBody).incidents.map((i) => ({ ...i, askName: "" })) });

    const surfaces = [
      ...documents,
      { where: "/status/events", text: stream },
      ...emails,
      ...pages,
      ...hooks,
      { where: "subscribe answer", text: JSON.stringify(subscribed.body) },
      { where: "/api/health", text: await health.text() },
      { where: "public update draft", text: JSON.stringify(draft.body) },
      { where: "support view (open)", text: staffOnly(supportOpen.body) },
      { where: "support view (resolved)", text: staffOnly(supportResolved.body) },
    ];
    for (const { where, text } of surfaces)
      for (const [what, secret] of Object.entries(INTERNAL)) expect(text.includes(secret), `${what} leaked into ${where}`).toBe(false);
  }, 60_000);
});
