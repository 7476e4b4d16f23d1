// The public status page takes users' traffic during an outage: it is built once, kept in memory
// and rebuilt only after a change (every committed live event invalidates it) or after a few
// seconds (another replica may have changed something).
import { db, getContext } from "../runtime/context";
import { layerStatus, type Status } from "../stack/status";

export type PublicLayer = { name: string; status: Status };
export type PublicUpdate = { body: string; at: string };
export type PublicIncident = { id: string; title: string; status: string; severity: string; startedAt: string; resolvedAt: string | null; updates: PublicUpdate[] };
export type PublicStatus = {
  overall: "operational" | "degraded" | "outage" | "maintenance" | "unknown";
  headline: string;
  layers: PublicLayer[];
  incidents: PublicIncident[];
  maintenance: { enabled: boolean; message: string; since: string | null };
  generatedAt: string;
};

const MAX_AGE_MS = 5_000;
const RECENT_RESOLVED_MS = 24 * 3600_000;
let cache: { value: PublicStatus; at: number } | undefined;
let building: Promise<PublicStatus> | undefined;
let subscribed = false;

export async function publicStatus(): Promise<PublicStatus> {
  if (!subscribed) {
    getContext().onPublicChange.add(() => (cache = undefined));
    subscribed = true;
  }
  if (cache && Date.now() - cache.at < MAX_AGE_MS) return cache.value;
  // One rebuild at a time however many requests arrive together.
  building ??= build()
    .then((value) => ((cache = { value, at: Date.now() }), value))
    .finally(() => (building = undefined));
  return building;
}

async function build(): Promise<PublicStatus> {
  const since = new Date(Date.now() - RECENT_RESOLVED_MS);
  const [stack, incidents, maintenance] = await Promise.all([
    db().stack.findFirst({ include: { layers: { where: { public: true }, orderBy: { position: "asc" }, include: { checks: { select: { state: true, critical: true, enabled: true } } } } } }),
    db().incident.findMany({
      where: { OR: [{ status: { not: "resolved" } }, { resolvedAt: { gte: since } }] },
      orderBy: { createdAt: "desc" },
      include: { updates: { where: { audience: "public" }, orderBy: { createdAt: "desc" } } },
    }),
    db().maintenance.findUnique({ where: { id: 1 } }),
  ]);
  const layers = (stack?.layers ?? []).map((l) => ({ name: l.publicName ?? l.name, status: layerStatus(l.checks) }));
  const publicIncidents = incidents
    .filter((i) => i.updates.length > 0 || i.status !== "resolved")
    .map((i) => ({
      id: i.id,
      title: i.updates.length ? i.title : "We are investigating a problem",
      status: i.status,
      severity: i.severity,
      startedAt: i.createdAt.toISOString(),
      resolvedAt: i.resolvedAt?.toISOString() ?? null,
      updates: i.updates.map((u) => ({ body: u.body, at: u.createdAt.toISOString() })),
    }));
  const m = { enabled: maintenance?.enabled ?? false, message: maintenance?.message ?? "", since: maintenance?.enabled ? maintenance.updatedAt.toISOString() : null };
  const overall = overallOf(layers, publicIncidents, m.enabled);
  return { overall, headline: HEADLINES[overall], layers, incidents: publicIncidents, maintenance: m, generatedAt: new Date().toISOString() };
}

const HEADLINES: Record<PublicStatus["overall"], string> = {
  operational: "All systems operational",
  degraded: "Some features are degraded",
  outage: "We are experiencing an outage",
  maintenance: "Maintenance in progress",
  unknown: "Status not yet known",
};

function overallOf(layers: PublicLayer[], incidents: PublicIncident[], maintenance: boolean): PublicStatus["overall"] {
  if (maintenance) return "maintenance";
  if (layers.some((l) => l.status === "down") || incidents.some((i) => i.status !== "resolved" && (i.severity === "SEV1" || i.severity === "SEV2"))) return "outage";
  if (layers.some((l) => l.status === "degraded") || incidents.some((i) => i.status !== "resolved")) return "degraded";
  if (layers.length > 0 && layers.every((l) => l.status === "unknown")) return "unknown";
  return "operational";
}

/** Atom feed of public updates, newest first. */
export function atomFeed(s: PublicStatus, baseUrl: string): string {
  const esc = (t: string) => t.replace(/[<>&'"]/g, (c) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", "'": "&apos;", '"': "&quot;" })[c] ?? c);
  const entries = s.incidents.flatMap((i) => i.updates.map((u, n) => ({ i, u, id: `${i.id}-${i.updates.length - n}` })));
  const updated = entries[0]?.u.at ?? s.generatedAt;
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Service status</title>
  <id>${esc(baseUrl)}/status</id>
  <link href="${esc(baseUrl)}/status"/>
  <link rel="self" href="${esc(baseUrl)}/status/feed.atom"/>
  <updated>${updated}</updated>
${entries
  .map(
    ({ i, u, id }) => `  <entry>
    <title>${esc(i.title)} (${esc(i.status)})</title>
    <id>urn:warroom:update:${esc(id)}</id>
    <updated>${u.at}</updated>
    <link href="${esc(baseUrl)}/status"/>
    <content type="text">${esc(u.body)}</content>
  </entry>`,
  )
  .join("\n")}
</feed>
`;
}
