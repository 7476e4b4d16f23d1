// POST /api/changes: API-token auth, validation (http/https links only, known layers, sane times),
// the timeline of open incidents, and the changes shown beside an incident's first failure.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestCore, type TestCore } from "./helpers/core";
import { call, sessionFor, type As } from "./helpers/api";
import { seedLayer } from "./helpers/incidents";
import * as changes from "@/app/api/changes/route";
import * as incidentChanges from "@/app/api/incidents/[id]/changes/route";
import * as incidents from "@/app/api/incidents/route";
import * as incident from "@/app/api/incidents/[id]/route";
import * as tokens from "@/app/api/tokens/route";
import * as milestones from "@/app/api/incidents/[id]/milestones/route";
import type { IncidentDetail } from "@/lib/incidents/queries";
import type { ChangeView, IncidentChanges } from "@/lib/changes/schemas";

let core: TestCore;
let responder: As, viewer: As;
let ci: As, viewerToken: As;

const err = (r: { body: Record<string, unknown> }) => r.body.error as { code: string; fields?: Record<string, string> };
const post = (body: Record<string, unknown>, as: As = ci) => call(changes.POST, "POST", "/api/changes", { as, body });
const deploy = { kind: "deploy", service: "app-server", who: "ci-bot", version: "4512", link: "https://ci.example.test/builds/4512" };

beforeAll(async () => {
  core = await startTestCore();
  [responder, viewer] = await Promise.all([sessionFor(core, "responder"), sessionFor(core, "viewer")]);
  await seedLayer(core, { key: "app-server", name: "App server", position: 1 });
  const mint = async (as: As) => ({ bearer: (await call(tokens.POST, "POST", "/api/tokens", { as, body: { name: "ci" } })).body.token as string, origin: null });
  [ci, viewerToken] = await Promise.all([mint(responder), mint(viewer)]);
});
afterAll(async () => core?.shutdown());

describe("change events", () => {
  it("a token is required, and its owner must be a responder", async () => {
    expect((await post(deploy, { origin: null })).status).toBe(401);
    expect((await post(deploy, { bearer: "wr_not-a-token", origin: null })).status).toBe(401);
    expect((await post(deploy, viewerToken)).status).toBe(403);
    // A browser session from another site is refused (CSRF); the token needs no Origin.
    expect((await post(deploy, { ...responder, origin: "https://evil.test" })).status).toBe(403);
  });

  it("refuses bad input with the field named, and writes nothing", async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ ...deploy, link: "javascript:alert(1)" }, "link"],
      [{ ...deploy, link: "data:text/html,<script>alert(1)</script>" }, "link"],
      [{ ...deploy, link: "ftp://files.test/x" }, "link"],
      [{ ...deploy, kind: "reboot" }, "kind"],
      [{ ...deploy, service: "" }, "service"],
      [{ ...deploy, who: undefined }, "who"],
      [{ ...deploy, layer: "no-such-layer" }, "layer"],
      [{ ...deploy, at: "2026-13-01" }, "at"],
      [{ ...deploy, at: new Date(Date.now() + 3600_000).toISOString() }, "at"],
      [{ ...deploy, at: new Date(Date.now() - 40 * 86400_000).toISOString() }, "at"],
    ];
    for (const [body, field] of cases) {
      const res = await post(body);
      expect([400, 422], JSON.stringify(body)).toContain(res.status);
      expect(Object.keys(err(res).fields ?? {}), JSON.stringify(body)).toContain(field);
    }
    expect(await core.ctx.prisma.changeEvent.count()).toBe(0);
  });

  it("is recorded against its layer, goes on the open incidents' timelines, and shows beside the first failure", async () => {
    const inc = (await call(incidents.POST, "POST", "/api/incidents", { as: responder, body: { title: "Errors on checkout", severity: "SEV2" } })).body.incident as IncidentDetail;
    const closed = (await call(incidents.POST, "POST", "/api/incidents", { as: responder, body: { title: "Old one", severity: "SEV4" } })).body.incident as IncidentDetail;
    expect((await call(incident.PATCH, "PATCH", "/", { as: responder, body: { status: "resolved", summary: "done" }, params: { id: closed.id } })).status).toBe(200);

    // The impact began at the declaration minus 10 min; the deploy went out 4 min before that.
    const started = new Date(new Date(inc.createdAt).getTime() - 10 * 60_000);
    expect((await call(milestones.PATCH, "PATCH", "/", { as: responder, body: { startedAt: started.toISOString(), detectedAt: started.toISOString() }, params: { id: inc.id } })).status).toBe(200);
    const at = new Date(started.getTime() - 4 * 60_000).toISOString();
    const res = await post({ ...deploy, at, summary: "<img src=x onerror=alert(1)>" });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const change = res.body.change as ChangeView;
    expect(change).toMatchObject({ kind: "deploy", service: "app-server", layer: { key: "app-server", name: "App server" }, who: "ci-bot", version: "4512", link: deploy.link, at });
    // An old change (2 h before) is outside the window.
    expect((await post({ ...deploy, version: "4400", at: new Date(started.getTime() - 2 * 3600_000).toISOString() })).status).toBe(201);

    const line = await core.ctx.prisma.timelineEvent.findMany({ where: { kind: "change" }, select: { incidentId: true, text: true } });
    expect(line.filter((l) => l.incidentId === inc.id).map((l) => l.text)).toEqual(["Deploy 4512 to app-server by ci-bot: <img src=x onerror=alert(1)>", "Deploy 4400 to app-server by ci-bot"]);
    expect(line.some((l) => l.incidentId === closed.id)).toBe(false);
    expect(core.broadcasts.some((e) => e.type === "change:recorded")).toBe(true);

    const near = (await call(incidentChanges.GET, "GET", "/", { as: viewer, params: { id: inc.id } })).body as unknown as IncidentChanges;
    expect(near.firstFailureAt).toBe(started.toISOString());
    expect(near.changes.map((c) => [c.version, c.beforeFailureMs])).toEqual([["4512", 4 * 60_000]]);
    const recent = (await call(changes.GET, "GET", "/api/changes?hours=24", { as: viewer })).body.changes as ChangeView[];
    expect(recent.map((c) => c.version)).toEqual(["4512", "4400"]);
  });

  it("a change posted before anyone declared goes on the new incident's timeline when it is declared", async () => {
    const at = new Date(Date.now() - 3 * 60_000).toISOString();
    expect((await post({ kind: "feature_flag", service: "checkout", who: "flag-bot", version: "new-cart=on", at })).status).toBe(201);
    const inc = (await call(incidents.POST, "POST", "/api/incidents", { as: responder, body: { title: "Carts empty", severity: "SEV3" } })).body.incident as IncidentDetail;
    const texts = (await core.ctx.prisma.timelineEvent.findMany({ where: { incidentId: inc.id, kind: "change" }, orderBy: { seq: "asc" } })).map((e) => e.text);
    expect(texts).toContain(`Feature flag new-cart=on to checkout by flag-bot (${at.slice(11, 16)} UTC, 3 min before the start of impact)`);
    // Older than an hour before the start: not on it.
    expect(texts.some((t) => t.includes("4400"))).toBe(false);
  });
});
