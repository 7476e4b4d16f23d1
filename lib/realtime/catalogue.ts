// The one typed catalogue of live events, shared by server and browser. Names are `domain:verb`.
// Durable events are stored with a sequence number and replayed to a client that reconnects;
// volatile ones (high-rate measurements) are not, the client refetches instead.
import type { Role } from "../auth/roles";

export type PublicUser = { id: string; email: string; name: string; role: Role; disabled: boolean; createdAt: string };

export type DurableEvents = {
  "user:created": { user: PublicUser };
  "user:updated": { user: PublicUser };
  "stack:updated": { version: number };
  "check:state": { checkId: string; layerId: string; from: string; to: string; message: string; at: string };
  "incident:declared": { incidentId: string; number: number; title: string; severity: string };
  "incident:updated": { incidentId: string };
  "timeline:appended": { incidentId: string; seq: number; kind: string; text: string; at: string; actorId: string | null; data: unknown };
  "task:changed": { incidentId: string; taskId: string };
  "finding:added": { incidentId: string; taskId: string; suspect: boolean; body: string; authorName: string };
  "maintenance:toggled": { enabled: boolean; message: string };
  "postmortem:changed": { incidentId: string };
  /** The incident's milestones moved (derived from a new timeline entry, or set by the leader). */
  "milestones:changed": { incidentId: string };
  /** A change event (deploy, config, feature flag) was recorded. */
  "change:recorded": { changeId: string; at: string };
  /** A follow-up action item was created or completed. */
  "followUp:changed": { incidentId: string; followUpIds: string[] };
  /** This user acknowledged alerts of the war room's alert rail (sent to their own `user:<id>` room). */
  "alert:acked": { incidentId: string; keys: string[] };
  /** A component's public status was overridden (status set) or returned to automatic (null). */
  "component:overridden": { componentId: string; key: string; status: string | null; incidentId: string | null };
  /** Reply templates were added, edited, reordered or deleted. */
  "support:templates": { ids: string[] };
  /** A maintenance window was scheduled, edited, cancelled, started or completed. */
  "maintenanceWindow:changed": { windowId: string; title: string; state: string };
  /** A probe agent was created or revoked (admins only). */
  "agent:changed": { agentId: string; name: string };
};

export type VolatileEvents = {
  /** Layers whose checks produced results in the last second (coalesced; for sparklines). */
  "check:results": { layerIds: string[] };
  "presence:changed": { incidentId: string; present: PresenceEntry[] };
  "break:reminder": { incidentId: string; minutes: number };
};

export type PresenceEntry = { userId: string; name: string; role: Role; since: string };

export type DurableType = keyof DurableEvents;
export type VolatileType = keyof VolatileEvents;

export type LiveEnvelope<K extends DurableType = DurableType> = { seq: number; room: string; type: K; payload: DurableEvents[K]; at: string };

/** Rooms: every signed-in user is in `stack` and `incidents`; admins also in `admin`; war rooms on join. */
export const rooms = {
  admin: "admin",
  stack: "stack",
  incidents: "incidents",
  incident: (id: string) => `incident:${id}`,
} as const;

/** Socket events a browser may send, with their ack shapes. */
export type ClientToServer = {
  "incident:join": (req: { incidentId: string; since?: number }, ack: (res: AckResult<Replay>) => void) => void;
  "incident:leave": (req: { incidentId: string }, ack: (res: AckResult<null>) => void) => void;
  "sync:since": (req: { since: number }, ack: (res: AckResult<Replay>) => void) => void;
};

/** Missed events, oldest first, at most a page of them; `more`: ask again from the last one's seq. */
export type Replay = { missed: LiveEnvelope[]; more: boolean };

export type ServerToClient = {
  event: (e: LiveEnvelope) => void;
  volatile: <K extends VolatileType>(e: { type: K; room: string; payload: VolatileEvents[K] }) => void;
};

export type AckResult<T> = { ok: true; data: T } | { ok: false; error: { code: string; message: string } };
