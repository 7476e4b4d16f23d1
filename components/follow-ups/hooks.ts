"use client";
import { useQuery } from "@tanstack/react-query";
import { apiFetch } from "@/components/ui/api";
import type { FollowUpView } from "@/lib/follow-ups/schemas";

/** ["follow-ups", …] keys are refreshed by the "followUp:changed" live event. */
export function useIncidentFollowUps(incidentId: string) {
  return useQuery({ queryKey: ["follow-ups", "incident", incidentId], queryFn: () => apiFetch<{ followUps: FollowUpView[] }>(`/api/incidents/${incidentId}/follow-ups`).then((r) => r.followUps) });
}

export function useFollowUps(status: "open" | "done" | "all") {
  return useQuery({ queryKey: ["follow-ups", "list", status], queryFn: () => apiFetch<{ followUps: FollowUpView[] }>(`/api/follow-ups?status=${status}`).then((r) => r.followUps) });
}
