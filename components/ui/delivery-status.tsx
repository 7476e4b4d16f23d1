// One outbox row's state (admin webhooks, subscriber messages), with an icon and a word so colour
// is never the only signal, and when a pending row will be tried again.
type Status = "delivered" | "pending" | "failed";

const LOOK: Record<Status, { icon: string; cls: string }> = {
  delivered: { icon: "✓", cls: "text-emerald-700 dark:text-emerald-400" },
  pending: { icon: "↻", cls: "text-amber-700 dark:text-amber-400" },
  failed: { icon: "✕", cls: "text-red-700 dark:text-red-400" },
};

export function DeliveryStatusCell({ status, attempts, nextAttemptAt, time }: { status: Status; attempts: number; nextAttemptAt: string | null; time: (iso: string | null) => string }) {
  return (
    <td className={`whitespace-nowrap p-2 ${LOOK[status].cls}`}>
      <span aria-hidden="true">{LOOK[status].icon}</span> {status}
      {status === "pending" && attempts > 0 && nextAttemptAt && <span className="block text-xs">next try {time(nextAttemptAt)}</span>}
    </td>
  );
}
