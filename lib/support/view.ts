// The support view: per open incident, only what customers may read (public title, public updates,
// public component names and statuses, one next-update time) and the replies filled from it.
// Internal titles, layer names, impact texts, probe messages, findings and internal updates are
// never selected here, so they cannot reach a reply.
import { db } from "../runtime/context";
import { readPublicState } from "../public/state";
import { COMPONENT_STATUS_WORDS } from "../public/components";
import { isOverdue } from "../incidents/queries";
import { refOf, userRefs } from "../incidents/users";
import { affectedComponents, readComponentLayers } from "./affected";
import { ageWords, nextUpdatePhrase, renderReplies, type ReplyFacts } from "./render";
import { listTemplates } from "./templates";
import { publicStatusUrl } from "./status-url";
import type { SupportIncident, SupportViewData } from "./schemas";

export async function supportView(now = new Date()): Promise<SupportViewData> {
  const [state, mapping, incidents, templates] = await Promise.all([
    readPublicState(db(), now),
    readComponentLayers(),
    db().incident.findMany({
      where: { status: { not: "resolved" } },
      orderBy: { number: "desc" },
      select: { id: true, number: true, severity: true, status: true, publicTitle: true, layerIds: true, nextUpdateDue: true, overdueSince: true, createdAt: true, leaderId: true, commsLeadId: true },
    }),
    listTemplates(),
  ]);
  const statusUrl = publicStatusUrl();
  const people = await userRefs(db(), incidents.flatMap((i) => [i.leaderId, i.commsLeadId]));
  const maintenance = { enabled: state.maintenancePage.enabled, message: state.maintenancePage.message };

  return {
    statusUrl,
    maintenance,
    incidents: incidents.map((inc): SupportIncident => {
      const published = state.incidents.find((p) => p.id === inc.id);
      const latest = published?.updates[0] ?? null;
      const affected = affectedComponents(state.components, mapping, { layerIds: inc.layerIds, publishedComponentIds: published?.componentIds ?? null });
      const next = nextUpdatePhrase(inc.nextUpdateDue, now, isOverdue(inc, now));
      const age = latest ? ageWords(now.getTime() - Date.parse(latest.createdAt)) : "";
      const facts: ReplyFacts = {
        title: inc.publicTitle ?? "",
        status: inc.status,
        components: affected.map((c) => ({ name: c.name, status: c.status })),
        latestUpdate: latest ? { body: latest.body, age } : null,
        nextUpdate: next.text,
        maintenance,
        statusUrl,
      };
      return {
        id: inc.id,
        number: inc.number,
        severity: inc.severity,
        status: inc.status,
        publicTitle: inc.publicTitle,
        latestPublicUpdate: latest ? { body: latest.body, createdAt: latest.createdAt, age } : null,
        ageSec: Math.max(0, Math.round((now.getTime() - (latest ? Date.parse(latest.createdAt) : inc.createdAt.getTime())) / 1000)),
        nextUpdate: { at: inc.nextUpdateDue.toISOString(), clock: next.clock, text: next.text, overdue: next.overdue },
        affectedComponents: affected.map((c) => ({ id: c.id, name: c.name, status: c.status, statusText: COMPONENT_STATUS_WORDS[c.status] })),
        // Without a public title there is nothing customers may be told yet.
        replies: inc.publicTitle ? renderReplies(templates, facts) : [],
        askName: refOf(people, inc.commsLeadId ?? inc.leaderId).name,
        askRole: inc.commsLeadId ? "comms lead" : "leader",
      };
    }),
  };
}
