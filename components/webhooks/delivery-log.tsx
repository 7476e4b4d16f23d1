"use client";
// The last deliveries of one webhook, refetched every few seconds (the dispatcher works in the
// background, so there is no request whose answer could update it).
import { utcDateTime } from "@/lib/text/time";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { WebhookView } from "@/lib/webhooks/admin";
import type { DeliveryView } from "@/lib/webhooks/deliveries";
import { apiFetch } from "@/components/ui/api";
import { DataTable } from "@/components/ui/data-table";
import { DeliveryStatusCell } from "@/components/ui/delivery-status";

export const deliveriesKey = (id: string) => ["webhook-deliveries", id] as const;

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
  return (
    <DataTable
      label={`Deliveries of ${hook.name}`}
      columns={[{ header: "Time" }, { header: "Event" }, { header: "Status" }, { header: "Attempts" }, { header: "HTTP" }, { header: "Last error" }, { header: "Actions", hidden: true }]}
      rows={data?.deliveries ?? []}
      rowKey={(d) => d.id}
      empty={error ? `Could not load deliveries: ${error.message}` : "No deliveries yet."}
      row={(d) => (
        <>
          <td className="whitespace-nowrap p-2">{time(d.deliveredAt ?? d.createdAt)}</td>
          <td className="p-2 font-mono">{d.event}</td>
          <DeliveryStatusCell status={d.status} attempts={d.attempts} nextAttemptAt={d.nextAttemptAt} time={time} />
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
        </>
      )}
    />
  );
}
