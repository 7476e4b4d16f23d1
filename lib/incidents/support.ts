// The support view: customer-safe facts only (public updates, features in users' words, ready replies),
// never internal updates, task chatter or raw probe messages.
import { db } from "../runtime/context";
import { isOverdue } from "./queries";
import { clock, duration } from "./format";
import { DEFAULT_MAINTENANCE_MESSAGE } from "./maintenance";

export type Reply = { title: string; text: string };
export type SupportIncident = {
  id: string;
  number: number;
  title: string;
  severity: string;
  status: string;
  latestPublicUpdate: { body: string; createdAt: string } | null;
  ageSec: number;
  nextUpdateDue: string;
  overdue: boolean;
  affectedFeatures: string[];
  replies: Reply[];
};

type LayerRow = { id: string; name: string; publicName: string | null; impact: string; checks: { state: string }[] };

/** A layer in users' terms: its public name and what users see when it fails. */
export function featureText(l: Pick<LayerRow, "name" | "publicName" | "impact">): string {
  const name = featureName(l);
  return l.impact.trim() ? `${name}: ${l.impact.trim()}` : name;
}

export const featureName = (l: Pick<LayerRow, "name" | "publicName">) => l.publicName?.trim() || l.name;

export function replyTemplates(input: { featureNames: string[]; latest: { body: string; createdAt: Date } | null; nextDue: Date; maintenance: { enabled: boolean; message: string }; now: Date }): Reply[] {
  const what = input.featureNames.length ? input.featureNames.join(", ") : "parts of the site";
  const next = input.nextDue > input.now ? `by ${clock(input.nextDue)}` : "shortly";
  const replies: Reply[] = [
    {
      title: "We know about it",
      text: `Thank you for letting us know. We are aware of a problem affecting ${what} and our team is working on it right now. We will share the next update ${next}.`,
    },
  ];
  if (input.latest)
    replies.push({
      title: "Latest update",
      text: `Here is our latest update (posted ${duration(input.now.getTime() - input.latest.createdAt.getTime())} ago): ${input.latest.body}\nWe will share the next update ${next}.`,
    });
  if (input.maintenance.enabled)
    replies.push({ title: "Maintenance page", text: `While we fix this, the site shows a maintenance page: "${input.maintenance.message || DEFAULT_MAINTENANCE_MESSAGE}" Please try again in a few minutes; nothing you saved before the problem started is lost.` });
  replies.push({ title: "No workaround yet", text: `Sorry for the trouble. There is no workaround we can offer yet for ${what}. We will let you know as soon as it works again.` });
  return replies;
}

export async function supportView(now = new Date()): Promise<{ incidents: SupportIncident[]; maintenance: { enabled: boolean; message: string } }> {
  const [incidents, failing, m] = await Promise.all([
    db().incident.findMany({ where: { status: { not: "resolved" } }, orderBy: { number: "desc" }, include: { updates: { where: { audience: "public" }, orderBy: { createdAt: "desc" }, take: 1 } } }),
    db().layer.findMany({
      where: { checks: { some: { enabled: true, state: { in: ["down", "degraded"] } } } },
      select: { id: true, name: true, publicName: true, impact: true, position: true },
      orderBy: { position: "asc" },
    }),
    db().maintenance.findUnique({ where: { id: 1 } }),
  ]);
  const declared = await db().layer.findMany({ where: { id: { in: incidents.flatMap((i) => i.layerIds) } }, select: { id: true, name: true, publicName: true, impact: true } });
  const maintenance = { enabled: m?.enabled ?? false, message: m?.enabled ? m.message : "" };
  return {
    maintenance,
    incidents: incidents.map((inc) => {
      const layers = [...declared.filter((l) => inc.layerIds.includes(l.id)), ...failing.filter((l) => !inc.layerIds.includes(l.id))];
      const features = layers.map(featureText);
      const latest = inc.updates[0] ?? null;
      return {
        id: inc.id,
        number: inc.number,
        title: inc.title,
        severity: inc.severity,
        status: inc.status,
        latestPublicUpdate: latest ? { body: latest.body, createdAt: latest.createdAt.toISOString() } : null,
        ageSec: Math.max(0, Math.round((now.getTime() - (latest?.createdAt ?? inc.createdAt).getTime()) / 1000)),
        nextUpdateDue: inc.nextUpdateDue.toISOString(),
        overdue: isOverdue(inc, now),
        affectedFeatures: features,
        replies: replyTemplates({ featureNames: layers.map(featureName), latest, nextDue: inc.nextUpdateDue, maintenance, now }),
      };
    }),
  };
}
