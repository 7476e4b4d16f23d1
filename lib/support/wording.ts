// The public words for an incident's status, shared by support replies and the public update draft,
// so what support pastes and what the status page says never disagree.
export type PublicIncidentStatus = "investigating" | "identified" | "monitoring" | "resolved";

export const PUBLIC_STATUS_SENTENCE: Record<PublicIncidentStatus, string> = {
  investigating: "We are looking into the problem.",
  identified: "We have found the cause and are working on a fix.",
  monitoring: "A fix is in place and we are watching to make sure it holds.",
  resolved: "The problem is fixed and everything works normally again.",
};

export const PUBLIC_STATUS_LABEL: Record<PublicIncidentStatus, string> = {
  investigating: "Investigating",
  identified: "Identified",
  monitoring: "Monitoring",
  resolved: "Resolved",
};

/** "A", "A and B", "A, B and C". */
export function listOf(names: readonly string[]): string {
  if (names.length <= 1) return names.join("");
  return `${names.slice(0, -1).join(", ")} and ${names.at(-1)}`;
}
