"use client";
// Shared data hooks for the incident pages: one React Query key per resource, so the live
// appliers in lib/realtime/apply.ts refresh them (["incidents"], ["incident", id], ["maintenance"]).
import { useQuery } from "@tanstack/react-query";
import { ApiError, apiFetch } from "@/components/ui/api";
import type { IncidentDetail, Maintenance, StackLayerRef } from "./types";

export function useIncident(id: string) {
  return useQuery({
    queryKey: ["incident", id],
    queryFn: () => apiFetch<{ incident: IncidentDetail }>(`/api/incidents/${id}`).then((r) => r.incident),
    staleTime: 5_000,
    // A 404 (or any refusal) will not change by asking again: say so at once.
    retry: (count, err) => !(err instanceof ApiError && err.status >= 400 && err.status < 500) && count < 3,
  });
}

export function useMaintenance() {
  return useQuery({ queryKey: ["maintenance"], queryFn: () => apiFetch<Maintenance>("/api/maintenance") });
}

/** Layers from the stack map; an empty list while there is no stack yet. */
export function useStackLayers() {
  return useQuery({
    queryKey: ["stack"],
    queryFn: () => apiFetch<{ layers?: StackLayerRef[] }>("/api/stack"),
    select: (data) => data.layers ?? [],
  });
}
