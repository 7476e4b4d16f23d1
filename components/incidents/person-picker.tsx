"use client";
// Choosing who takes a role (the lead, the comms lead, the scribe): one list of people, one submit,
// and whatever else the row offers (e.g. "Nobody is scribe") after it.
import type { Person } from "./types";

/** `to` is held by the row, which clears it once the action succeeded (a refused choice stays chosen). */
type Props = { label: string; candidates: Person[]; to: string; setTo: (userId: string) => void; submit: string; pending: boolean; onPick: (userId: string) => void; children?: React.ReactNode };

export function PersonPicker({ label, candidates, to, setTo, submit, pending, onPick, children }: Props) {
  return (
    <form
      className="flex flex-wrap items-end gap-2"
      onSubmit={(e) => {
        e.preventDefault();
        if (to) onPick(to);
      }}
    >
      <label className="flex flex-col gap-1 text-xs font-medium">
        {label}
        <select className="input w-auto py-1" value={to} onChange={(e) => setTo(e.target.value)}>
          <option value="">Choose who…</option>
          {candidates.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name} · {p.role}
            </option>
          ))}
        </select>
      </label>
      <button type="submit" className="btn-secondary py-1" disabled={!to || pending}>
        {submit}
      </button>
      {children}
    </form>
  );
}

/** A failed action, said once, where the control that triggered it is. */
export function ActionAlert({ error }: { error: { message: string } | null }) {
  return error ? (
    <p role="alert" className="field-error">
      {error.message}
    </p>
  ) : null;
}
