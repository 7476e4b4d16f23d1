"use client";
// The admin page for scheduled maintenance: the schedule form, then windows in progress, upcoming
// and past. Kept current by maintenanceWindow:changed live events (lib/realtime/apply.ts).
import { useQuery, useQueryClient } from "@tanstack/react-query";
import type { MaintenanceWindowView, WindowListResponse } from "@/lib/maintenance-windows/schemas";
import { apiFetch } from "@/components/ui/api";
import { WindowForm } from "./window-form";
import { WindowCard } from "./window-card";

export const WINDOWS_KEY = ["maintenance-windows"] as const;

function Group({ id, title, empty, windows, catalog, onChanged }: { id: string; title: string; empty: string; windows: MaintenanceWindowView[]; catalog: WindowListResponse; onChanged: (w: MaintenanceWindowView) => void }) {
  return (
    <section aria-labelledby={id} className="flex flex-col gap-3">
      <h2 id={id} className="text-lg font-semibold">
        {title}
      </h2>
      {windows.length === 0 && <p className="text-sm text-slate-600 dark:text-slate-400">{empty}</p>}
      {windows.map((w) => (
        <WindowCard key={w.id} w={w} catalog={catalog} onChanged={onChanged} />
      ))}
    </section>
  );
}

export function WindowsAdmin({ initial }: { initial: WindowListResponse }) {
  const qc = useQueryClient();
  const { data } = useQuery({ queryKey: WINDOWS_KEY, queryFn: () => apiFetch<WindowListResponse>("/api/maintenance-windows"), initialData: initial });
  const onChanged = (w: MaintenanceWindowView) => {
    qc.setQueryData<WindowListResponse>(WINDOWS_KEY, (old) => (old ? { ...old, windows: [...old.windows.filter((x) => x.id !== w.id), w] } : old));
    void qc.invalidateQueries({ queryKey: WINDOWS_KEY });
  };
  const byStart = (a: MaintenanceWindowView, b: MaintenanceWindowView) => a.startsAt.localeCompare(b.startsAt);
  const active = data.windows.filter((w) => w.state === "in_progress").sort(byStart);
  const upcoming = data.windows.filter((w) => w.state === "scheduled").sort(byStart);
  const past = data.windows.filter((w) => w.state === "completed" || w.state === "cancelled").sort((a, b) => -byStart(a, b));
  return (
    <div className="flex flex-col gap-6">
      <div>
        <h1 className="text-xl font-semibold">Maintenance windows</h1>
        <p className="text-sm text-slate-600 dark:text-slate-400">
          Planned work, announced on the status page and to subscribers. While a window runs, its layers show &ldquo;maintenance&rdquo;: checks keep running, but their changes are not put on incident timelines or sent to webhooks.
        </p>
      </div>
      <WindowForm catalog={data} onSaved={onChanged} />
      <Group id="windows-active" title="In progress" empty="Nothing in progress." windows={active} catalog={data} onChanged={onChanged} />
      <Group id="windows-upcoming" title="Upcoming" empty="Nothing scheduled." windows={upcoming} catalog={data} onChanged={onChanged} />
      <Group id="windows-past" title="Past" empty="No past windows." windows={past} catalog={data} onChanged={onChanged} />
    </div>
  );
}
