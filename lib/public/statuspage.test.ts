import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { overallStatus, type ComponentStatus } from "./components";
import type { PublicComponent, PublicIncident, PublicMaintenanceWindow, PublicState } from "./state";
import { groupId, statuspageDocuments, STATUSPAGE_PATHS, type StatuspageDocuments } from "./statuspage";
import { componentsDocSchema, STATUSPAGE_SCHEMAS, summarySchema } from "./statuspage.schema";
import { uuidV5 } from "./statuspage/uuid";

const PAGE = { id: "warroom-test-page", name: "Example status", url: "https://status.example.test/status", timeZone: "Europe/Berlin" };
const T = (min: number) => new Date(Date.UTC(2026, 10, 20, 12, 0) + min * 60_000).toISOString();

const ids = {
  website: "0b8e9c3e-3d55-4c2a-9a0e-6f1f7a2b0001",
  signIn: "0b8e9c3e-3d55-4c2a-9a0e-6f1f7a2b0002",
  reset: "0b8e9c3e-3d55-4c2a-9a0e-6f1f7a2b0003",
  checkout: "0b8e9c3e-3d55-4c2a-9a0e-6f1f7a2b0004",
  emails: "0b8e9c3e-3d55-4c2a-9a0e-6f1f7a2b0005",
};

function component(id: string, name: string, position: number, status: ComponentStatus, extra: Partial<PublicComponent> = {}): PublicComponent {
  return { id, key: name.toLowerCase().replace(/\W+/g, "-"), name, description: "", group: null, position, status, overridden: false, createdAt: T(-10_000), updatedAt: T(-5), ...extra };
}

const COMPONENTS: PublicComponent[] = [
  component(ids.website, "Website", 0, "operational", { description: "The public site" }),
  component(ids.signIn, "Sign-in", 1, "partial_outage", { group: "Accounts", createdAt: T(-20_000), updatedAt: T(-3) }),
  component(ids.reset, "Password reset", 2, "operational", { group: "Accounts" }),
  component(ids.checkout, "Checkout", 3, "major_outage", { overridden: true, updatedAt: T(-2) }),
  component(ids.emails, "Emails", 4, "under_maintenance"),
];

const OPEN: PublicIncident = {
  id: "7d1f0a52-51a4-4d0e-8f3e-000000000001",
  name: "Sign-in fails for some users",
  status: "identified",
  impact: "major",
  createdAt: T(-30),
  updatedAt: T(-4),
  monitoringAt: null,
  resolvedAt: null,
  componentIds: [ids.signIn, ids.checkout],
  updates: [
    { id: "7d1f0a52-51a4-4d0e-8f3e-0000000000u2", status: "identified", title: "Sign-in fails for some users", body: "We found the cause and are rolling out a fix.", createdAt: T(-4) },
    { id: "7d1f0a52-51a4-4d0e-8f3e-0000000000u1", status: "investigating", title: "Sign-in fails for some users", body: "Some people cannot sign in. We are looking into it.", createdAt: T(-30) },
  ],
};

const RESOLVED: PublicIncident = {
  id: "7d1f0a52-51a4-4d0e-8f3e-000000000002",
  name: "Slow pages",
  status: "resolved",
  impact: "minor",
  createdAt: T(-3000),
  updatedAt: T(-2900),
  monitoringAt: T(-2950),
  resolvedAt: T(-2900),
  componentIds: [ids.website],
  updates: [{ id: "7d1f0a52-51a4-4d0e-8f3e-0000000000u3", status: "resolved", title: "Slow pages", body: "Pages load normally again.", createdAt: T(-2900) }],
};

function window(id: string, name: string, status: PublicMaintenanceWindow["status"], from: number, to: number, componentIds: string[]): PublicMaintenanceWindow {
  return {
    id,
    name,
    body: `${name}: expect short interruptions.`,
    status,
    scheduledFor: T(from),
    scheduledUntil: T(to),
    componentIds,
    createdAt: T(from - 2000),
    updatedAt: T(from - 1000),
    startedAt: status === "scheduled" ? null : T(from),
    completedAt: status === "completed" ? T(to) : null,
  };
}

const WINDOWS = [
  window("5e0c1a8e-9f7d-4b1e-a2a6-000000000001", "Email provider switch", "in_progress", -10, 50, [ids.emails]),
  window("5e0c1a8e-9f7d-4b1e-a2a6-000000000002", "Database upgrade", "scheduled", 2000, 2120, [ids.checkout, ids.signIn]),
  window("5e0c1a8e-9f7d-4b1e-a2a6-000000000003", "Network work", "completed", -5000, -4900, [ids.website]),
];

/** A state as readPublicState builds it: the banner computed from the very same lists. */
function stateOf(components: PublicComponent[], incidents: PublicIncident[], windows: PublicMaintenanceWindow[] = []): PublicState {
  const open = incidents.filter((i) => i.status !== "resolved");
  const overall = overallStatus({ components, openIncidents: open, maintenance: windows.some((w) => w.status === "in_progress") });
  const updatedAt = [...components.map((c) => c.updatedAt), ...incidents.map((i) => i.updatedAt), ...windows.map((w) => w.updatedAt)].sort().at(-1) ?? T(0);
  return { pageName: PAGE.name, overall, components, incidents, maintenanceWindows: windows, maintenancePage: { enabled: false, message: "", since: null }, updatedAt };
}

const STATE = stateOf(COMPONENTS, [OPEN, RESOLVED], WINDOWS);

function expectValid(docs: StatuspageDocuments) {
  for (const path of STATUSPAGE_PATHS) {
    const r = STATUSPAGE_SCHEMAS[path].safeParse(JSON.parse(JSON.stringify(docs[path])));
    expect(r.success, `${path}: ${r.error ? JSON.stringify(r.error.issues.slice(0, 3)) : ""}`).toBe(true);
  }
}

describe("Statuspage documents", () => {
  const docs = statuspageDocuments(STATE, PAGE);

  it("renders all eight documents, each valid against the schema written from Statuspage's documentation", () => {
    expect(Object.keys(docs).sort()).toEqual([...STATUSPAGE_PATHS].sort());
    expectValid(docs);
    for (const path of STATUSPAGE_PATHS) expect((docs[path] as { page: unknown }).page).toEqual({ id: PAGE.id, name: PAGE.name, url: PAGE.url, time_zone: "Europe/Berlin", updated_at: STATE.updatedAt });
  });

  it("lists groups as components with their children's ids, children carrying the group id, in display order", () => {
    const list = docs["/api/v2/components.json"].components;
    expect(list.map((c) => [c.name, c.position, c.group])).toEqual([
      ["Website", 1, false],
      ["Accounts", 2, true],
      ["Sign-in", 1, false],
      ["Password reset", 2, false],
      ["Checkout", 3, false],
      ["Emails", 4, false],
    ]);
    const group = list.find((c) => c.group)!;
    expect(group.id).toBe(groupId("Accounts"));
    expect(group).toMatchObject({ group: true, group_id: null, components: [ids.signIn, ids.reset], status: "partial_outage", created_at: T(-20_000), updated_at: T(-3), description: null });
    expect(list.filter((c) => c.group_id === group.id).map((c) => c.id)).toEqual([ids.signIn, ids.reset]);
    // Only groups carry `components`; fields without a value are present as null, as Statuspage sends them.
    const website = list[0];
    expect("components" in website).toBe(false);
    expect(website).toEqual({
      id: ids.website,
      name: "Website",
      status: "operational",
      created_at: T(-10_000),
      updated_at: T(-5),
      position: 1,
      description: "The public site",
      showcase: false,
      start_date: null,
      group_id: null,
      page_id: PAGE.id,
      group: false,
      only_show_if_degraded: false,
    });
    expect(list.find((c) => c.name === "Emails")!.description).toBeNull();
    expect(docs["/api/v2/summary.json"].components).toEqual(list);
  });

  it("shows an overridden component with the status the leader chose, and nothing about the override", () => {
    const checkout = docs["/api/v2/components.json"].components.find((c) => c.id === ids.checkout)!;
    expect(checkout.status).toBe("major_outage");
    expect(Object.keys(checkout)).not.toContain("overridden");
  });

  it("puts unresolved incidents and upcoming or running maintenance in the summary, everything recent in the lists", () => {
    const summary = docs["/api/v2/summary.json"];
    expect(summary.incidents.map((i) => i.id)).toEqual([OPEN.id]);
    expect(docs["/api/v2/incidents/unresolved.json"].incidents.map((i) => i.id)).toEqual([OPEN.id]);
    expect(docs["/api/v2/incidents.json"].incidents.map((i) => i.id)).toEqual([OPEN.id, RESOLVED.id]);
    expect(summary.scheduled_maintenances.map((m) => m.name)).toEqual(["Email provider switch", "Database upgrade"]);
    expect(docs["/api/v2/scheduled-maintenances/active.json"].scheduled_maintenances.map((m) => m.name)).toEqual(["Email provider switch"]);
    expect(docs["/api/v2/scheduled-maintenances/upcoming.json"].scheduled_maintenances.map((m) => m.name)).toEqual(["Database upgrade"]);
    expect(docs["/api/v2/scheduled-maintenances.json"].scheduled_maintenances.map((m) => m.name)).toEqual(["Database upgrade", "Email provider switch", "Network work"]);
  });

  it("renders an incident with its updates newest first, its components in full, and nulls where Statuspage has them", () => {
    const inc = docs["/api/v2/incidents.json"].incidents[0];
    expect(inc).toMatchObject({ id: OPEN.id, name: OPEN.name, status: "identified", impact: "major", monitoring_at: null, resolved_at: null, started_at: OPEN.createdAt, shortlink: PAGE.url, page_id: PAGE.id });
    expect(inc.incident_updates).toEqual([
      { id: OPEN.updates[0].id, status: "identified", body: OPEN.updates[0].body, incident_id: OPEN.id, created_at: T(-4), updated_at: T(-4), display_at: T(-4), affected_components: null, deliver_notifications: true, custom_tweet: null, tweet_id: null },
      { id: OPEN.updates[1].id, status: "investigating", body: OPEN.updates[1].body, incident_id: OPEN.id, created_at: T(-30), updated_at: T(-30), display_at: T(-30), affected_components: null, deliver_notifications: true, custom_tweet: null, tweet_id: null },
    ]);
    const list = docs["/api/v2/components.json"].components;
    expect(inc.components).toEqual([list.find((c) => c.id === ids.signIn), list.find((c) => c.id === ids.checkout)]);
    const untitled = statuspageDocuments(stateOf(COMPONENTS, [{ ...RESOLVED, name: "" }]), PAGE);
    expectValid(untitled);
    expect(untitled["/api/v2/incidents.json"].incidents[0].name).toBe("Service incident");
    const resolved = docs["/api/v2/incidents.json"].incidents[1];
    expect(resolved).toMatchObject({ status: "resolved", monitoring_at: T(-2950), resolved_at: T(-2900) });
  });

  it("renders a maintenance window as a scheduled maintenance with stable, newest-first updates", () => {
    const running = docs["/api/v2/scheduled-maintenances/active.json"].scheduled_maintenances[0];
    expect(running).toMatchObject({ status: "in_progress", impact: "maintenance", scheduled_for: T(-10), scheduled_until: T(50), resolved_at: null, monitoring_at: null });
    expect(running.incident_updates.map((u) => [u.status, u.created_at])).toEqual([
      ["in_progress", T(-10)],
      ["scheduled", T(-2010)],
    ]);
    expect(running.incident_updates[1].body).toBe("Email provider switch: expect short interruptions.");
    expect(running.components.map((c) => c.name)).toEqual(["Emails"]);
    const again = statuspageDocuments(STATE, PAGE)["/api/v2/scheduled-maintenances/active.json"].scheduled_maintenances[0];
    expect(again.incident_updates.map((u) => u.id)).toEqual(running.incident_updates.map((u) => u.id));
    const done = docs["/api/v2/scheduled-maintenances.json"].scheduled_maintenances.find((m) => m.status === "completed")!;
    expect(done.incident_updates.map((u) => u.status)).toEqual(["completed", "in_progress", "scheduled"]);
    expect(done.resolved_at).toBe(T(-4900));
  });
});

describe("status indicator and description", () => {
  const status = (s: PublicState) => {
    const d = statuspageDocuments(s, PAGE);
    expect(d["/api/v2/summary.json"].status).toEqual(d["/api/v2/status.json"].status);
    return d["/api/v2/status.json"].status;
  };
  const ok = (id: string, name: string, i: number) => component(id, name, i, "operational");

  it("says all is well only when it is", () => {
    expect(status(stateOf([ok(ids.website, "Website", 0), ok(ids.checkout, "Checkout", 1)], [RESOLVED]))).toEqual({ indicator: "none", description: "All systems operational" });
  });
  it("takes the indicator from the worst component and names it", () => {
    expect(status(stateOf([ok(ids.website, "Website", 0), component(ids.checkout, "Checkout", 1, "degraded_performance")], []))).toEqual({ indicator: "minor", description: "Degraded performance: Checkout" });
    expect(status(stateOf([ok(ids.website, "Website", 0), component(ids.checkout, "Checkout", 1, "partial_outage")], []))).toEqual({ indicator: "major", description: "Partial outage: Checkout" });
    expect(status(stateOf([ok(ids.website, "Website", 0), component(ids.checkout, "Checkout", 1, "major_outage")], []))).toEqual({ indicator: "major", description: "Major outage: Checkout" });
    expect(status(stateOf([component(ids.website, "Website", 0, "major_outage"), component(ids.checkout, "Checkout", 1, "major_outage")], []))).toEqual({ indicator: "critical", description: "Major outage: Website, Checkout" });
  });
  it("raises the indicator to an open incident's impact without claiming an outage", () => {
    const s = status(stateOf([ok(ids.website, "Website", 0)], [OPEN]));
    expect(s.indicator).toBe("major");
    expect(s.description).not.toMatch(/outage/i);
  });
  it("reports maintenance only when nothing is broken", () => {
    expect(status(stateOf([ok(ids.website, "Website", 0), component(ids.emails, "Emails", 1, "under_maintenance")], [], [WINDOWS[0]]))).toEqual({ indicator: "maintenance", description: "Maintenance in progress" });
    expect(status(STATE).indicator).toBe("major");
  });
});

describe("stable ids", () => {
  it("derives a group's id from its name alone (UUID version 5), the same across renders and reorderings", () => {
    // RFC 9562's own example: the DNS namespace and "www.example.com".
    expect(uuidV5("www.example.com", "6ba7b810-9dad-11d1-80b4-00c04fd430c8")).toBe("2ed6657d-e927-568b-95e1-2665a8aea6a2");
    const first = statuspageDocuments(STATE, PAGE)["/api/v2/components.json"].components.find((c) => c.group)!.id;
    const reordered = stateOf([...COMPONENTS].reverse().map((c, i) => ({ ...c, position: i, status: "operational" as const })), []);
    const second = statuspageDocuments(reordered, { ...PAGE, id: "another-page" })["/api/v2/components.json"].components.find((c) => c.group)!.id;
    expect(second).toBe(first);
    expect(first).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(groupId("Billing")).not.toBe(first);
  });
});

describe("limits", () => {
  it("lists at most the 50 most recent incidents and maintenances, but every unresolved incident", () => {
    const many = Array.from({ length: 75 }, (_, n): PublicIncident => ({ ...OPEN, id: `inc-${String(n).padStart(3, "0")}`, createdAt: T(-n), updatedAt: T(-n), updates: [] }));
    const windows = Array.from({ length: 60 }, (_, n) => window(`win-${String(n).padStart(3, "0")}`, `Window ${n}`, "completed", -10_000 - n * 100, -10_000 - n * 100 + 50, []));
    const docs = statuspageDocuments(stateOf(COMPONENTS, [...many].reverse(), windows), PAGE);
    expectValid(docs);
    const recent = docs["/api/v2/incidents.json"].incidents;
    expect(recent).toHaveLength(50);
    expect(recent[0].id).toBe("inc-000");
    expect(recent.at(-1)!.id).toBe("inc-049");
    expect(docs["/api/v2/incidents/unresolved.json"].incidents).toHaveLength(75);
    expect(docs["/api/v2/scheduled-maintenances.json"].scheduled_maintenances).toHaveLength(50);
    expect(docs["/api/v2/scheduled-maintenances.json"].scheduled_maintenances[0].name).toBe("Window 0");
  });
});

describe("nothing but Statuspage's fields", () => {
  it("never emits a field of the state that Statuspage does not have, even when the state carries extra ones", () => {
    const SECRET = "INTERNAL-7f3a9c-db-7 replica lag";
    // A PublicState only holds public fields; this one is smuggled extra data to prove the renderer picks fields by name.
    const smuggle = <T extends object>(x: T): T => Object.assign({}, x, { internalTitle: SECRET, layers: [{ key: "pg-primary", name: SECRET }], notes: SECRET });
    const tainted: PublicState = Object.assign(smuggle(STATE), {
      components: STATE.components.map(smuggle),
      incidents: STATE.incidents.map((i) => smuggle({ ...i, updates: i.updates.map(smuggle) })),
      maintenanceWindows: STATE.maintenanceWindows.map(smuggle),
      maintenancePage: { enabled: true, message: SECRET, since: T(0) },
      pageName: SECRET,
    });
    const docs = statuspageDocuments(tainted, PAGE);
    expectValid(docs);
    const text = JSON.stringify(docs);
    expect(text).not.toContain("INTERNAL-7f3a9c");
    expect(text).not.toContain("pg-primary");
    // The stack keys and the override flag are ours, not Statuspage's.
    for (const c of COMPONENTS) expect(text).not.toContain(`"${c.key}"`);
    expect(text).not.toMatch(/"(key|overridden|internalTitle|layers|notes|title|componentIds)":/);
  });

  it("the schemas refuse what Statuspage would never send, so these checks can fail", () => {
    const good = statuspageDocuments(STATE, PAGE);
    const copy = () => JSON.parse(JSON.stringify(good["/api/v2/summary.json"]));
    expect(summarySchema.safeParse(copy()).success).toBe(true);
    const extraTop = { ...copy(), internal: true };
    expect(summarySchema.safeParse(extraTop).success).toBe(false);
    const extraDeep = copy();
    extraDeep.incidents[0].incident_updates[0].audience = "public";
    expect(summarySchema.safeParse(extraDeep).success).toBe(false);
    const absentNotNull = copy();
    delete absentNotNull.components[0].description;
    expect(summarySchema.safeParse(absentNotNull).success).toBe(false);
    const resolvedInSummary = copy();
    resolvedInSummary.incidents[0].status = "resolved";
    expect(summarySchema.safeParse(resolvedInSummary).success).toBe(false);
    const orphan: z.input<typeof componentsDocSchema> = JSON.parse(JSON.stringify(good["/api/v2/components.json"]));
    const group = orphan.components.find((c) => c.group)!;
    if (group.group) group.components = group.components.slice(1);
    expect(componentsDocSchema.safeParse(orphan).success).toBe(false);
    const unknownStatus = copy();
    unknownStatus.components[0].status = "unknown";
    expect(summarySchema.safeParse(unknownStatus).success).toBe(false);
  });
});
