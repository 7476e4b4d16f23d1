"use client";
// Notes from anyone responding; decisions and corrective actions are the leader's or the scribe's to record.
import { useState } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { apiFetch } from "@/components/ui/api";
import { useAction } from "./use-action";

type Kind = "note" | "decision" | "corrective";

export function NoteForm({ incidentId, decides }: { incidentId: string; decides: boolean }) {
  const qc = useQueryClient();
  const [body, setBody] = useState("");
  const [kind, setKind] = useState<Kind>("note");
  const add = useAction(incidentId, (b: { body: string; kind: Kind }) => apiFetch(`/api/incidents/${incidentId}/notes`, { method: "POST", body: b }), () => {
    setBody("");
    void qc.invalidateQueries({ queryKey: ["timeline", incidentId] });
  });
  const bodyError = add.error?.fields.body;
  return (
    <form
      className="card flex flex-col gap-2"
      aria-label="Add to timeline"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        add.run({ body, kind });
      }}
    >
      <label className="flex flex-col gap-1 text-sm font-medium">
        Note for the timeline
        <textarea id="note-body" className="input min-h-16" value={body} onChange={(e) => setBody(e.target.value)} aria-invalid={bodyError ? true : undefined} />
      </label>
      <div className="flex flex-wrap items-end gap-2">
        <label className="flex flex-col gap-1 text-sm font-medium">
          Kind
          <select className="input w-auto" value={kind} onChange={(e) => setKind(e.target.value as Kind)}>
            <option value="note">Note</option>
            {decides && <option value="decision">Decision</option>}
            {decides && <option value="corrective">Corrective action</option>}
          </select>
        </label>
        <button type="submit" className="btn-secondary" disabled={add.pending}>
          Add to timeline
        </button>
      </div>
      {add.error && (
        <p role="alert" className="field-error">
          {bodyError ? `Note ${bodyError}` : add.error.message}
        </p>
      )}
    </form>
  );
}
