"use client";
// One socket per tab. Tracks the last event seq it applied; after a reconnect it asks the server
// for everything it missed (and re-joins the war rooms it was in) before applying new events.
import { createContext, useContext, useEffect, useMemo, useRef, useState } from "react";
import { QueryClient, QueryClientProvider, useQueryClient } from "@tanstack/react-query";
import { io, type Socket } from "socket.io-client";
import type { AckResult, ClientToServer, LiveEnvelope, Replay, ServerToClient, VolatileEvents, VolatileType } from "@/lib/realtime/catalogue";
import { applyEvent } from "@/lib/realtime/apply";
import { catchUp, LiveCursor } from "@/lib/realtime/catch-up";
import { RenderedAtProvider } from "@/components/ui/clock";

type Listener = (e: LiveEnvelope) => void;
type VolatileListener = (e: { type: VolatileType; room: string; payload: VolatileEvents[VolatileType] }) => void;

type Live = {
  connected: boolean;
  joinIncident: (incidentId: string) => () => void;
  onEvent: (fn: Listener) => () => void;
  onVolatile: (fn: VolatileListener) => () => void;
};

const LiveContext = createContext<Live | null>(null);

export function useLive(): Live {
  const live = useContext(LiveContext);
  if (!live) throw new Error("useLive outside LiveProvider");
  return live;
}

export function AppProviders({ initialSeq, renderedAt, children }: { initialSeq: number; renderedAt: number; children: React.ReactNode }) {
  const [qc] = useState(() => new QueryClient({ defaultOptions: { queries: { staleTime: 30_000, refetchOnWindowFocus: false } } }));
  return (
    <QueryClientProvider client={qc}>
      <RenderedAtProvider at={renderedAt}>
        <LiveProvider initialSeq={initialSeq}>{children}</LiveProvider>
      </RenderedAtProvider>
    </QueryClientProvider>
  );
}

function LiveProvider({ initialSeq, children }: { initialSeq: number; children: React.ReactNode }) {
  const qc = useQueryClient();
  const [connected, setConnected] = useState(false);
  /** The open socket, and how to enter a war room on it catching up on what the room missed. */
  const channel = useRef<{ socket: Socket<ServerToClient, ClientToServer>; enter: (incidentId: string, since: number) => void } | null>(null);
  const [cursor] = useState(() => new LiveCursor(initialSeq));
  const incidents = useRef(new Map<string, number>());
  const listeners = useRef(new Set<Listener>());
  const volatileListeners = useRef(new Set<VolatileListener>());

  useEffect(() => {
    const socket: Socket<ServerToClient, ClientToServer> = io({ withCredentials: true });
    const apply = (e: LiveEnvelope) => {
      if (!cursor.accept(e.seq)) return;
      applyEvent(qc, e);
      for (const fn of listeners.current) fn(e);
    };
    const applyAll = (events: LiveEnvelope[]) => [...events].sort((a, b) => a.seq - b.seq).forEach(apply);
    const syncSince = (since: number) => new Promise<AckResult<Replay>>((resolve) => socket.emit("sync:since", { since }, resolve));
    // A war room's first page comes with the join (events of the room between what the page
    // loaded and the join taking effect); further pages through sync:since, which covers the room
    // once joined.
    const enter = (incidentId: string, since: number) =>
      void catchUp(
        (from, page) => (page === 0 ? new Promise<AckResult<Replay>>((resolve) => socket.emit("incident:join", { incidentId, since: from }, resolve)) : syncSince(from)),
        since,
        applyAll,
      );
    channel.current = { socket, enter };
    socket.on("connect", () => {
      setConnected(true);
      const since = cursor.since;
      void catchUp(syncSince, since, applyAll);
      for (const id of incidents.current.keys()) enter(id, since);
    });
    socket.on("disconnect", () => setConnected(false));
    socket.on("connect_error", (err) => {
      if (err.message === "unauthorized") window.location.assign(`/login?next=${encodeURIComponent(window.location.pathname)}`);
    });
    socket.on("event", apply);
    socket.on("volatile", (e) => {
      for (const fn of volatileListeners.current) fn(e as Parameters<VolatileListener>[0]);
    });
    return () => {
      socket.disconnect();
      channel.current = null;
    };
  }, [qc, cursor]);

  const live = useMemo<Live>(
    () => ({
      connected,
      joinIncident: (incidentId) => {
        incidents.current.set(incidentId, (incidents.current.get(incidentId) ?? 0) + 1);
        const c = channel.current;
        if (c?.socket.connected) c.enter(incidentId, cursor.since);
        return () => {
          const n = (incidents.current.get(incidentId) ?? 1) - 1;
          if (n > 0) return void incidents.current.set(incidentId, n);
          incidents.current.delete(incidentId);
          channel.current?.socket.emit("incident:leave", { incidentId }, () => undefined);
        };
      },
      onEvent: (fn) => {
        listeners.current.add(fn);
        return () => void listeners.current.delete(fn);
      },
      onVolatile: (fn) => {
        volatileListeners.current.add(fn);
        return () => void volatileListeners.current.delete(fn);
      },
    }),
    [connected, cursor],
  );

  return <LiveContext.Provider value={live}>{children}</LiveContext.Provider>;
}
