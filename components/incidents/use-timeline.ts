"use client";
// The timeline, newest first, without ever loading it whole (an incident can hold 10,000 events).
// The head (["timeline", id, kinds]) loads the newest page once, then on each live invalidation
// fetches only what came after its last seq. Older pages hang below a fixed floor under a key
// live events never touch: the timeline is append-only, so those pages never change.
import { useState } from "react";
import { useInfiniteQuery, useQuery, useQueryClient } from "@tanstack/react-query";
import { apiFetch } from "@/components/ui/api";
import type { TimelineEvent } from "./types";
import { TIMELINE_NEWEST, TIMELINE_PAGE, timelineHead, type TimelineHead } from "@/lib/incidents/timeline-page";

export const PAGE = TIMELINE_PAGE;
const NEWEST = TIMELINE_NEWEST;

type Page = { events: TimelineEvent[]; nextAfter: number | null };
// The war-room page hydrates this key from its server render (app/(app)/incidents/[id]/page.tsx).
type Head = TimelineHead<TimelineEvent>;

function url(id: string, kinds: string, params: Record<string, number>): string {
  const q = new URLSearchParams(Object.entries(params).map(([k, v]) => [k, String(v)]));
  if (kinds) q.set("kinds", kinds);
  return `/api/incidents/${id}/timeline?${q}`;
}

export function useTimeline(id: string, kinds: string) {
  const qc = useQueryClient();
  const headKey = ["timeline", id, kinds];
  const head = useQuery({
    queryKey: headKey,
    staleTime: Infinity,
    queryFn: async ({ signal }): Promise<Head> => {
      const prev = qc.getQueryData<Head>(headKey);
      if (!prev) {
        const first = await apiFetch<Page>(url(id, kinds, { before: NEWEST, limit: PAGE }), { signal });
        return timelineHead(first.events);
      }
      let after = prev.events.at(-1)?.seq ?? 0;
      const events = [...prev.events];
      // Catch up in pages; a reconnect after a long gap can bring many events at once.
      for (let i = 0; i < 20; i++) {
        const page = await apiFetch<Page>(url(id, kinds, { after, limit: 1000 }), { signal });
        events.push(...page.events.filter((e) => e.seq > after));
        if (page.nextAfter === null || page.events.length === 0) break;
        after = page.nextAfter;
      }
      return { ...prev, events };
    },
  });

  // Which filter the reader asked older pages for: a new filter starts again from its newest page.
  const [olderFor, setOlderFor] = useState<string | null>(null);
  const wantOlder = olderFor === kinds;
  const floor = head.data?.floor ?? NEWEST;
  const older = useInfiniteQuery({
    queryKey: ["timeline-older", id, kinds, floor],
    enabled: wantOlder && head.data !== undefined && !head.data.reachedStart,
    staleTime: Infinity,
    initialPageParam: floor,
    queryFn: ({ pageParam, signal }) => apiFetch<Page>(url(id, kinds, { before: pageParam, limit: PAGE }), { signal }),
    getNextPageParam: (last) => (last.events.length < PAGE ? undefined : last.events[0].seq),
  });

  const newestFirst = [...(head.data?.events ?? [])].reverse();
  for (const page of older.data?.pages ?? []) newestFirst.push(...[...page.events].reverse());
  const hasOlder = head.data !== undefined && !head.data.reachedStart && (!older.data || older.hasNextPage);

  return {
    events: newestFirst,
    isPending: head.isPending,
    error: head.error ?? older.error,
    hasOlder,
    loadingOlder: older.isFetching,
    loadOlder: () => (wantOlder ? void older.fetchNextPage() : setOlderFor(kinds)),
  };
}
