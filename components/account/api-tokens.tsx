"use client";
import { UtcTime } from "@/components/ui/utc-time";
import { useState } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { ApiTokenView } from "@/lib/auth/api-tokens";
import { apiFetch, ApiError } from "@/components/ui/api";
import { Field } from "@/components/ui/field";

export function ApiTokens({ initial }: { initial: ApiTokenView[] }) {
  const qc = useQueryClient();
  const { data } = useQuery({ queryKey: ["api-tokens"], queryFn: () => apiFetch<{ tokens: ApiTokenView[] }>("/api/tokens"), initialData: { tokens: initial } });
  const [fresh, setFresh] = useState<{ name: string; token: string } | null>(null);
  const [error, setError] = useState<string | undefined>();
  const create = useMutation({
    mutationFn: (name: string) => apiFetch<{ token: string; apiToken: ApiTokenView }>("/api/tokens", { method: "POST", body: { name } }),
    onSuccess: (res) => {
      setFresh({ name: res.apiToken.name, token: res.token });
      setError(undefined);
      void qc.invalidateQueries({ queryKey: ["api-tokens"] });
    },
    onError: (err) => setError(err instanceof ApiError ? (err.fields.name ?? err.message) : "Could not reach the server."),
  });
  const revoke = useMutation({
    mutationFn: (id: string) => apiFetch(`/api/tokens/${id}`, { method: "DELETE" }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ["api-tokens"] }),
  });

  return (
    <section aria-labelledby="tokens-title" className="card flex flex-col gap-4">
      <h2 id="tokens-title" className="font-semibold">API tokens</h2>
      <p className="text-sm text-slate-600 dark:text-slate-400">
        For scripts and bots: send <code>Authorization: Bearer &lt;token&gt;</code>. A token acts with your role. The API is described at{" "}
        <a className="underline" href="/api/openapi.json">/api/openapi.json</a>.
      </p>
      <form
        aria-label="New API token"
        className="flex flex-wrap items-end gap-2"
        onSubmit={(e) => {
          e.preventDefault();
          create.mutate(String(new FormData(e.currentTarget).get("name") ?? ""));
        }}
      >
        <Field label="Token name" name="name" placeholder="e.g. deploy bot" error={error} className="min-w-60 flex-1" />
        <button className="btn-primary" type="submit" disabled={create.isPending}>
          Create token
        </button>
      </form>
      {fresh && (
        <div role="status" className="rounded-md border border-amber-400 p-3 text-sm">
          <p className="font-medium">Copy the token “{fresh.name}” now: it will not be shown again.</p>
          <code aria-label="New token" className="mt-1 block break-all font-mono">{fresh.token}</code>
        </div>
      )}
      <table className="w-full text-left text-sm">
        <caption className="sr-only">Your API tokens</caption>
        <thead>
          <tr>
            <th className="py-1">Name</th>
            <th className="py-1">Created</th>
            <th className="py-1">Last used</th>
            <th className="py-1">State</th>
          </tr>
        </thead>
        <tbody>
          {data.tokens.map((t) => (
            <tr key={t.id} className="border-t border-slate-200 dark:border-slate-800">
              <td className="py-1">{t.name}</td>
              <td className="py-1"><UtcTime iso={t.createdAt} withDate /></td>
              <td className="py-1">{t.lastUsedAt ? <UtcTime iso={t.lastUsedAt} withDate /> : "never"}</td>
              <td className="py-1">
                {t.revokedAt ? (
                  "revoked"
                ) : (
                  <button type="button" className="btn-secondary" onClick={() => revoke.mutate(t.id)}>
                    Revoke {t.name}
                  </button>
                )}
              </td>
            </tr>
          ))}
          {data.tokens.length === 0 && (
            <tr>
              <td colSpan={4} className="py-2 text-slate-500">No tokens yet.</td>
            </tr>
          )}
        </tbody>
      </table>
    </section>
  );
}
