"use client";
// Probe agents: create one (its token is shown once), see when each was last heard from, its
// version, schedule lag, buffer and checks, and revoke it. Kept current by agent:changed events and
// a poll (last contact moves without events).
import { useQuery } from "@tanstack/react-query";
import type { AgentView } from "@/lib/agents/admin";
import { apiFetch } from "@/components/ui/api";
import { NewTokenForm, TokenOnce, useTokenAdmin } from "@/components/ui/token-once";
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
  const { data } = useQuery({ queryKey: AGENTS_KEY, queryFn: () => apiFetch<{ agents: AgentView[] }>("/api/agents"), initialData: { agents: initial }, refetchInterval: 10_000 });
  const agents = useTokenAdmin<{ token: string; agent: AgentView }>("/api/agents", AGENTS_KEY, (res) => res.agent.name);
  const fresh = agents.fresh;

  return (
    <div className="flex flex-col gap-6">
      <div>
        <h1 className="text-xl font-semibold">Probe agents</h1>
        <p className="text-sm text-slate-600 dark:text-slate-400">
          An agent runs checks from where it is (another region, an office, inside a private network) and sends the results here. In stack.yaml a check
          says where it runs with <code>runOn</code>: <code>server</code>, a list of agent names, <code>agents</code> or <code>all</code>.
        </p>
      </div>
      <NewTokenForm
        className="card"
        label="New agent"
        field="Agent name (its vantage in stack.yaml)"
        placeholder="e.g. eu-1 or office"
        submit="Create agent"
        error={agents.error}
        pending={agents.creating}
        onCreate={agents.create}
      />
      {fresh && (
        <TokenOnce className="card gap-2" message={`Copy the token of “${fresh.name}” now: it will not be shown again.`} tokenLabel="New agent token" token={fresh.token}>
          <p>Start the agent next to what it should probe:</p>
          <pre className="overflow-x-auto rounded bg-slate-100 p-2 text-xs dark:bg-slate-800">
            WARROOM_AGENT_TOKEN=&lt;the token&gt; npm run agent -- --server {serverUrl} --name {fresh.name}
          </pre>
          <button type="button" className="btn-secondary self-start" onClick={agents.dismiss}>
            I have copied it
          </button>
        </TokenOnce>
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
                <th className="py-1 pr-3">Buffered / dropped / refused</th>
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
                    {a.buffered} / {a.dropped} / {a.rejected}
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
                          if (window.confirm(`Revoke the token of ${a.name}? The agent stops being heard at once.`)) agents.revoke(a.id);
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
