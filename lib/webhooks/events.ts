// The webhook events a subscriber can choose, and the data each one carries. Names are
// `domain.verb` (not the live channel's `domain:verb`): these are a public contract.
import type { Status } from "../stack/status";
import type { ComponentStatus } from "../public/components";

export const WEBHOOK_EVENTS = [
  "incident.declared",
  "incident.leader_changed",
  "incident.update_posted",
  "incident.update_overdue",
  "incident.resolved",
  "maintenance.toggled",
  "layer.state_changed",
  "component.status_overridden",
  "vantage.isolated",
] as const;

export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];
/** Sent only by "Send test", to the one webhook being tested, whatever it subscribes to. */
export type AnyWebhookEvent = WebhookEvent | "test.ping";

export type IncidentRef = { id: string; number: number; title: string; severity: string; status: string };
export type PersonRef = { id: string; name: string };

export type WebhookData = {
  "incident.declared": { incident: IncidentRef; declaredBy: PersonRef; leader: PersonRef };
  "incident.leader_changed": { incident: IncidentRef; from: PersonRef; to: PersonRef; by: PersonRef };
  "incident.update_posted": { incident: IncidentRef; update: { id: string; body: string; audience: string }; author: PersonRef };
  "incident.update_overdue": { incident: IncidentRef; dueAt: string };
  "incident.resolved": { incident: IncidentRef; summary: string; resolvedBy: PersonRef };
  /** `by` is who switched it, or who scheduled the window that did (then `window` names it). */
  "maintenance.toggled": { enabled: boolean; message: string; by: PersonRef; window: { id: string; title: string } | null };
  "layer.state_changed": {
    layer: { id: string; name: string; status: Status };
    check: { id: string; name: string };
    from: string;
    to: string;
    message: string;
    at: string;
    /** Set when this layer is the likely cause of others failing; their own changes are not sent. */
    cause?: { headline: string; affectedLayerIds: string[] } | null;
    /**
     * Set when this layer failing widens a cause whose alert already went out (its own change is
     * otherwise held back): one per change in scope, the headline saying "now N layers affected".
     */
    followUpOf?: { causeId: string; headline: string; affectedLayerIds: string[]; addedLayerIds: string[] } | null;
  };
  /** status null: back to the automatic status (cleared by the leader, or because the incident resolved). */
  "component.status_overridden": {
    component: { id: string; key: string; name: string };
    status: ComponentStatus | null;
    previousStatus: ComponentStatus | null;
    incident: IncidentRef;
    by: PersonRef;
  };
  /**
   * A vantage (an agent, or `server`) sees most of its checks fail that other vantages see healthy
   * (`isolated: true`): its network is the likely problem, and the layer changes resting only on its
   * word are not sent. `isolated: false` when it reaches its checks again.
   */
  "vantage.isolated": { vantage: string; isolated: boolean; text: string; failing: number; of: number; layerIds: string[]; at: string };
  "test.ping": { message: string; webhook: { id: string; name: string } };
};

export function incidentRef(i: IncidentRef): IncidentRef {
  return { id: i.id, number: i.number, title: i.title, severity: i.severity, status: i.status };
}
