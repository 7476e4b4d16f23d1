// A layer inside an in-progress maintenance window, and the banner naming the windows running now.
// Icon and words, never colour alone.
import Link from "next/link";
import type { LayerMaintenance, StackView } from "@/lib/stack/view";

const utcTime = (iso: string) => `${iso.slice(0, 16).replace("T", " ")} UTC`;

export function MaintenanceFlag({ m }: { m: LayerMaintenance }) {
  return (
    <span
      className="inline-flex items-center gap-1 rounded-full border border-sky-400 bg-sky-50 px-2 py-0.5 text-xs font-semibold text-sky-900 dark:border-sky-700 dark:bg-sky-950 dark:text-sky-200"
      title={`Scheduled maintenance "${m.title}" until ${utcTime(m.until)}: checks still run, changes are not alerted`}
    >
      <span aria-hidden="true">🛠</span>
      Maintenance
      <span className="sr-only">: {m.title}, until {utcTime(m.until)}</span>
    </span>
  );
}

export function MaintenanceNote({ m }: { m: LayerMaintenance }) {
  return (
    <p className="rounded border border-sky-300 bg-sky-50 p-2 text-sm text-sky-950 dark:border-sky-800 dark:bg-sky-950 dark:text-sky-100">
      <span aria-hidden="true">🛠 </span>
      In scheduled maintenance &ldquo;{m.title}&rdquo; until {utcTime(m.until)}. Checks keep running; their changes are not put on incident timelines or sent to webhooks, and narrowing leaves this layer out.
    </p>
  );
}

export function MaintenanceBanner({ view }: { view: StackView }) {
  const windows = view.maintenanceWindows ?? [];
  if (!windows.length) return null;
  const names = new Map(view.layers.map((l) => [l.id, l.name]));
  return (
    <section role="status" aria-label="Scheduled maintenance in progress" className="mb-3 rounded border border-sky-400 bg-sky-50 p-3 text-sm text-sky-950 dark:border-sky-700 dark:bg-sky-950 dark:text-sky-100">
      {windows.map((w) => (
        <p key={w.windowId}>
          <span aria-hidden="true">🛠 </span>
          <strong>Maintenance in progress: {w.title}</strong> until {utcTime(w.until)}.{" "}
          {w.layerIds.length ? `Silenced layers: ${w.layerIds.map((id) => names.get(id) ?? "?").join(", ")}.` : "No layer is silenced."}{" "}
          <Link prefetch={false} href="/admin/maintenance" className="underline">
            Maintenance windows
          </Link>
        </p>
      ))}
    </section>
  );
}
