"use client";
// Long stints in the war room wear people down: the server reminds each person after 30 minutes present.
import { useEffect, useState } from "react";
import { useLive } from "@/components/live/live-provider";
import type { VolatileEvents } from "@/lib/realtime/catalogue";
import { Icon } from "./icons";

export function BreakReminder({ incidentId }: { incidentId: string }) {
  const { onVolatile } = useLive();
  const [minutes, setMinutes] = useState<number | null>(null);
  useEffect(
    () =>
      onVolatile((e) => {
        if (e.type !== "break:reminder") return;
        const p = e.payload as VolatileEvents["break:reminder"];
        if (p.incidentId === incidentId) setMinutes(p.minutes);
      }),
    [onVolatile, incidentId],
  );
  if (minutes === null) return null;
  return (
    <div role="status" className="flex items-center gap-3 rounded-md border border-sky-600 bg-sky-50 p-3 text-sky-950 dark:border-sky-400 dark:bg-sky-950 dark:text-sky-50">
      <p className="flex-1">
        <Icon name="cup" /> You&apos;ve been in the war room for {minutes} {minutes === 1 ? "minute" : "minutes"} — take a short break. Hand your task over if you need to.
      </p>
      <button type="button" className="btn-secondary py-1" onClick={() => setMinutes(null)}>
        Dismiss
      </button>
    </div>
  );
}
