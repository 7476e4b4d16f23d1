// Escaping and wording shared by the public renderers.
import type { ComponentStatus } from "../components";

export const escapeHtml = (t: string) => t.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] ?? c);
/** XML 1.0 forbids most control characters even when escaped; drop them. */
// eslint-disable-next-line no-control-regex -- stripping control characters is the point
export const escapeXml = (t: string) => escapeHtml(t.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, ""));

export const INCIDENT_STATUS_WORDS: Record<string, string> = { investigating: "Investigating", identified: "Identified", monitoring: "Monitoring", resolved: "Resolved" };

export const STATUS_ICON: Record<ComponentStatus, string> = {
  operational: "✓",
  degraded_performance: "◐",
  partial_outage: "!",
  major_outage: "✕",
  under_maintenance: "🛠",
};

/** "29 Nov 2026, 19:42 UTC": one unambiguous clock for every reader. */
export function utc(iso: string): string {
  const d = new Date(iso);
  const months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
  const p = (n: number) => String(n).padStart(2, "0");
  return `${d.getUTCDate()} ${months[d.getUTCMonth()]} ${d.getUTCFullYear()}, ${p(d.getUTCHours())}:${p(d.getUTCMinutes())} UTC`;
}
