"use client";
// Each role's short checklist, shown only to whoever holds it. Ticks are kept in this browser per
// incident: a reminder for the holder, not a record (the timeline is the record).
import { useEffect, useState } from "react";
import { ROLE_CHECKLISTS, ROLE_NAMES, type HeldRole } from "@/lib/incidents/roles";

function Checklist({ incidentId, role }: { incidentId: string; role: HeldRole }) {
  const key = `warroom:checklist:${incidentId}:${role}`;
  const [done, setDone] = useState<number[]>([]);
  useEffect(() => {
    try {
      setDone(JSON.parse(window.localStorage.getItem(key) ?? "[]") as number[]);
    } catch {
      setDone([]);
    }
  }, [key]);
  const toggle = (i: number, on: boolean) => {
    const next = on ? [...done, i] : done.filter((x) => x !== i);
    setDone(next);
    window.localStorage.setItem(key, JSON.stringify(next));
  };
  return (
    <details className="card" open>
      <summary className="cursor-pointer font-semibold">Your checklist as {ROLE_NAMES[role]}</summary>
      <ul className="mt-2 flex flex-col gap-1 text-sm" aria-label={`Checklist for the ${ROLE_NAMES[role]}`}>
        {ROLE_CHECKLISTS[role].map((item, i) => (
          <li key={item}>
            <label className="flex items-start gap-2">
              <input type="checkbox" className="mt-1" checked={done.includes(i)} onChange={(e) => toggle(i, e.target.checked)} />
              <span className={done.includes(i) ? "text-slate-500 line-through" : ""}>{item}</span>
            </label>
          </li>
        ))}
      </ul>
    </details>
  );
}

export function RoleChecklists({ incidentId, roles }: { incidentId: string; roles: HeldRole[] }) {
  if (!roles.length) return null;
  return (
    <div className="flex flex-col gap-2">
      {roles.map((r) => (
        <Checklist key={r} incidentId={incidentId} role={r} />
      ))}
    </div>
  );
}
