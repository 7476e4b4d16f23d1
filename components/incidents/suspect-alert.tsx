"use client";
// Responders flag suspect findings instead of acting alone; the leader gets a notice and a beep.
import { useEffect, useRef, useState } from "react";
import { useLive } from "@/components/live/live-provider";
import type { DurableEvents } from "@/lib/realtime/catalogue";
import { beep } from "./beep";
import { Icon } from "./icons";

const MUTE_KEY = "warroom:mute-alerts";
type Alert = DurableEvents["finding:added"] & { seq: number };

export function SuspectAlert({ incidentId }: { incidentId: string }) {
  const { onEvent } = useLive();
  const [alerts, setAlerts] = useState<Alert[]>([]);
  const [muted, setMuted] = useState(false);
  const mutedRef = useRef(false);

  useEffect(() => {
    const stored = window.localStorage.getItem(MUTE_KEY) === "1";
    mutedRef.current = stored;
    setMuted(stored);
  }, []);

  useEffect(
    () =>
      onEvent((e) => {
        if (e.type !== "finding:added") return;
        const p = e.payload as DurableEvents["finding:added"];
        if (p.incidentId !== incidentId || !p.suspect) return;
        setAlerts((list) => [{ ...p, seq: e.seq }, ...list].slice(0, 5));
        if (!mutedRef.current) beep();
      }),
    [onEvent, incidentId],
  );

  function toggleMute(next: boolean) {
    mutedRef.current = next;
    setMuted(next);
    window.localStorage.setItem(MUTE_KEY, next ? "1" : "0");
  }

  return (
    <div className="flex flex-col gap-2">
      <label className="flex items-center gap-2 self-end text-sm">
        <input type="checkbox" checked={muted} onChange={(e) => toggleMute(e.target.checked)} />
        Mute alerts
      </label>
      <div role="alert" className="flex flex-col gap-2 empty:hidden">
        {alerts.map((a) => (
          <div key={a.seq} className="flex items-start gap-3 rounded-md border-2 border-amber-600 bg-amber-50 p-3 text-amber-950 dark:border-amber-400 dark:bg-amber-950 dark:text-amber-50">
            <p className="flex-1">
              <strong>
                <Icon name="warning" /> Suspect finding from {a.authorName}:
              </strong>{" "}
              <span className="whitespace-pre-wrap">{a.body}</span>
            </p>
            <button type="button" className="btn-secondary py-1" onClick={() => setAlerts((list) => list.filter((x) => x.seq !== a.seq))}>
              Dismiss
            </button>
          </div>
        ))}
      </div>
    </div>
  );
}
