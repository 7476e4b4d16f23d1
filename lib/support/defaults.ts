// The reply templates a fresh install starts with (admins edit them on /admin/replies).
import type { TemplateText } from "./render";

export const DEFAULT_TEMPLATES: TemplateText[] = [
  {
    title: "We know about it",
    when: "always",
    body: "Thanks for getting in touch. We are aware of a problem: {{title}}. It affects {{components}}. {{status}} We will post the next update {{next_update}} on {{status_url}}.",
  },
  {
    title: "Latest update",
    when: "has_update",
    body: "Here is our latest update, posted {{latest_update_age}}:\n\n{{latest_update}}\n\nWe will post the next update {{next_update}}. You can follow along on {{status_url}}.",
  },
  {
    title: "Maintenance page",
    when: "maintenance",
    body: "While we fix this, the site shows a maintenance page: “{{maintenance_message}}” Please try again in a few minutes; nothing you saved before the problem started is lost. We will post the next update {{next_update}}.",
  },
  {
    title: "No workaround yet",
    when: "always",
    body: "Sorry for the trouble. We do not have a workaround for {{components}} yet. We will post the next update {{next_update}} on {{status_url}} and let you know as soon as everything works again.",
  },
];
