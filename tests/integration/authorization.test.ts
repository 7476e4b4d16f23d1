// Walks every API route handler in app/api and every socket event with every role and with no
// session, and checks the whole allowed/denied matrix against the policy written out below.
import fs from "node:fs";
import path from "node:path";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { io as connect, type Socket } from "socket.io-client";
import { startTestCore, type TestCore } from "./helpers/core";
import { call, sessionFor, type As } from "./helpers/api";
import { attachSockets, broadcaster, socketRules, type WarroomIo } from "@/lib/realtime/socket-server";
import { rooms } from "@/lib/realtime/catalogue";
import { login } from "@/lib/auth/sessions";
import { SESSION_COOKIE } from "@/lib/auth/actor";
import { ROLES, type Role } from "@/lib/auth/roles";
import { usersWithSessions } from "./helpers/incidents";
import * as incidentsRoute from "@/app/api/incidents/route";
import * as incidentRoute from "@/app/api/incidents/[id]/route";
import * as leaderRoute from "@/app/api/incidents/[id]/leader/route";
import * as takeRoute from "@/app/api/incidents/[id]/leader/take/route";
import * as rolesRoute from "@/app/api/incidents/[id]/roles/route";
import * as notesRoute from "@/app/api/incidents/[id]/notes/route";
import * as tasksRoute from "@/app/api/incidents/[id]/tasks/route";
import * as updatesRoute from "@/app/api/incidents/[id]/updates/route";

/** "agent": only a probe agent's token opens it; no session or API token of any role does. */
type Access = "public" | "agent" | Role;

// The policy, as a reader of PRODUCT.md §9 expects it. A route missing here fails the test.
// Which incident role (leader, comms lead, scribe) may act once past this gate is the second
// table, INCIDENT_POLICY below.
const POLICY: Record<string, Access> = {
  "POST /api/auth/login": "public",
  "POST /api/auth/logout": "viewer",
  "GET /api/changes": "viewer",
  "POST /api/changes": "responder",
  "POST /api/agent/register": "agent",
  "GET /api/agent/assignment": "agent",
  "POST /api/agent/results": "agent",
  "GET /api/agents": "admin",
  "POST /api/agents": "admin",
  "DELETE /api/agents/[id]": "admin",
  "GET /api/components": "viewer",
  "GET /api/follow-ups": "viewer",
  "POST /api/follow-ups/[id]/complete": "responder",
  "GET /api/health": "public",
  "POST /api/heartbeat/[token]": "public",
  "GET /api/incidents": "viewer",
  "POST /api/incidents": "responder",
  "GET /api/incidents/[id]": "viewer",
  "PATCH /api/incidents/[id]": "responder",
  "POST /api/incidents/[id]/leader": "responder",
  "POST /api/incidents/[id]/leader/take": "admin",
  "POST /api/incidents/[id]/roles": "responder",
  "GET /api/incidents/[id]/alerts": "viewer",
  "POST /api/incidents/[id]/alerts/ack": "viewer",
  "GET /api/incidents/[id]/catch-up": "viewer",
  "PUT /api/incidents/[id]/components/[key]": "responder",
  "POST /api/incidents/[id]/notes": "responder",
  "GET /api/incidents/[id]/changes": "viewer",
  "GET /api/incidents/[id]/follow-ups": "viewer",
  "POST /api/incidents/[id]/follow-ups": "responder",
  "GET /api/incidents/[id]/milestones": "viewer",
  "PATCH /api/incidents/[id]/milestones": "responder",
  "GET /api/incidents/[id]/postmortem": "viewer",
  "GET /api/incidents/[id]/postmortem/export": "viewer",
  "POST /api/incidents/[id]/postmortem/finalize": "responder",
  "POST /api/incidents/[id]/postmortem/notes": "support",
  "POST /api/incidents/[id]/tasks": "responder",
  "POST /api/incidents/[id]/tasks/from-layer": "responder",
  "POST /api/incidents/[id]/tasks/from-playbook": "responder",
  "GET /api/incidents/[id]/timeline": "viewer",
  "GET /api/incidents/[id]/timeline/export": "viewer",
  "POST /api/incidents/[id]/updates": "responder",
  "GET /api/incidents/[id]/updates/draft": "viewer",
  "GET /api/maintenance": "viewer",
  "PUT /api/maintenance": "responder",
  "GET /api/maintenance-windows": "viewer",
  "POST /api/maintenance-windows": "admin",
  "PATCH /api/maintenance-windows/[id]": "admin",
  "POST /api/maintenance-windows/[id]/cancel": "admin",
  "POST /api/maintenance-windows/[id]/end": "admin",
  "GET /api/insights": "viewer",
  "GET /api/insights/export": "viewer",
  "GET /api/me": "viewer",
  "GET /api/openapi.json": "public",
  "POST /api/public/subscriptions": "public",
  "GET /api/stack": "viewer",
  "PUT /api/stack": "admin",
  "GET /api/stack/export": "admin",
  "GET /api/stack/layers/[id]": "viewer",
  "GET /api/subscribers": "admin",
  "DELETE /api/subscribers/[id]": "admin",
  "GET /api/support": "support",
  "GET /api/support/templates": "support",
  "POST /api/support/templates": "admin",
  "PATCH /api/support/templates/[id]": "admin",
  "DELETE /api/support/templates/[id]": "admin",
  "PUT /api/support/templates/order": "admin",
  "POST /api/support/templates/preview": "admin",
  "POST /api/tasks/[id]/assign": "responder",
  "POST /api/tasks/[id]/claim": "responder",
  "POST /api/tasks/[id]/complete": "responder",
  "POST /api/tasks/[id]/findings": "responder",
  "POST /api/tasks/[id]/release": "responder",
  "GET /api/tokens": "viewer",
  "POST /api/tokens": "viewer",
  "DELETE /api/tokens/[id]": "viewer",
  "GET /api/users": "admin",
  "POST /api/users": "admin",
  "PATCH /api/users/[id]": "admin",
  "GET /api/webhooks": "admin",
  "POST /api/webhooks": "admin",
  "PATCH /api/webhooks/[id]": "admin",
  "DELETE /api/webhooks/[id]": "admin",
  "GET /api/webhooks/[id]/deliveries": "admin",
  "POST /api/webhooks/[id]/test": "admin",
  "POST /api/webhooks/deliveries/[id]/retry": "admin",
};

const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
type Handler = ((req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>) & { access?: Access };

function routeFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const p = path.join(dir, d.name);
    return d.isDirectory() ? routeFiles(p) : d.name === "route.ts" ? [p] : [];
  });
}

const root = path.resolve("app/api");
const FAKE_ID = "00000000-0000-4000-8000-000000000000";

let core: TestCore;
const handlers: { key: string; url: string; method: string; handler: Handler; params: Record<string, string> }[] = [];

beforeAll(async () => {
  core = await startTestCore();
  for (const file of routeFiles(root)) {
    const rel = path.relative(path.resolve("app"), path.dirname(file)).split(path.sep).join("/");
    const mod = (await import(file)) as Record<string, unknown>;
    const params: Record<string, string> = {};
    const url = "/" + rel.replace(/\[\.{0,3}(\w+)\]/g, (_, name: string) => ((params[name] = FAKE_ID), FAKE_ID));
    for (const m of METHODS) if (typeof mod[m] === "function") handlers.push({ key: `${m} /${rel}`, url, method: m, handler: mod[m] as Handler, params });
  }
}, 120_000);
afterAll(async () => core?.shutdown());

async function freshSession(role: Role): Promise<As> {
  const u = core.users[role];
  const { token } = await login(u.email, u.password, `matrix-${role}-${Math.random()}`);
  return { cookie: `${SESSION_COOKIE}=${token}` };
}

describe("HTTP authorisation matrix", () => {
  it("every route handler is declared in the policy, and declares the same access itself", () => {
    expect(handlers.length).toBeGreaterThan(5);
    const undeclared = handlers.filter((h) => !(h.key in POLICY)).map((h) => h.key);
    expect(undeclared, "add these routes to POLICY").toEqual([]);
    const gone = Object.keys(POLICY).filter((k) => !handlers.some((h) => h.key === k));
    expect(gone, "routes in POLICY that no longer exist").toEqual([]);
    for (const h of handlers) if (h.handler.access !== undefined) expect(`${h.key} → ${h.handler.access}`).toBe(`${h.key} → ${POLICY[h.key]}`);
  });

  it("without a session: 401 on every non-public route, never 401/403 on public ones", async () => {
    for (const h of handlers) {
      const res = await call(h.handler, h.method, h.url, { as: { origin: null }, params: h.params, body: h.method === "GET" ? undefined : {} });
      if (POLICY[h.key] === "public") expect([401, 403], h.key).not.toContain(res.status);
      else expect(res.status, h.key).toBe(401);
    }
  });

  for (const role of ROLES) {
    it(`as ${role}: allowed routes pass the role gate, the others answer 403`, async () => {
      const rank = ROLES.indexOf(role);
      for (const h of handlers) {
        const access = POLICY[h.key];
        const as = h.key === "POST /api/auth/logout" ? await freshSession(role) : await sessionFor(core, role);
        const res = await call(h.handler, h.method, h.url, { as, params: h.params, body: h.method === "GET" ? undefined : {} });
        const err = res.body.error as { code?: string; message?: string } | undefined;
        const roleDenied = res.status === 403 && /needs the \w+ role/.test(err?.message ?? "");
        if (access === "agent") {
          expect(res.status, `${h.key} as ${role}: a session never opens the agent API`).toBe(401);
        } else if (access === "public" || ROLES.indexOf(access) <= rank) {
          expect(res.status, `${h.key} as ${role}`).not.toBe(401);
          expect(roleDenied, `${h.key} as ${role}: ${JSON.stringify(res.body)}`).toBe(false);
        } else {
          expect(roleDenied, `${h.key} as ${role} should be refused: ${res.status} ${JSON.stringify(res.body)}`).toBe(true);
        }
      }
    });
  }
});

// The socket policy, written out from PRODUCT.md §6–7 independently of `socketRules`: a wrong rule
// in the code fails here. Client events: the minimum role that may send each.
const SOCKET_POLICY: Record<string, Role> = {
  "incident:join": "viewer",
  "incident:leave": "viewer",
  "sync:since": "viewer",
};
// Rooms a socket is in from its handshake, with the minimum role (plus its own `user:<id>` room,
// and no other user's). War rooms (`incident:<id>`) are entered only by joining.
const ROOM_POLICY: Record<string, Role> = {
  [rooms.stack]: "viewer",
  [rooms.incidents]: "viewer",
  [rooms.admin]: "admin",
};

describe("socket authorisation matrix", () => {
  let server: http.Server;
  let url: string;
  let io: WarroomIo;
  beforeAll(async () => {
    server = http.createServer();
    io = await attachSockets(server, { joinIncident: async () => undefined, leaveIncident: async () => undefined, disconnect: () => undefined });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  const open = (cookie?: string, origin?: string) =>
    new Promise<{ socket: Socket; error?: string }>((resolve) => {
      const headers: Record<string, string> = { ...(cookie ? { cookie } : {}), ...(origin ? { origin } : {}) };
      const socket = connect(url, { transports: ["websocket"], extraHeaders: headers, reconnection: false });
      socket.on("connect", () => resolve({ socket }));
      socket.on("connect_error", (e) => resolve({ socket, error: e.message }));
    });

  it("refuses a handshake from another site's page even with a valid session cookie", async () => {
    const { cookie } = await sessionFor(core, "admin");
    const host = new URL(url).host;
    const evil = await open(cookie, "https://evil.example");
    expect(evil.error).toBeDefined();
    evil.socket.close();
    const ours = await open(cookie, `http://${host}`);
    expect(ours.error).toBeUndefined();
    ours.socket.close();
  });

  it("refuses a handshake without a session, or with a revoked one", async () => {
    const anon = await open();
    expect(anon.error).toBe("unauthorized");
    anon.socket.close();
    const bogus = await open(`${SESSION_COOKIE}=not-a-session`);
    expect(bogus.error).toBe("unauthorized");
    bogus.socket.close();
  });

  it("every client event the server handles is in SOCKET_POLICY, and nothing else is", () => {
    expect(Object.keys(socketRules).sort()).toEqual(Object.keys(SOCKET_POLICY).sort());
  });

  for (const role of ROLES) {
    it(`as ${role}: each client event answers as SOCKET_POLICY expects`, async () => {
      const { cookie } = await sessionFor(core, role);
      const { socket, error } = await open(cookie);
      expect(error).toBeUndefined();
      try {
        for (const [event, min] of Object.entries(SOCKET_POLICY)) {
          const res = await socket.timeout(5000).emitWithAck(event, { incidentId: FAKE_ID, since: 0 });
          const allowed = ROLES.indexOf(role) >= ROLES.indexOf(min);
          if (allowed) expect(res.ok ? "ok" : res.error.code, `${event} as ${role}`).not.toBe("forbidden");
          else expect(res.error?.code, `${event} as ${role}`).toBe("forbidden");
        }
      } finally {
        socket.close();
      }
    });

    it(`as ${role}: receives live events of exactly the rooms ROOM_POLICY gives it`, async () => {
      const { cookie } = await sessionFor(core, role);
      const { socket, error } = await open(cookie);
      expect(error).toBeUndefined();
      try {
        const got: string[] = [];
        socket.on("event", (e: { room: string }) => void got.push(e.room));
        const self = core.users[role].id;
        const others = ROLES.filter((r) => r !== role).map((r) => `user:${core.users[r].id}`);
        const all = [rooms.stack, rooms.incidents, rooms.admin, rooms.incident(FAKE_ID), `user:${self}`, ...others];
        broadcaster(io)(all.map((room, i) => ({ seq: 1_000_000 + i, room, type: "stack:updated", payload: { version: i }, at: new Date().toISOString() })));
        // A round trip on the socket: everything sent to it before the answer has arrived.
        await socket.timeout(5000).emitWithAck("sync:since", { since: Number.MAX_SAFE_INTEGER });
        const expected = Object.entries(ROOM_POLICY)
          .filter(([, min]) => ROLES.indexOf(role) >= ROLES.indexOf(min))
          .map(([room]) => room)
          .concat(`user:${self}`);
        expect(got.sort()).toEqual(expected.sort());
      } finally {
        socket.close();
      }
    });
  }
});

// Past the route's gate, who may act in one incident, by the role held in it (README "Roles"),
// written out independently of MAY in lib/incidents/roles.ts. `admin` is an admin holding no role
// there; `responder` a responder holding none. `repeats`: each allowed person can act on the same
// incident in turn (otherwise each gets a fresh one).
type Person = "leader" | "comms" | "scribe" | "responder" | "admin";
type Rule = { action: string; handler: Handler; method: string; path: string; body: (to: string) => unknown; allowed: Person[]; repeats: boolean };
const INCIDENT_POLICY: Rule[] = [
  { action: "change severity", handler: incidentRoute.PATCH, method: "PATCH", path: "", body: () => ({ severity: "SEV1" }), allowed: ["leader"], repeats: true },
  { action: "change the update interval", handler: incidentRoute.PATCH, method: "PATCH", path: "", body: () => ({ cadenceMinutes: 10 }), allowed: ["leader", "comms"], repeats: true },
  { action: "post an internal update", handler: updatesRoute.POST, method: "POST", path: "/updates", body: () => ({ body: "still digging", audience: "internal" }), allowed: ["leader", "comms"], repeats: true },
  { action: "post a public update", handler: updatesRoute.POST, method: "POST", path: "/updates", body: () => ({ body: "We are on it", audience: "public" }), allowed: ["leader", "comms"], repeats: true },
  { action: "create a task", handler: tasksRoute.POST, method: "POST", path: "/tasks", body: () => ({ title: "Look", track: "top_down" }), allowed: ["leader"], repeats: true },
  { action: "record a decision", handler: notesRoute.POST, method: "POST", path: "/notes", body: () => ({ body: "Freeze deploys", kind: "decision" }), allowed: ["leader", "scribe"], repeats: true },
  { action: "write a note", handler: notesRoute.POST, method: "POST", path: "/notes", body: () => ({ body: "fyi", kind: "note" }), allowed: ["leader", "comms", "scribe", "responder", "admin"], repeats: true },
  { action: "pass on the comms lead", handler: rolesRoute.POST, method: "POST", path: "/roles", body: (to) => ({ role: "comms", userId: to }), allowed: ["leader", "comms"], repeats: false },
  { action: "hand over the lead", handler: leaderRoute.POST, method: "POST", path: "/leader", body: (to) => ({ userId: to }), allowed: ["leader"], repeats: false },
  { action: "take the lead", handler: takeRoute.POST, method: "POST", path: "/leader/take", body: () => ({ reason: "leader unreachable" }), allowed: ["admin"], repeats: false },
];

describe("incident role matrix", () => {
  let people: Record<Person, { id: string; as: As }>;
  beforeAll(async () => {
    const [leader, comms, scribe, responder] = await usersWithSessions(core, 4, "responder", "matrix");
    people = { leader, comms, scribe, responder, admin: { id: core.users.admin.id, as: await sessionFor(core, "admin") } };
  });

  async function staffed(): Promise<string> {
    const res = await call(incidentsRoute.POST, "POST", "/api/incidents", { as: people.leader.as, body: { title: "Matrix", publicTitle: "Matrix", severity: "SEV2" } });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const id = (res.body.incident as { id: string }).id;
    for (const role of ["comms", "scribe"] as const)
      expect((await call(rolesRoute.POST, "POST", `/api/incidents/${id}/roles`, { as: people.leader.as, params: { id }, body: { role, userId: people[role].id } })).status).toBe(200);
    return id;
  }

  for (const rule of INCIDENT_POLICY) {
    it(`${rule.action}: ${rule.allowed.join(", ")} and nobody else`, async () => {
      const id = await staffed();
      const act = (who: Person, on: string) =>
        call(rule.handler, rule.method, `/api/incidents/${on}${rule.path}`, { as: people[who].as, params: { id: on }, body: rule.body(people.responder.id) });
      // Refusals first (they change nothing), then those allowed, the leader last (a handover moves the lead).
      const order: Person[] = ["responder", "admin", "scribe", "comms", "leader"];
      for (const who of order.filter((x) => !rule.allowed.includes(x))) {
        const res = await act(who, id);
        expect(res.status, `${rule.action} as ${who}: ${JSON.stringify(res.body)}`).toBe(403);
      }
      let first = true;
      for (const who of order.filter((x) => rule.allowed.includes(x))) {
        const res = await act(who, first || rule.repeats ? id : await staffed());
        first = false;
        expect(res.status, `${rule.action} as ${who}: ${JSON.stringify(res.body)}`).toBeLessThan(300);
      }
    });
  }
});
