"use client";
// The overview's task list: every open task and who holds it, mine first, one line each.
// The cards to act on them sit further down (the title links there).
import type { IncidentDetail, Me } from "./types";

export function OpenTasks({ incident, me }: { incident: IncidentDetail; me: Me }) {
  const open = incident.tasks.filter((t) => t.status !== "done");
  const rank = (t: (typeof open)[number]) => (t.assignee?.id === me.id ? 0 : t.assignee ? 1 : 2);
  const sorted = [...open].sort((a, b) => rank(a) - rank(b) || a.createdAt.localeCompare(b.createdAt));
  const mine = open.filter((t) => t.assignee?.id === me.id).length;
  return (
    <section aria-labelledby="open-tasks-title" className="card flex min-h-0 flex-col gap-2">
      <h2 id="open-tasks-title" className="font-semibold">
        Open tasks ({open.length}){mine > 0 && <span className="text-sm font-normal text-slate-600 dark:text-slate-400"> · {mine} yours</span>}
      </h2>
      {open.length === 0 ? (
        <p className="text-sm text-slate-500">No open tasks.</p>
      ) : (
        <ul aria-label="Open tasks and who holds them" className="-mr-2 flex min-h-0 flex-col overflow-y-auto pr-2 text-sm lg:max-h-[19rem]">
          {sorted.map((t) => (
            <li key={t.id} className="flex items-baseline gap-2 border-b border-slate-100 py-1 last:border-0 dark:border-slate-800">
              <a href={`#task-${t.id}`} className="min-w-0 flex-1 truncate hover:underline" title={t.title}>
                {t.title}
              </a>
              <span className={`shrink-0 text-xs ${t.assignee ? "" : "font-semibold text-amber-800 dark:text-amber-300"}`}>
                {t.assignee ? (t.assignee.id === me.id ? "you" : t.assignee.name) : "nobody yet"}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
