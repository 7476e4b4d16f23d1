"use client";
// Asked when resolving with tasks still open: close them, or carry them over as follow-ups (owned
// by whoever held each task). The server refuses to resolve until one is chosen.
import { useId } from "react";

export type OpenTasksMode = "close" | "carry_over";

export function OpenTasksChoice({ count, value, onChange, error }: { count: number; value: OpenTasksMode | null; onChange: (v: OpenTasksMode) => void; error?: string }) {
  const id = useId();
  const tasks = count === 1 ? "1 task is" : `${count} tasks are`;
  return (
    <fieldset className="flex flex-col gap-1 rounded-md border border-amber-400 p-3 text-sm dark:border-amber-600" aria-describedby={error ? `${id}-err` : undefined}>
      <legend className="px-1 font-medium">{count > 0 ? `${tasks} still open. What should happen to them?` : "Some tasks are still open. What should happen to them?"}</legend>
      <label className="flex items-start gap-2">
        <input type="radio" name={`${id}-mode`} value="carry_over" checked={value === "carry_over"} onChange={() => onChange("carry_over")} className="mt-1" />
        <span>
          Carry them over as follow-ups <span className="block text-xs text-slate-600 dark:text-slate-400">Listed on Follow-ups after the incident closes, owned by whoever held each task.</span>
        </span>
      </label>
      <label className="flex items-start gap-2">
        <input type="radio" name={`${id}-mode`} value="close" checked={value === "close"} onChange={() => onChange("close")} className="mt-1" />
        <span>
          Close them <span className="block text-xs text-slate-600 dark:text-slate-400">They are marked done as unfinished; the timeline says so.</span>
        </span>
      </label>
      {error && (
        <p id={`${id}-err`} role="alert" className="field-error">
          Choose what to do with the open tasks ({error}).
        </p>
      )}
    </fieldset>
  );
}
