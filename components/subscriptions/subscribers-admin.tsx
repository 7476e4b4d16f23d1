"use client";
// Subscribers of the public status page: how many, who, and how their messages are getting out.
// Refetched every few seconds: the dispatcher works in the background, no request reports it.
import { utcDateTime } from "@/lib/text/time";
import { useState } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { NotificationView, SubscriberOverview, SubscriberState, SubscriberView } from "@/lib/subscriptions/admin";
import { apiFetch } from "@/components/ui/api";
import { DataTable } from "@/components/ui/data-table";
import { DeliveryStatusCell } from "@/components/ui/delivery-status";

const KEY = ["subscribers"] as const;

const STATE: Record<SubscriberState, { label: string; icon: string; cls: string }> = {
  confirmed: { label: "Confirmed", icon: "✓", cls: "text-emerald-700 dark:text-emerald-400" },
  pending: { label: "Awaiting confirmation", icon: "…", cls: "text-amber-700 dark:text-amber-400" },
  unsubscribed: { label: "Unsubscribed", icon: "–", cls: "text-slate-600 dark:text-slate-400" },
};

const time = (iso: string | null) => (iso ? utcDateTime(iso) : "—");

export function SubscribersAdmin({ initial, emailEnabled }: { initial: SubscriberOverview; emailEnabled: boolean }) {
  const [q, setQ] = useState("");
  const [failedOnly, setFailedOnly] = useState(false);
  const params = new URLSearchParams({ ...(q.trim() ? { q: q.trim() } : {}), ...(failedOnly ? { failed: "1" } : {}) }).toString();
  const { data, error } = useQuery({
    queryKey: [...KEY, params],
    queryFn: () => apiFetch<SubscriberOverview>(`/api/subscribers${params ? `?${params}` : ""}`),
    initialData: params ? undefined : initial,
    refetchInterval: 5_000,
  });
  const view = data ?? initial;
  return (
    <div className="flex flex-col gap-6">
      <div>
        <h1 className="text-xl font-semibold">Subscribers</h1>
        <p className="text-sm text-slate-600 dark:text-slate-400">
          Visitors who asked on /status to hear about public updates, incidents and scheduled maintenance, by email (after confirming the address) or by webhook.
        </p>
        {!emailEnabled && (
          <p role="note" className="mt-2 text-sm text-amber-800 dark:text-amber-300">
            ⚠ No mail server is configured (SMTP_URL), so email sign-ups are refused and no email is sent.
          </p>
        )}
      </div>
      <Counts view={view} />
      {error && <p role="alert" className="field-error">Could not refresh: {error.message}</p>}
      <SubscriberTable rows={view.subscribers} q={q} setQ={setQ} />
      <Deliveries rows={view.notifications} failedOnly={failedOnly} setFailedOnly={setFailedOnly} />
    </div>
  );
}

function Counts({ view }: { view: SubscriberOverview }) {
  return (
    <section aria-labelledby="counts-title" className="card">
      <h2 id="counts-title" className="mb-2 font-semibold">
        Counts
      </h2>
      <table className="text-left text-sm">
        <thead>
          <tr>
            <th className="p-2">Kind</th>
            {(Object.keys(STATE) as SubscriberState[]).map((s) => (
              <th key={s} className="p-2">
                {STATE[s].label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {(["email", "webhook"] as const).map((k) => (
            <tr key={k}>
              <th scope="row" className="p-2 font-medium">
                {k === "email" ? "Email" : "Webhook"}
              </th>
              {(Object.keys(STATE) as SubscriberState[]).map((s) => (
                <td key={s} className="p-2">
                  {view.counts[k][s]}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      <p className="mt-2 text-sm">
        Failed deliveries (last 14 days): <strong className={view.failedDeliveries ? "text-red-700 dark:text-red-400" : ""}>{view.failedDeliveries}</strong>
      </p>
    </section>
  );
}

function SubscriberTable({ rows, q, setQ }: { rows: SubscriberView[]; q: string; setQ: (v: string) => void }) {
  const qc = useQueryClient();
  const [armed, setArmed] = useState<string | null>(null);
  const remove = useMutation({
    mutationFn: (id: string) => apiFetch(`/api/subscribers/${id}`, { method: "DELETE" }),
    onSettled: () => {
      setArmed(null);
      return qc.invalidateQueries({ queryKey: KEY });
    },
  });
  return (
    <section aria-labelledby="subs-title" className="flex flex-col gap-2">
      <h2 id="subs-title" className="text-lg font-semibold">
        Latest subscribers
      </h2>
      <label className="flex max-w-sm flex-col gap-1 text-sm font-medium">
        Find an email address
        <input className="input" type="search" value={q} onChange={(e) => setQ(e.target.value)} />
      </label>
      {remove.error && (
        <p role="alert" className="field-error">
          Could not remove: {remove.error.message}
        </p>
      )}
      <DataTable
        label="Subscribers"
        columns={[{ header: "Address" }, { header: "Kind" }, { header: "State" }, { header: "Components" }, { header: "Since" }, { header: "Actions", hidden: true }]}
        rows={rows}
        rowKey={(s) => s.id}
        empty={`No subscribers${q ? " match" : " yet"}.`}
        row={(s) => (
          <>
            <td className="break-all p-2">{s.address}</td>
            <td className="p-2">{s.kind}</td>
            <td className={`whitespace-nowrap p-2 ${STATE[s.state].cls}`}>
              <span aria-hidden="true">{STATE[s.state].icon}</span> {STATE[s.state].label}
            </td>
            <td className="p-2">{s.componentKeys.length ? s.componentKeys.join(", ") : "all"}</td>
            <td className="whitespace-nowrap p-2">{time(s.createdAt)}</td>
            <td className="whitespace-nowrap p-2">
              {armed === s.id ? (
                <span className="flex gap-2">
                  <button type="button" className="btn-danger" disabled={remove.isPending} onClick={() => remove.mutate(s.id)} aria-label={`Confirm removing ${s.address}`}>
                    Confirm removal
                  </button>
                  <button type="button" className="btn-secondary" onClick={() => setArmed(null)}>
                    Keep
                  </button>
                </span>
              ) : (
                <button type="button" className="btn-secondary" onClick={() => setArmed(s.id)} aria-label={`Remove ${s.address}`}>
                  Remove
                </button>
              )}
            </td>
          </>
        )}
      />
    </section>
  );
}

function Deliveries({ rows, failedOnly, setFailedOnly }: { rows: NotificationView[]; failedOnly: boolean; setFailedOnly: (v: boolean) => void }) {
  return (
    <section aria-labelledby="deliveries-title" className="flex flex-col gap-2">
      <h2 id="deliveries-title" className="text-lg font-semibold">
        Recent deliveries
      </h2>
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" checked={failedOnly} onChange={(e) => setFailedOnly(e.target.checked)} /> Failed only
      </label>
      <DataTable
        label="Subscriber deliveries"
        columns={[{ header: "Queued" }, { header: "To" }, { header: "Event" }, { header: "Status" }, { header: "Attempts" }, { header: "Last error" }]}
        rows={rows}
        rowKey={(n) => n.id}
        empty={failedOnly ? "No failed deliveries." : "Nothing sent yet."}
        row={(n) => (
          <>
            <td className="whitespace-nowrap p-2">{time(n.createdAt)}</td>
            <td className="break-all p-2">{n.address}</td>
            <td className="p-2 font-mono">{n.event}</td>
            <DeliveryStatusCell status={n.status} attempts={n.attempts} nextAttemptAt={n.nextAttemptAt} time={time} />
            <td className="p-2">{n.attempts}</td>
            <td className="break-words p-2">{n.lastError ?? "—"}</td>
          </>
        )}
      />
    </section>
  );
}
