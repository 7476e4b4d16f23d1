"use client";
// The last deliveries of one webhook, refetched every few seconds (the dispatcher works in the
// background, so there is no request whose answer could update it).
import { utcDateTime } from "@/lib/text/time";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { WebhookView } from "@/lib/webhooks/admin";
import type { DeliveryView } from "@/lib/webhooks/deliveries";
import { apiFetch } from "@/components/ui/api";

export const deliveriesKey = (id: string) => ["webhook-deliveries", id] as const;

const STATUS: Record<DeliveryView["status"], { icon: string; cls: string }> = {
  delivered: { icon: "✓", cls: "text-emerald-700 dark:text-emerald-400" },
  pending: { icon: "↻", cls: "text-amber-700 dark:text-amber-400" },
  failed: { icon: "✕", cls: "text-red-700 dark:text-red-400" },
};

function time(iso: string | null): string {
  return iso ? utcDateTime(iso) : "";
}

export function DeliveryLog({ hook }: { hook: WebhookView }) {
  const qc = useQueryClient();
  const { data, error } = useQuery({
    queryKey: deliveriesKey(hook.id),
    queryFn: () => apiFetch<{ deliveries: DeliveryView[] }>(`/api/webhooks/${hook.id}/deliveries?limit=20`),
    refetchInterval: 2_000,
  });
  const retry = useMutation({
    mutationFn: (id: string) => apiFetch(`/api/webhooks/deliveries/${id}/retry`, { method: "POST" }),
    onSettled: () => qc.invalidateQueries({ queryKey: deliveriesKey(hook.id) }),
  });
  const rows = data?.deliveries ?? [];
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-left text-sm" aria-label={`Deliveries of ${hook.name}`}>
        <thead className="border-b border-slate-200 dark:border-slate-800">
          <tr>
            <th className="p-2">Time</th>
            <th className="p-2">Event</th>
            <th className="p-2">Status</th>
            <th className="p-2">Attempts</th>
            <th className="p-2">HTTP</th>
            <th className="p-2">Last error</th>
            <th className="p-2">
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 && (
            <tr>
              <td colSpan={7} className="p-2 text-slate-600 dark:text-slate-400">
                {error ? `Could not load deliveries: ${error.message}` : "No deliveries yet."}
              </td>
            </tr>
          )}
          {rows.map((d) => (
            <tr key={d.id} className="border-b border-slate-100 last:border-0 dark:border-slate-800">
              <td className="whitespace-nowrap p-2">{time(d.deliveredAt ?? d.createdAt)}</td>
              <td className="p-2 font-mono">{d.event}</td>
              <td className={`whitespace-nowrap p-2 ${STATUS[d.status].cls}`}>
                <span aria-hidden="true">{STATUS[d.status].icon}</span> {d.status}
                {d.status === "pending" && d.attempts > 0 && d.nextAttemptAt && <span className="block text-xs">next try {time(d.nextAttemptAt)}</span>}
              </td>
              <td className="p-2">{d.attempts}</td>
              <td className="p-2">{d.lastStatusCode ?? "—"}</td>
              <td className="break-words p-2">{d.lastError ?? "—"}</td>
              <td className="p-2">
                {d.status === "failed" && (
                  <button type="button" className="btn-secondary" disabled={retry.isPending} onClick={() => retry.mutate(d.id)} aria-label={`Retry ${d.event} delivery from ${time(d.createdAt)}`}>
                    Retry
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
