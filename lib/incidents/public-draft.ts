// The public status update draft: only what customers may read. It is composed from the public
// read model (component names and statuses, the maintenance page) and the incident's status, never
// from the timeline's internal facts (layers, tasks, findings, notes), so none of them can slip in.
import { plural } from "../text/plural";
import { COMPONENT_STATUS_WORDS, type ComponentStatus } from "../public/components";
import { listOf, PUBLIC_STATUS_SENTENCE, type PublicIncidentStatus } from "../support/wording";

export type PublicDraftInput = {
  status: PublicIncidentStatus;
  cadenceMinutes: number;
  /** The affected components, by public name, with their public status. */
  components: { name: string; status: ComponentStatus }[];
  maintenance: { enabled: boolean; message: string; /** switched off since the last public update */ endedSinceLastUpdate: boolean };
};

/** Pure: a short public update the leader edits before publishing. */
export function composePublicDraft(input: PublicDraftInput): string {
  const lines: string[] = [PUBLIC_STATUS_SENTENCE[input.status]];
  const broken = input.components.filter((c) => c.status !== "operational");
  const fine = input.components.filter((c) => c.status === "operational");
  if (broken.length) lines.push(`Affected: ${broken.map((c) => `${c.name} (${COMPONENT_STATUS_WORDS[c.status].toLowerCase()})`).join(", ")}.`);
  if (fine.length && input.status !== "investigating") lines.push(`${listOf(fine.map((c) => c.name))} ${fine.length === 1 ? "works" : "work"} normally again.`);
  if (input.maintenance.enabled) lines.push(`While we work on it, the site shows a maintenance page: “${input.maintenance.message.trim()}”`);
  else if (input.maintenance.endedSinceLastUpdate) lines.push("The maintenance page is off: the site is available again.");
  lines.push(whatUsersCanDo(input));
  if (input.status !== "resolved") lines.push(`We will post another update within ${plural(input.cadenceMinutes, "minute")}.`);
  return lines.join("\n");
}

function whatUsersCanDo(input: PublicDraftInput): string {
  if (input.status === "resolved") return "If something still does not work for you, please contact our support team.";
  if (input.maintenance.enabled) return "Please try again in a few minutes; nothing you saved before the problem started is lost.";
  return "If something fails, please wait a few minutes and try again.";
}
