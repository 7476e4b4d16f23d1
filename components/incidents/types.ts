// The incidents API as the browser sees it (the contract in lib/incidents/API.md).
export const SEVERITIES = ["SEV1", "SEV2", "SEV3", "SEV4"] as const;
export type Severity = (typeof SEVERITIES)[number];

export const INCIDENT_STATUSES = ["investigating", "identified", "monitoring", "resolved"] as const;
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];

export const TRACKS = ["top_down", "bottom_up", "corrective", "restore", "follow_up"] as const;
export type Track = (typeof TRACKS)[number];

export type TaskStatus = "open" | "claimed" | "done";
export type Audience = "internal" | "public";

// The JSON shapes are the server's read models themselves (type-only imports: no server code
// reaches the browser bundle), so the two sides cannot drift apart.
export type { UserRef } from "@/lib/incidents/users";
export type {
  FindingView as Finding,
  TaskView as Task,
  StatusUpdateView as StatusUpdate,
  IncidentSummary,
  IncidentDetail,
} from "@/lib/incidents/queries";
export type { TimelineEventView as TimelineEvent } from "@/lib/incidents/timeline-read";

export type Maintenance = { enabled: boolean; message: string; updatedAt: string | null; incidentId: string | null; nginxSnippet: string };

/** What the declare form and the task board need from GET /api/stack. */
export type StackLayerRef = { id: string; key: string; name: string; status?: string };

/** Scenario playbooks offered in selects (from lib/playbooks listScenarios(), passed down by the page). */
export type PlaybookOption = { id: string; title: string; severity: string; taskCount: number };

/** The people who can lead or be assigned: active responders and admins. */
export type Person = { id: string; name: string; role: string };

/** The signed-in user, as the war room needs it. */
export type Me = { id: string; name: string; role: string };
