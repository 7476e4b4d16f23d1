"use client";
// Probe agents: create one (its token is shown once), see when each was last heard from, its
// version, schedule lag, buffer and checks, and revoke it. Kept current by agent:changed events and
// a poll (last contact moves without events).
import { useState } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { AgentView } from "@/lib/agents/admin";
import { apiFetch, ApiError } from "@/components/ui/api";
import { Field } from "@/components/ui/field";
import { utcLabel } from "@/components/maintenance-windows/utc";

export const AGENTS_KEY = ["agents"] as const;

function Contact({ a }: { a: AgentView }) {
  if (a.revokedAt) return <span>⊘ revoked {utcLabel(a.revokedAt)}</span>;
  if (!a.lastSeenAt) return <span>? never connected</span>;
  return (
    <span>
      {a.online ? "● online" : "○ offline"} · last contact {utcLabel(a.lastSeenAt)}
    </span>
  );
}

export function AgentsAdmin({ initial, serverUrl }: { initial: AgentView[]; serverUrl: string }) {
  const qc = useQueryClient();
  const { data } = useQuery({ queryKey: AGENTS_KEY, queryFn: () => apiFetch<{ agents: AgentView[] }>("/api/agents"), initialData: { agents: initial }, refetchInterval: 10_000 });
  const [fresh, setFresh] = useState<{ name: string; token: string } | null>(null);
  const [error, setError] = useState<string | undefined>();
  const create = useMutation({
    mutationFn: (name: string) => apiFetch<{ token: string; agent: AgentView }>("/api/agents", { method: "POST", body: { name } }),
    onSuccess: (res) => {
      setFresh({ name: res.agent.name, token: res.token });
      setError(undefined);
      void qc.invalidateQueries({ queryKey: AGENTS_KEY });
    },
    onError: (err) => setError(err instanceof ApiError ? (err.fields.name ?? err.message) : "Could not reach the server."),
  });
  const revoke = useMutation({
    mutationFn: (id: string) => apiFetch(`/api/agents/${id}`, { method: "DELETE" }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: AGENTS_KEY }),
  });

  return (
    <div className="flex flex-col gap-6">
      <div>
        <h1 className="text-xl font-semibold">Probe agents</h1>
        <p className="text-sm text-slate-600 dark:text-slate-400">
          An agent runs checks from where it is (another region, an office, inside a private network) and sends the results here. In stack.yaml a check
          says where it runs with <code>runOn</code>: <code>server</code>, a list of agent names, <code>agents</code> or <code>all</code>.
        </p>
      </div>
      <form
        aria-label="New agent"
        className="card flex flex-wrap items-end gap-2"
        onSubmit={(e) => {
          e.preventDefault();
          create.mutate(String(new FormData(e.currentTarget).get("name") ?? ""));
        }}
      >
        <Field label="Agent name (its vantage in stack.yaml)" name="name" placeholder="e.g. eu-1 or office" error={error} className="min-w-60 flex-1" />
        <button className="btn-primary" type="submit" disabled={create.isPending}>
          Create agent
        </button>
      </form>
      {fresh && (
        <div role="status" className="card flex flex-col gap-2 border-amber-400 text-sm">
          <p className="font-medium">Copy the token of “{fresh.name}” now: it will not be shown again.</p>
          <code aria-label="New agent token" className="block break-all font-mono">{fresh.token}</code>
          <p>Start the agent next to what it should probe:</p>
          <pre className="overflow-x-auto rounded bg-slate-100 p-2 text-xs dark:bg-slate-800">
            WARROOM_AGENT_TOKEN=&lt;the token&gt; npm run agent -- --server {serverUrl} --name {fresh.name}
          </pre>
          <button type="button" className="btn-secondary self-start" onClick={() => setFresh(null)}>
            I have copied it
          </button>
        </div>
      )}
      <section aria-labelledby="agent-list-title" className="flex flex-col gap-2">
        <h2 id="agent-list-title" className="text-lg font-semibold">
          Agents
        </h2>
        <div className="overflow-x-auto">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">Probe agents with their last contact, version, lag and checks</caption>
            <thead>
              <tr>
                <th className="py-1 pr-3">Name</th>
                <th className="py-1 pr-3">Contact</th>
                <th className="py-1 pr-3">Version</th>
                <th className="py-1 pr-3">Schedule lag (p99)</th>
                <th className="py-1 pr-3">Buffered / dropped</th>
                <th className="py-1 pr-3">Checks</th>
                <th className="py-1">Token</th>
              </tr>
            </thead>
            <tbody>
              {data.agents.map((a) => (
                <tr key={a.id} className="border-t border-slate-200 dark:border-slate-800">
                  <td className="py-1 pr-3 font-mono">
                    {a.name}
                    {a.hostname && <span className="block text-xs text-slate-600 dark:text-slate-300">on {a.hostname}</span>}
                  </td>
                  <td className="py-1 pr-3">
                    <Contact a={a} />
                  </td>
                  <td className="py-1 pr-3">{a.version ?? "—"}</td>
                  <td className="py-1 pr-3">{a.lagMs === null ? "—" : `${Math.round(a.lagMs)} ms`}</td>
                  <td className="py-1 pr-3">
                    {a.buffered} / {a.dropped}
                  </td>
                  <td className="py-1 pr-3">{a.checks}</td>
                  <td className="py-1">
                    {a.revokedAt ? (
                      "revoked"
                    ) : (
                      <button
                        type="button"
                        className="btn-secondary"
                        onClick={() => {
                          if (window.confirm(`Revoke the token of ${a.name}? The agent stops being heard at once.`)) revoke.mutate(a.id);
                        }}
                      >
                        Revoke {a.name}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
              {data.agents.length === 0 && (
                <tr>
                  <td colSpan={7} className="py-2 text-slate-600 dark:text-slate-300">
                    No agents yet: every check runs on this server.
                  </td>
                </tr>
              )}
            </tbody>
          </table>
        </div>
      </section>
    </div>
  );
}
