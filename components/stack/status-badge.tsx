// Status is shown by colour, icon and word together, so it reads without colour vision too.
import type { Status } from "@/lib/stack/status";

export const STATUS_LABEL: Record<Status, string> = { up: "Up", degraded: "Degraded", down: "Down", unknown: "Unknown" };
const ICON: Record<Status, string> = { up: "✓", degraded: "!", down: "✕", unknown: "?" };
const STYLE: Record<Status, string> = {
  up: "bg-emerald-100 text-emerald-900 border-emerald-300 dark:bg-emerald-950 dark:text-emerald-200 dark:border-emerald-800",
  degraded: "bg-amber-100 text-amber-900 border-amber-300 dark:bg-amber-950 dark:text-amber-200 dark:border-amber-800",
  down: "bg-red-100 text-red-900 border-red-300 dark:bg-red-950 dark:text-red-200 dark:border-red-800",
  unknown: "bg-slate-100 text-slate-700 border-slate-300 dark:bg-slate-800 dark:text-slate-300 dark:border-slate-600",
};
export const STATUS_BORDER: Record<Status, string> = {
  up: "border-l-emerald-500",
  degraded: "border-l-amber-500",
  down: "border-l-red-600",
  unknown: "border-l-slate-400",
};

export function StatusBadge({ status, small }: { status: Status; small?: boolean }) {
  return (
    <span className={`inline-flex shrink-0 items-center gap-1 rounded-full border font-semibold ${small ? "px-1.5 text-xs" : "px-2 py-0.5 text-sm"} ${STYLE[status]}`}>
      <span aria-hidden="true">{ICON[status]}</span>
      {STATUS_LABEL[status]}
    </span>
  );
}
