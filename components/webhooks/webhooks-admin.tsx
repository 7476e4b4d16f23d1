"use client";
import { useState } from "react";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import type { WebhookView } from "@/lib/webhooks/admin";
import { apiFetch } from "@/components/ui/api";
import { WebhookForm } from "./webhook-form";
import { SecretOnce } from "./secret-once";
import { WebhookCard } from "./webhook-card";

export const WEBHOOKS_KEY = ["webhooks"] as const;

export function WebhooksAdmin({ initialWebhooks }: { initialWebhooks: WebhookView[] }) {
  const qc = useQueryClient();
  const { data } = useQuery({ queryKey: WEBHOOKS_KEY, queryFn: () => apiFetch<{ webhooks: WebhookView[] }>("/api/webhooks"), initialData: { webhooks: initialWebhooks } });
  const [fresh, setFresh] = useState<{ name: string; secret: string } | null>(null);

  function onCreated(hook: WebhookView, secret: string) {
    qc.setQueryData<{ webhooks: WebhookView[] }>(WEBHOOKS_KEY, (old) => ({ webhooks: [...(old?.webhooks ?? []).filter((w) => w.id !== hook.id), hook] }));
    setFresh({ name: hook.name, secret });
  }

  return (
    <div className="flex flex-col gap-6">
      <div>
        <h1 className="text-xl font-semibold">Webhooks</h1>
        <p className="text-sm text-slate-600 dark:text-slate-400">
          Warroom POSTs incident, maintenance and layer events to these URLs, signed with HMAC-SHA256, retrying with backoff for about 45 minutes.
        </p>
      </div>
      {fresh && <SecretOnce name={fresh.name} secret={fresh.secret} onDone={() => setFresh(null)} />}
      <WebhookForm onCreated={onCreated} />
      <section aria-labelledby="webhook-list-title" className="flex flex-col gap-4">
        <h2 id="webhook-list-title" className="text-lg font-semibold">
          Configured webhooks
        </h2>
        {data.webhooks.length === 0 && <p className="text-sm text-slate-600 dark:text-slate-400">No webhooks yet.</p>}
        {data.webhooks.map((w) => (
          <WebhookCard key={w.id} hook={w} />
        ))}
      </section>
    </div>
  );
}
