"use client";
import { UtcTime } from "@/components/ui/utc-time";
import { useQuery } from "@tanstack/react-query";
import type { ApiTokenView } from "@/lib/auth/api-tokens";
import { apiFetch } from "@/components/ui/api";
import { NewTokenForm, TokenOnce, useTokenAdmin } from "@/components/ui/token-once";

export function ApiTokens({ initial }: { initial: ApiTokenView[] }) {
  const { data } = useQuery({ queryKey: ["api-tokens"], queryFn: () => apiFetch<{ tokens: ApiTokenView[] }>("/api/tokens"), initialData: { tokens: initial } });
  const tokens = useTokenAdmin<{ token: string; apiToken: ApiTokenView }>("/api/tokens", ["api-tokens"], (res) => res.apiToken.name);

  return (
    <section aria-labelledby="tokens-title" className="card flex flex-col gap-4">
      <h2 id="tokens-title" className="font-semibold">API tokens</h2>
      <p className="text-sm text-slate-600 dark:text-slate-400">
        For scripts and bots: send <code>Authorization: Bearer &lt;token&gt;</code>. A token acts with your role. The API is described at{" "}
        <a className="underline" href="/api/openapi.json">/api/openapi.json</a>.
      </p>
      <NewTokenForm label="New API token" field="Token name" placeholder="e.g. deploy bot" submit="Create token" error={tokens.error} pending={tokens.creating} onCreate={tokens.create} />
      {tokens.fresh && (
        <TokenOnce className="gap-1 rounded-md border p-3" message={`Copy the token “${tokens.fresh.name}” now: it will not be shown again.`} tokenLabel="New token" token={tokens.fresh.token} />
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
                  <button type="button" className="btn-secondary" onClick={() => tokens.revoke(t.id)}>
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
