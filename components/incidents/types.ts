// The incidents API as the browser sees it (the contract in lib/incidents/API.md): JSON shapes only.
export const SEVERITIES = ["SEV1", "SEV2", "SEV3", "SEV4"] as const;
export type Severity = (typeof SEVERITIES)[number];

export const INCIDENT_STATUSES = ["investigating", "identified", "monitoring", "resolved"] as const;
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];

export const TRACKS = ["top_down", "bottom_up", "corrective", "restore", "follow_up"] as const;
export type Track = (typeof TRACKS)[number];

export type TaskStatus = "open" | "claimed" | "done";
export type Audience = "internal" | "public";

export type UserRef = { id: string; name: string; role: string };

export type Finding = { id: string; body: string; suspect: boolean; author: UserRef; createdAt: string };

export type Task = {
  id: string;
  incidentId: string;
  title: string;
  details: string;
  track: Track;
  layerId: string | null;
  layerName: string | null;
  status: TaskStatus;
  assignee: UserRef | null;
  createdAt: string;
  claimedAt: string | null;
  completedAt: string | null;
  findings: Finding[];
};

export type StatusUpdate = { id: string; body: string; audience: Audience; author: UserRef; createdAt: string };

export type IncidentSummary = {
  id: string;
  number: number;
  title: string;
  severity: Severity;
  status: IncidentStatus;
  leader: UserRef;
  createdAt: string;
  resolvedAt: string | null;
  nextUpdateDue: string;
  overdue: boolean;
  openTasks: number;
};

export type IncidentDetail = IncidentSummary & {
  symptoms: string;
  playbook: string | null;
  layerIds: string[];
  declaredBy: UserRef;
  cadenceMinutes: number;
  lastUpdateAt: string | null;
  overdueSince: string | null;
  summary: string | null;
  identifiedAt: string | null;
  monitoringAt: string | null;
  tasks: Task[];
  updates: StatusUpdate[];
  participants: UserRef[];
};

export type TimelineEvent = { seq: number; kind: string; text: string; actor: UserRef | null; data: unknown; createdAt: string };

export type Maintenance = { enabled: boolean; message: string; updatedAt: string | null; incidentId: string | null; nginxSnippet: string };

/** What the declare form and the task board need from GET /api/stack. */
export type StackLayerRef = { id: string; key: string; name: string; status?: string };

/** Scenario playbooks offered in selects (from lib/playbooks listScenarios(), passed down by the page). */
export type PlaybookOption = { id: string; title: string; severity: string; taskCount: number };

/** The people who can lead or be assigned: active responders and admins. */
export type Person = { id: string; name: string; role: string };

/** The signed-in user, as the war room needs it. */
export type Me = { id: string; name: string; role: string };
