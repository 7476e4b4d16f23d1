"use client";
// Where a check runs (stack.yaml `runOn`, `spread`, `quorum`): the server, named vantages (the
// agents Warroom knows, or a name typed before the agent exists), every agent, or everywhere; how
// many of its agents take it (spread K) and how many must say down (quorum N). Errors land under
// the server's paths (`layers[0].checks[1].quorum`).
import { createContext, useContext, useId, useState } from "react";
import { Field } from "@/components/ui/field";
import type { CheckForm, RunOnMode } from "./editor-model";
import { errorFor } from "./editor-model";

/** Names of the agents an admin created (not revoked), for the "named vantages" choice. */
export const KnownAgents = createContext<readonly string[]>([]);

const MODES: { mode: RunOnMode; label: string }[] = [
  { mode: "server", label: "The Warroom server" },
  { mode: "list", label: "Named vantages" },
  { mode: "agents", label: "Every agent" },
  { mode: "all", label: "The server and every agent" },
];

const NAME = /^[a-z0-9][a-z0-9-]*$/;

type Props = { check: CheckForm; path: string; title: string; fields: Record<string, string>; onChange: (c: CheckForm) => void };

export function RunOnFields({ check, path, title, fields, onChange }: Props) {
  const known = useContext(KnownAgents);
  const id = useId();
  const [typed, setTyped] = useState("");
  const [typedError, setTypedError] = useState<string | undefined>();
  const set = (patch: Partial<CheckForm>) => onChange({ ...check, ...patch, runOnGiven: true });
  const runOnError = errorFor(fields, `${path}.runOn`);
  const names = [...new Set(["server", ...known, ...check.runOnNames])];
  const toggle = (name: string, on: boolean) => set({ runOnNames: on ? [...check.runOnNames, name] : check.runOnNames.filter((n) => n !== name) });
  const add = () => {
    const name = typed.trim();
    if (!NAME.test(name)) return setTypedError("use lowercase letters, digits and dashes");
    setTypedError(undefined);
    setTyped("");
    if (!check.runOnNames.includes(name)) set({ runOnNames: [...check.runOnNames, name] });
  };
  return (
    <fieldset className="mt-2 grid gap-2 rounded-md border border-slate-200 p-2 sm:grid-cols-3 dark:border-slate-700">
      <legend className="px-1 text-xs font-semibold text-slate-600 dark:text-slate-400">Where {title} runs</legend>
      <div role="radiogroup" aria-label={`Where ${title} runs`} className="flex flex-col gap-1 text-sm sm:col-span-3 sm:flex-row sm:flex-wrap sm:gap-4">
        {MODES.map((m) => (
          <label key={m.mode} className="flex items-center gap-2">
            <input
              type="radio"
              name={`${id}-mode`}
              className="h-4 w-4"
              checked={check.runOnMode === m.mode}
              onChange={() => set({ runOnMode: m.mode })}
              // A refused save focuses the first invalid control: the chosen way of running.
              aria-invalid={runOnError && check.runOnMode === m.mode ? true : undefined}
              aria-describedby={runOnError ? `${id}-err` : undefined}
            />
            {m.label}
          </label>
        ))}
      </div>
      {check.runOnMode === "list" && (
        <div className="flex flex-col gap-2 sm:col-span-3">
          <div role="group" aria-label={`Vantages that run ${title}`} className="flex flex-wrap gap-x-4 gap-y-1 text-sm">
            {names.map((n) => (
              <label key={n} className="flex items-center gap-2">
                <input type="checkbox" className="h-4 w-4" checked={check.runOnNames.includes(n)} onChange={(e) => toggle(n, e.target.checked)} />
                {n === "server" ? "server (Warroom itself)" : n}
                {n !== "server" && !known.includes(n) && <span className="text-xs text-slate-600 dark:text-slate-400">(no such agent yet)</span>}
              </label>
            ))}
          </div>
          <div className="flex flex-wrap items-end gap-2">
            <Field
              label="Another agent's name"
              hint="An agent created later under this name picks the check up."
              value={typed}
              error={typedError}
              onChange={(e) => setTyped(e.target.value)}
              onKeyDown={(e) => {
                if (e.key === "Enter") {
                  e.preventDefault();
                  add();
                }
              }}
            />
            <button type="button" className="btn-secondary" onClick={add}>
              Add vantage to {title}
            </button>
          </div>
        </div>
      )}
      {runOnError && (
        <p id={`${id}-err`} className="field-error sm:col-span-3">
          {runOnError}
        </p>
      )}
      <Field
        label="Spread (run on K of its agents)"
        hint="Empty: on all of them."
        inputMode="numeric"
        placeholder="all"
        value={check.spread}
        onChange={(e) => set({ spread: e.target.value })}
        error={errorFor(fields, `${path}.spread`)}
      />
      <Field
        label="Quorum (vantages that must say down)"
        hint="Empty: a majority."
        inputMode="numeric"
        placeholder="majority"
        value={check.quorum}
        onChange={(e) => set({ quorum: e.target.value })}
        error={errorFor(fields, `${path}.quorum`)}
      />
    </fieldset>
  );
}
