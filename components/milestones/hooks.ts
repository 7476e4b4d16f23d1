"use client";
import { useQuery } from "@tanstack/react-query";
import { apiFetch } from "@/components/ui/api";
import type { MilestonesView } from "@/lib/milestones/schemas";

/** ["milestones", id] is refreshed by the "milestones:changed" live event (lib/realtime/apply.ts). */
export function useMilestones(incidentId: string) {
  return useQuery({ queryKey: ["milestones", incidentId], queryFn: () => apiFetch<{ milestones: MilestonesView }>(`/api/incidents/${incidentId}/milestones`).then((r) => r.milestones) });
}
