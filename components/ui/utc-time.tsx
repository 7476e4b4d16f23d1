"use client";
// Every moment on screen: 24-hour UTC, the reader's local time on hover (lib/text/time.ts).
import { localHint, utcDateTime, utcTime } from "@/lib/text/time";

export function UtcTime({ iso, withDate = false, className }: { iso: string; withDate?: boolean; className?: string }) {
  return (
    // The local hint depends on the browser's zone, so the server's rendering of it may differ.
    <time dateTime={iso} title={localHint(iso)} className={className} suppressHydrationWarning>
      {withDate ? utcDateTime(iso) : utcTime(iso)}
    </time>
  );
}
