"use client";
// The customer-facing components (GET /api/components), under the ["components"] key the live
// appliers refresh on overrides, stack edits and check state changes.
import { useQuery } from "@tanstack/react-query";
import { apiFetch } from "@/components/ui/api";
import type { ComponentsView } from "@/lib/components/view";

export function useComponents() {
  return useQuery({ queryKey: ["components"], queryFn: () => apiFetch<ComponentsView>("/api/components"), select: (d) => d.components });
}
