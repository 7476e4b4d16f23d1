"use client";
// The title customers read, beside the internal one, and whether anything about the incident has
// reached the status page yet (it does with the first public update).
import { Icon } from "./icons";
import type { IncidentDetail } from "./types";

const chip = "inline-flex items-center gap-1 rounded px-2 py-0.5 text-xs font-semibold whitespace-nowrap";

export function PublicTitle({ incident }: { incident: Pick<IncidentDetail, "publicTitle" | "updates"> }) {
  const published = incident.updates.some((u) => u.audience === "public");
  return (
    <div role="group" className="flex flex-wrap items-center gap-2 text-sm" aria-label="Public title">
      <span className="font-medium">
        <Icon name="globe" /> Public title:
      </span>
      {incident.publicTitle ? (
        <span className="break-words" data-testid="public-title">
          {incident.publicTitle}
        </span>
      ) : (
        <span className="text-slate-600 italic dark:text-slate-400">none yet (needed before a public update)</span>
      )}
      {published ? (
        <span className={`${chip} bg-sky-100 text-sky-900 dark:bg-sky-900 dark:text-sky-100`}>
          <Icon name="eye" /> Published on the status page
        </span>
      ) : (
        <span className={`${chip} bg-slate-100 text-slate-800 dark:bg-slate-800 dark:text-slate-100`}>
          <Icon name="lock" /> Not published yet
        </span>
      )}
    </div>
  );
}
