import { publicStatus, type PublicStatus } from "@/lib/status/public-status";

export const dynamic = "force-dynamic";
export const metadata = { title: "Service status", alternates: { types: { "application/atom+xml": "/status/feed.atom" } } };

const LOOK: Record<string, { icon: string; word: string; cls: string }> = {
  up: { icon: "✓", word: "Operational", cls: "text-emerald-800 dark:text-emerald-300" },
  degraded: { icon: "!", word: "Degraded", cls: "text-amber-800 dark:text-amber-300" },
  down: { icon: "✕", word: "Outage", cls: "text-red-800 dark:text-red-300" },
  unknown: { icon: "?", word: "Unknown", cls: "text-slate-600 dark:text-slate-400" },
};

const BANNER: Record<PublicStatus["overall"], string> = {
  operational: "bg-emerald-100 text-emerald-950 dark:bg-emerald-950 dark:text-emerald-100",
  degraded: "bg-amber-100 text-amber-950 dark:bg-amber-950 dark:text-amber-100",
  outage: "bg-red-100 text-red-950 dark:bg-red-950 dark:text-red-100",
  maintenance: "bg-sky-100 text-sky-950 dark:bg-sky-950 dark:text-sky-100",
  unknown: "bg-slate-100 text-slate-900 dark:bg-slate-800 dark:text-slate-100",
};

export default async function StatusPage() {
  const s = await publicStatus();
  return (
    <main className="mx-auto flex max-w-2xl flex-col gap-6 p-4">
      <h1 className="text-2xl font-semibold">Service status</h1>
      <p role="status" className={`rounded-lg p-4 text-lg font-medium ${BANNER[s.overall]}`}>
        {s.headline}
      </p>
      {s.maintenance.enabled && (
        <section aria-labelledby="maint" className="card">
          <h2 id="maint" className="font-semibold">Maintenance</h2>
          <p>{s.maintenance.message}</p>
        </section>
      )}
      {s.layers.length > 0 && (
        <section aria-labelledby="components">
          <h2 id="components" className="mb-2 font-semibold">Components</h2>
          <ul className="card divide-y divide-slate-200 p-0 dark:divide-slate-800">
            {s.layers.map((l) => (
              <li key={l.name} className="flex items-center justify-between p-3">
                <span>{l.name}</span>
                <span className={LOOK[l.status].cls}>
                  <span aria-hidden="true">{LOOK[l.status].icon}</span> {LOOK[l.status].word}
                </span>
              </li>
            ))}
          </ul>
        </section>
      )}
      <section aria-labelledby="incidents">
        <h2 id="incidents" className="mb-2 font-semibold">Incidents</h2>
        {s.incidents.length === 0 && <p className="text-slate-600 dark:text-slate-400">No incidents in the last 24 hours.</p>}
        {s.incidents.map((i) => (
          <article key={i.id} aria-label={i.title} className="card mb-3">
            <h3 className="font-semibold">{i.title}</h3>
            <p className="text-sm text-slate-600 dark:text-slate-400">{i.status === "resolved" ? `Resolved ${new Date(i.resolvedAt!).toUTCString()}` : `Ongoing since ${new Date(i.startedAt).toUTCString()}`}</p>
            <ol className="mt-2 flex flex-col gap-2">
              {i.updates.map((u) => (
                <li key={u.at}>
                  <time dateTime={u.at} className="text-xs text-slate-500">{new Date(u.at).toUTCString()}</time>
                  <p>{u.body}</p>
                </li>
              ))}
            </ol>
          </article>
        ))}
      </section>
      <p className="text-xs text-slate-500">
        Updated {new Date(s.generatedAt).toUTCString()} · <a className="underline" href="/status/feed.atom">Atom feed</a> · <a className="underline" href="/api/public/status">JSON</a>
      </p>
    </main>
  );
}
