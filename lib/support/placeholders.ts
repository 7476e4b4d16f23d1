// The placeholders a reply template may use. Every value behind them comes from public facts only
// (public title, public updates, public component names), so no template can reach internal text.
export const PLACEHOLDERS = [
  { name: "title", description: "The incident's public title" },
  { name: "status", description: "Where we are, in one public sentence (e.g. “We have found the cause and are working on a fix.”)" },
  { name: "components", description: "Affected components by public name (e.g. “Checkout and Emails”)" },
  { name: "component_statuses", description: "Affected components with their public status (e.g. “Checkout: major outage; Emails: degraded performance”)" },
  { name: "latest_update", description: "The text of the latest public update (empty before the first one)" },
  { name: "latest_update_age", description: "How long ago the latest public update was posted (e.g. “12 minutes ago”)" },
  { name: "next_update", description: "When the next update is due: “by 14:30 UTC”, or “shortly” when it is late" },
  { name: "maintenance_message", description: "What the maintenance page says (empty when it is off)" },
  { name: "status_url", description: "The address of the public status page" },
] as const;

export type PlaceholderName = (typeof PLACEHOLDERS)[number]["name"];
export const PLACEHOLDER_NAMES: readonly string[] = PLACEHOLDERS.map((p) => p.name);

/** When a template is offered: always, only once a public update exists, only while the maintenance page is on. */
export const TEMPLATE_WHEN = ["always", "has_update", "maintenance"] as const;
export type TemplateWhen = (typeof TEMPLATE_WHEN)[number];

export const WHEN_LABEL: Record<TemplateWhen, string> = {
  always: "Always",
  has_update: "Once a public update is posted",
  maintenance: "While the maintenance page is on",
};
