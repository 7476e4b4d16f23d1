// How each live event changes the browser's React Query cache. Client-safe (no server imports).
import type { QueryClient } from "@tanstack/react-query";
import type { DurableEvents, DurableType, LiveEnvelope, PublicUser } from "./catalogue";

type Appliers = { [K in DurableType]: (qc: QueryClient, payload: DurableEvents[K]) => void };

const upsertUser = (qc: QueryClient, user: PublicUser) =>
  qc.setQueryData<{ users: PublicUser[] }>(["users"], (old) =>
    old ? { users: old.users.some((u) => u.id === user.id) ? old.users.map((u) => (u.id === user.id ? user : u)) : [...old.users, user] } : old,
  );

const appliers: Appliers = {
  "user:created": (qc, p) => upsertUser(qc, p.user),
  "user:updated": (qc, p) => upsertUser(qc, p.user),
  "stack:updated": (qc) => {
    void qc.invalidateQueries({ queryKey: ["stack"] });
    void qc.invalidateQueries({ queryKey: ["components"] });
  },
  "check:state": (qc, p) => {
    void qc.invalidateQueries({ queryKey: ["stack"] });
    void qc.invalidateQueries({ queryKey: ["layer", p.layerId] });
    void qc.invalidateQueries({ queryKey: ["components"] });
  },
  "incident:declared": (qc) => void qc.invalidateQueries({ queryKey: ["incidents"] }),
  "incident:updated": (qc, p) => {
    void qc.invalidateQueries({ queryKey: ["incidents"] });
    void qc.invalidateQueries({ queryKey: ["incident", p.incidentId] });
  },
  "timeline:appended": (qc, p) => void qc.invalidateQueries({ queryKey: ["timeline", p.incidentId] }),
  "task:changed": (qc, p) => void qc.invalidateQueries({ queryKey: ["incident", p.incidentId] }),
  "finding:added": (qc, p) => void qc.invalidateQueries({ queryKey: ["incident", p.incidentId] }),
  "maintenance:toggled": (qc) => void qc.invalidateQueries({ queryKey: ["maintenance"] }),
  "postmortem:changed": (qc, p) => void qc.invalidateQueries({ queryKey: ["postmortem", p.incidentId] }),
  "component:overridden": (qc) => {
    void qc.invalidateQueries({ queryKey: ["components"] });
    void qc.invalidateQueries({ queryKey: ["incidents", "support"] });
  },
  "support:templates": (qc) => {
    void qc.invalidateQueries({ queryKey: ["incidents", "support"] });
    void qc.invalidateQueries({ queryKey: ["reply-templates"] });
  },
  // Starting or ending a window changes which layers show "maintenance".
  "maintenanceWindow:changed": (qc) => {
    void qc.invalidateQueries({ queryKey: ["maintenance-windows"] });
    void qc.invalidateQueries({ queryKey: ["stack"] });
    void qc.invalidateQueries({ queryKey: ["layer"] });
    void qc.invalidateQueries({ queryKey: ["components"] });
    void qc.invalidateQueries({ queryKey: ["incidents", "support"] });
  },
};

export function applyEvent(qc: QueryClient, e: LiveEnvelope): void {
  const fn = appliers[e.type] as (qc: QueryClient, payload: unknown) => void;
  fn?.(qc, e.payload);
}
