// How each live event changes the browser's React Query cache. Client-safe (no server imports).
import type { Query, QueryClient, QueryKey } from "@tanstack/react-query";
import type { DurableEvents, DurableType, LiveEnvelope, PublicUser } from "./catalogue";

type Appliers = { [K in DurableType]: (qc: QueryClient, payload: DurableEvents[K]) => void };


const firstLoad = (q: Query) => q.state.data === undefined && q.state.fetchStatus === "fetching";

/**
 * Refetches what a change touched. React Query folds an invalidation that arrives during a
 * query's first load into that load, which may have read the database before the change (and a
 * query kept fresh only by events would then never see it): such a load is cancelled first, so
 * the fetch that follows starts after the change.
 */
function refresh(qc: QueryClient, queryKey: QueryKey): void {
  void qc.cancelQueries({ queryKey, predicate: firstLoad }).then(() => qc.invalidateQueries({ queryKey }));
}

const upsertUser = (qc: QueryClient, user: PublicUser) => {
  // Still loading: the load may predate this change, so reload rather than patch nothing.
  if (!qc.getQueryData(["users"])) return refresh(qc, ["users"]);
  qc.setQueryData<{ users: PublicUser[] }>(["users"], (old) =>
    old ? { users: old.users.some((u) => u.id === user.id) ? old.users.map((u) => (u.id === user.id ? user : u)) : [...old.users, user] } : old,
  );
};

const appliers: Appliers = {
  "user:created": (qc, p) => upsertUser(qc, p.user),
  "user:updated": (qc, p) => upsertUser(qc, p.user),
  "stack:updated": (qc) => {
    refresh(qc, ["stack"]);
    refresh(qc, ["components"]);
  },
  "check:state": (qc, p) => {
    refresh(qc, ["stack"]);
    refresh(qc, ["layer", p.layerId]);
    refresh(qc, ["components"]);
  },
  "incident:declared": (qc) => refresh(qc, ["incidents"]),
  "incident:updated": (qc, p) => {
    refresh(qc, ["incidents"]);
    refresh(qc, ["incident", p.incidentId]);
    refresh(qc, ["catch-up", p.incidentId]);
  },
  "timeline:appended": (qc, p) => {
    refresh(qc, ["timeline", p.incidentId]);
    refresh(qc, ["alerts", p.incidentId]);
    refresh(qc, ["catch-up", p.incidentId]);
  },
  "alert:acked": (qc, p) => refresh(qc, ["alerts", p.incidentId]),
  "task:changed": (qc, p) => refresh(qc, ["incident", p.incidentId]),
  "finding:added": (qc, p) => refresh(qc, ["incident", p.incidentId]),
  "maintenance:toggled": (qc) => refresh(qc, ["maintenance"]),
  "postmortem:changed": (qc, p) => refresh(qc, ["postmortem", p.incidentId]),
  "milestones:changed": (qc, p) => {
    refresh(qc, ["milestones", p.incidentId]);
    refresh(qc, ["insights"]);
  },
  "change:recorded": (qc) => refresh(qc, ["changes"]),
  "followUp:changed": (qc) => refresh(qc, ["follow-ups"]),
  "component:overridden": (qc) => {
    refresh(qc, ["components"]);
    refresh(qc, ["incidents", "support"]);
  },
  "support:templates": (qc) => {
    refresh(qc, ["incidents", "support"]);
    refresh(qc, ["reply-templates"]);
  },
  // Starting or ending a window changes which layers show "maintenance".
  "maintenanceWindow:changed": (qc) => {
    refresh(qc, ["maintenance-windows"]);
    refresh(qc, ["stack"]);
    refresh(qc, ["layer"]);
    refresh(qc, ["components"]);
    refresh(qc, ["incidents", "support"]);
  },
  "agent:changed": (qc) => refresh(qc, ["agents"]),
};

export function applyEvent(qc: QueryClient, e: LiveEnvelope): void {
  const fn = appliers[e.type] as (qc: QueryClient, payload: unknown) => void;
  fn?.(qc, e.payload);
}
