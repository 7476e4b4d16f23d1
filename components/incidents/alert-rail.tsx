"use client";
// The alert rail: what the room must not miss (suspect findings, an overdue update, a new likely
// cause, a layer recovering), kept in view while scrolling, in the tab's title and icon, until each
// person acknowledges it once (stored per user: not shown again on another tab or device).
import { useEffect, useRef, useState } from "react";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { apiFetch } from "@/components/ui/api";
import { UtcTime } from "@/components/ui/utc-time";
import type { Alert, AlertKind } from "@/lib/incidents/alert-rules";
import { beep } from "./beep";
import { Icon, type IconName } from "./icons";
import { useTabSignal } from "./tab-signal";

const MUTE_KEY = "warroom:mute-alerts";
const SHOWN = 3;

const LOOK: Record<AlertKind, { icon: IconName; tone: string }> = {
  suspect: { icon: "warning", tone: "border-amber-600 bg-amber-50 text-amber-950 dark:border-amber-400 dark:bg-amber-950 dark:text-amber-50" },
  overdue: { icon: "clock", tone: "border-red-700 bg-red-50 text-red-950 dark:border-red-500 dark:bg-red-950 dark:text-red-50" },
  cause: { icon: "target", tone: "border-red-700 bg-red-50 text-red-950 dark:border-red-500 dark:bg-red-950 dark:text-red-50" },
  recovering: { icon: "check", tone: "border-emerald-700 bg-emerald-50 text-emerald-950 dark:border-emerald-500 dark:bg-emerald-950 dark:text-emerald-50" },
  isolated: { icon: "warning", tone: "border-amber-600 bg-amber-50 text-amber-950 dark:border-amber-400 dark:bg-amber-950 dark:text-amber-50" },
  reconnected: { icon: "check", tone: "border-emerald-700 bg-emerald-50 text-emerald-950 dark:border-emerald-500 dark:bg-emerald-950 dark:text-emerald-50" },
};

export function useAlerts(incidentId: string) {
  return useQuery({ queryKey: ["alerts", incidentId], queryFn: () => apiFetch<{ alerts: Alert[] }>(`/api/incidents/${incidentId}/alerts`).then((r) => r.alerts) });
}

export function useAckAlerts(incidentId: string) {
  const qc = useQueryClient();
  return (keys: string[]) => {
    // Gone at once here; the server's answer (and alert:acked on other tabs) confirms it.
    qc.setQueryData<Alert[]>(["alerts", incidentId], (old) => old?.filter((a) => !keys.includes(a.key)));
    return apiFetch(`/api/incidents/${incidentId}/alerts/ack`, { method: "POST", body: { keys } }).finally(() => qc.invalidateQueries({ queryKey: ["alerts", incidentId] }));
  };
}

export function AlertRail({ incidentId }: { incidentId: string }) {
  const { data: alerts = [], isSuccess } = useAlerts(incidentId);
  const ack = useAckAlerts(incidentId);
  const [muted, setMuted] = useState(false);
  const [expanded, setExpanded] = useState(false);
  const heard = useRef<number | null>(null);
  useTabSignal(alerts.length);

  useEffect(() => setMuted(window.localStorage.getItem(MUTE_KEY) === "1"), []);
  // Beep for alerts newer than any heard before (not for those already waiting when the page opened).
  const newest = alerts[0]?.seq ?? 0;
  useEffect(() => {
    if (!isSuccess) return;
    if (heard.current !== null && newest > heard.current && !muted) beep();
    heard.current = Math.max(heard.current ?? 0, newest);
  }, [newest, muted, isSuccess]);

  function toggleMute(next: boolean) {
    setMuted(next);
    window.localStorage.setItem(MUTE_KEY, next ? "1" : "0");
  }

  const shown = expanded ? alerts : alerts.slice(0, SHOWN);
  return (
    <section aria-label="Alerts" className={`sticky top-0 z-30 -mx-1 flex flex-col gap-1 bg-white/95 px-1 dark:bg-slate-950/95 ${alerts.length ? "py-1" : ""}`}>
      {alerts.length > 0 && (
        <div className="flex flex-wrap items-center gap-2 text-sm">
          <h2 className="font-semibold">
            <Icon name="warning" /> {alerts.length === 1 ? "1 alert" : `${alerts.length} alerts`} to acknowledge
          </h2>
          {alerts.length > 1 && (
            <button type="button" className="btn-secondary py-0.5" onClick={() => void ack(alerts.map((a) => a.key))}>
              Acknowledge all
            </button>
          )}
          <label className="ml-auto flex items-center gap-2">
            <input type="checkbox" checked={muted} onChange={(e) => toggleMute(e.target.checked)} />
            Mute alert sound
          </label>
        </div>
      )}
      <div role="alert" className="flex flex-col gap-1">
        {shown.map((a) => (
          <div key={a.key} data-alert-kind={a.kind} className={`flex items-start gap-3 rounded-md border-2 px-3 py-1.5 ${LOOK[a.kind].tone}`}>
            <p className="min-w-0 flex-1 text-sm">
              <strong>
                <Icon name={LOOK[a.kind].icon} /> {a.title}:
              </strong>{" "}
              <span className="whitespace-pre-wrap break-words">{a.text}</span> <UtcTime iso={a.at} className="text-xs opacity-80" />
            </p>
            <button type="button" className="btn-secondary py-0.5" aria-label={`Acknowledge: ${a.title}`} onClick={() => void ack([a.key])}>
              Acknowledge
            </button>
          </div>
        ))}
      </div>
      {alerts.length > SHOWN && (
        <button type="button" className="self-start text-sm underline" aria-expanded={expanded} onClick={() => setExpanded(!expanded)}>
          {expanded ? "Show fewer" : `Show ${alerts.length - SHOWN} more`}
        </button>
      )}
    </section>
  );
}
