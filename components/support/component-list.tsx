// Affected components by public name with their public status: a word and a symbol, never colour alone.
import type { SupportIncident } from "@/lib/support/schemas";

const MARK: Record<SupportIncident["affectedComponents"][number]["status"], { mark: string; tone: string }> = {
  operational: { mark: "✓", tone: "text-emerald-800 dark:text-emerald-300" },
  under_maintenance: { mark: "⚙", tone: "text-sky-800 dark:text-sky-300" },
  degraded_performance: { mark: "◐", tone: "text-amber-800 dark:text-amber-300" },
  partial_outage: { mark: "▲", tone: "text-orange-800 dark:text-orange-300" },
  major_outage: { mark: "✕", tone: "text-red-800 dark:text-red-300" },
};

export function ComponentList({ components }: { components: SupportIncident["affectedComponents"] }) {
  if (!components.length) return <p className="text-sm text-slate-600 dark:text-slate-400">No component is reported as affected right now.</p>;
  return (
    <ul className="flex flex-col gap-1 text-sm">
      {components.map((c) => (
        <li key={c.id} className="flex flex-wrap items-baseline gap-x-2">
          <span className="font-medium">{c.name}</span>
          <span className={MARK[c.status].tone}>
            <span aria-hidden="true">{MARK[c.status].mark}</span> {c.statusText}
          </span>
        </li>
      ))}
    </ul>
  );
}
