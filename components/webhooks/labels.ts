import { WEBHOOK_EVENTS, type WebhookEvent } from "@/lib/webhooks/events";

export { WEBHOOK_EVENTS };

export const EVENT_LABELS: Record<WebhookEvent, string> = {
  "incident.declared": "Incident declared",
  "incident.leader_changed": "Leader changed",
  "incident.update_posted": "Status update posted",
  "incident.update_overdue": "Status update overdue",
  "incident.resolved": "Incident resolved",
  "maintenance.toggled": "Maintenance page toggled",
  "layer.state_changed": "Layer state changed",
  "component.status_overridden": "Component status overridden",
  "vantage.isolated": "Agent network cut off / back",
};
