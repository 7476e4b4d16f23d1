"use client";
// The diagram's data: one query kept current by live events. check:state and stack:updated are
// applied in lib/realtime/apply.ts; volatile check:results (coalesced per second) only refreshes the
// sparklines, so it is throttled to one refetch per few seconds however many checks run.
import { useEffect, useRef } from "react";
import { useQuery, useQueryClient, type QueryKey } from "@tanstack/react-query";
import { apiFetch } from "@/components/ui/api";
import { useLive } from "@/components/live/live-provider";

const REFRESH_MS = 3000;

export function useThrottledRefresh(queryKey: QueryKey, match: (layerId: string) => boolean = () => true) {
  const qc = useQueryClient();
  const { onVolatile } = useLive();
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const keyJson = JSON.stringify(queryKey);
  const matchRef = useRef(match);
  useEffect(() => {
    matchRef.current = match;
  });
  useEffect(() => {
    const off = onVolatile((e) => {
      if (e.type !== "check:results" || timer.current) return;
      if (!(e.payload as { layerIds: string[] }).layerIds.some((id) => matchRef.current(id))) return;
      timer.current = setTimeout(() => {
        timer.current = null;
        void qc.invalidateQueries({ queryKey: JSON.parse(keyJson) as QueryKey });
      }, REFRESH_MS);
    });
    return () => {
      off();
      if (timer.current) clearTimeout(timer.current);
      timer.current = null;
    };
  }, [onVolatile, qc, keyJson]);
}

export function useLiveQuery<T>(queryKey: QueryKey, url: string, initialData: T | undefined, match?: (layerId: string) => boolean) {
  useThrottledRefresh(queryKey, match);
  return useQuery({ queryKey, queryFn: () => apiFetch<T>(url), initialData, staleTime: 2000 });
}
