"use client";
// One webhook: its settings at a glance, enable/disable, send a test, delete (confirmed), its log.
import { useState } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { WebhookView } from "@/lib/webhooks/admin";
import { apiFetch } from "@/components/ui/api";
import { DeliveryLog, deliveriesKey } from "./delivery-log";
import { EVENT_LABELS } from "./labels";

type List = { webhooks: WebhookView[] };

export function WebhookCard({ hook }: { hook: WebhookView }) {
  const qc = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const fail = (err: unknown) => setNotice(err instanceof Error ? err.message : "Could not reach the server.");
  const patch = useMutation({
    mutationFn: (body: Partial<WebhookView>) => apiFetch<{ webhook: WebhookView }>(`/api/webhooks/${hook.id}`, { method: "PATCH", body }),
    onSuccess: ({ webhook }) => {
      qc.setQueryData<List>(["webhooks"], (old) => ({ webhooks: (old?.webhooks ?? []).map((w) => (w.id === webhook.id ? webhook : w)) }));
      setNotice(webhook.enabled ? "Enabled." : "Disabled: nothing will be sent.");
    },
    onError: fail,
  });
  const remove = useMutation({
    mutationFn: () => apiFetch(`/api/webhooks/${hook.id}`, { method: "DELETE" }),
    onSuccess: () => qc.setQueryData<List>(["webhooks"], (old) => ({ webhooks: (old?.webhooks ?? []).filter((w) => w.id !== hook.id) })),
    onError: fail,
  });
  const test = useMutation({
    mutationFn: () => apiFetch<{ deliveryId: string }>(`/api/webhooks/${hook.id}/test`, { method: "POST" }),
    onSuccess: () => {
      setNotice("Test queued; watch the delivery log.");
      void qc.invalidateQueries({ queryKey: deliveriesKey(hook.id) });
    },
    onError: fail,
  });

  const titleId = `webhook-${hook.id}-title`;
  return (
    <article className="card flex flex-col gap-3" aria-labelledby={titleId}>
      <div className="flex flex-wrap items-baseline gap-x-3 gap-y-1">
        <h3 id={titleId} className="font-semibold">
          {hook.name}
        </h3>
        <span className={hook.enabled ? "text-sm text-emerald-700 dark:text-emerald-400" : "text-sm text-slate-500 dark:text-slate-400"}>
          {hook.enabled ? "● enabled" : "○ disabled"}
        </span>
        <span className="text-sm text-slate-600 dark:text-slate-400">{hook.format === "slack" ? "Slack-compatible" : "Generic JSON"}</span>
      </div>
      <p className="break-all font-mono text-sm">{hook.url}</p>
      <p className="text-sm text-slate-600 dark:text-slate-400">Events: {hook.events.map((e) => EVENT_LABELS[e as keyof typeof EVENT_LABELS] ?? e).join(", ")}</p>
      <div className="flex flex-wrap gap-2">
        <button type="button" className="btn-secondary" disabled={test.isPending || !hook.enabled} onClick={() => test.mutate()} aria-label={`Send test to ${hook.name}`}>
          Send test
        </button>
        <button type="button" className="btn-secondary" disabled={patch.isPending} onClick={() => patch.mutate({ enabled: !hook.enabled })} aria-label={`${hook.enabled ? "Disable" : "Enable"} ${hook.name}`}>
          {hook.enabled ? "Disable" : "Enable"}
        </button>
        {confirming ? (
          <span role="group" aria-label={`Confirm deleting ${hook.name}`} className="flex flex-wrap items-center gap-2 text-sm">
            Delete it and its delivery log?
            <button type="button" className="btn-danger" disabled={remove.isPending} onClick={() => remove.mutate()}>
              Yes, delete {hook.name}
            </button>
            <button type="button" className="btn-secondary" onClick={() => setConfirming(false)}>
              Keep it
            </button>
          </span>
        ) : (
          <button type="button" className="btn-danger" onClick={() => setConfirming(true)} aria-label={`Delete ${hook.name}`}>
            Delete
          </button>
        )}
      </div>
      {notice && (
        <p role="status" className="text-sm">
          {notice}
        </p>
      )}
      <DeliveryLog hook={hook} />
    </article>
  );
}
