"use client";
import { localHint, utcDateTime } from "@/lib/text/time";
import { useNow } from "@/components/ui/clock";

export function formatAgo(iso: string, now: number): string {
  const s = Math.max(0, Math.round((now - Date.parse(iso)) / 1000));
  if (s < 60) return `${s} s ago`;
  if (s < 3600) return `${Math.floor(s / 60)} min ago`;
  if (s < 86_400) return `${Math.floor(s / 3600)} h ${Math.floor((s % 3600) / 60)} min ago`;
  return `${Math.floor(s / 86_400)} d ago`;
}

/** Relative time that keeps itself current (re-renders every 5 s). */
export function TimeAgo({ iso }: { iso: string }) {
  const now = useNow(5000);
  return (
    // The title's local hint depends on the browser's zone, so the server's rendering of it may differ.
    <time dateTime={iso} title={`${utcDateTime(iso)} · ${localHint(iso)}`} suppressHydrationWarning>
      {formatAgo(iso, now)}
    </time>
  );
}

export function formatUptime(v: number | null): string {
  if (v === null) return "—";
  const pct = v * 100;
  return `${pct >= 99.95 || pct === 0 ? pct.toFixed(0) : pct.toFixed(pct >= 99 ? 2 : 1)} %`;
}
