"use client";
// One socket per tab. Tracks the last event seq it applied; after a reconnect it asks the server
// for everything it missed (and re-joins the war rooms it was in) before applying new events.
import { createContext, useContext, useEffect, useMemo, useRef, useState } from "react";
import { QueryClient, QueryClientProvider, useQueryClient } from "@tanstack/react-query";
import { io, type Socket } from "socket.io-client";
import type { ClientToServer, LiveEnvelope, ServerToClient, VolatileEvents, VolatileType } from "@/lib/realtime/catalogue";
import { applyEvent } from "@/lib/realtime/apply";

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

export function AppProviders({ initialSeq, children }: { initialSeq: number; children: React.ReactNode }) {
  const [qc] = useState(() => new QueryClient({ defaultOptions: { queries: { staleTime: 30_000, refetchOnWindowFocus: false } } }));
  return (
    <QueryClientProvider client={qc}>
      <LiveProvider initialSeq={initialSeq}>{children}</LiveProvider>
    </QueryClientProvider>
  );
}

function LiveProvider({ initialSeq, children }: { initialSeq: number; children: React.ReactNode }) {
  const qc = useQueryClient();
  const [connected, setConnected] = useState(false);
  const socketRef = useRef<Socket<ServerToClient, ClientToServer> | null>(null);
  const lastSeq = useRef(initialSeq);
  const incidents = useRef(new Map<string, number>());
  const listeners = useRef(new Set<Listener>());
  const volatileListeners = useRef(new Set<VolatileListener>());

  useEffect(() => {
    const socket: Socket<ServerToClient, ClientToServer> = io({ withCredentials: true });
    socketRef.current = socket;
    const apply = (e: LiveEnvelope) => {
      if (e.seq <= lastSeq.current) return;
      lastSeq.current = e.seq;
      applyEvent(qc, e);
      for (const fn of listeners.current) fn(e);
    };
    const applyAll = (events: LiveEnvelope[]) => [...events].sort((a, b) => a.seq - b.seq).forEach(apply);
    socket.on("connect", () => {
      setConnected(true);
      const since = lastSeq.current;
      socket.emit("sync:since", { since }, (res) => res.ok && applyAll(res.data.missed));
      for (const id of incidents.current.keys()) socket.emit("incident:join", { incidentId: id, since }, (res) => res.ok && applyAll(res.data.missed));
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
      socketRef.current = null;
    };
  }, [qc]);

  const live = useMemo<Live>(
    () => ({
      connected,
      joinIncident: (incidentId) => {
        incidents.current.set(incidentId, (incidents.current.get(incidentId) ?? 0) + 1);
        const s = socketRef.current;
        if (s?.connected) s.emit("incident:join", { incidentId, since: lastSeq.current }, () => undefined);
        return () => {
          const n = (incidents.current.get(incidentId) ?? 1) - 1;
          if (n > 0) return void incidents.current.set(incidentId, n);
          incidents.current.delete(incidentId);
          socketRef.current?.emit("incident:leave", { incidentId }, () => undefined);
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
    [connected],
  );

  return <LiveContext.Provider value={live}>{children}</LiveContext.Provider>;
}
