// Labelled form controls whose server-side error is announced and tied to them (aria-describedby).
// The error sits outside the <label>, so it is the control's description and not part of its name.
import { useId } from "react";

type ErrorProps = { "aria-invalid"?: true; "aria-describedby"?: string };

/** The one layout every labelled control shares: label around the control, hint and error below it. */
function FieldShell({ label, hint, error, className, children }: { label: string; hint?: string; error?: string; className?: string; children: (aria: ErrorProps) => React.ReactNode }) {
  const id = useId();
  const describedBy = [hint ? `${id}-hint` : "", error ? `${id}-err` : ""].filter(Boolean).join(" ");
  const aria: ErrorProps = { ...(error ? { "aria-invalid": true as const } : {}), ...(describedBy ? { "aria-describedby": describedBy } : {}) };
  return (
    <div className={`flex flex-col gap-1 ${className ?? ""}`}>
      <label className="flex flex-col gap-1 text-sm font-medium">
        {label}
        {children(aria)}
      </label>
      {hint && (
        <span id={`${id}-hint`} className="text-xs text-slate-600 dark:text-slate-400">
          {hint}
        </span>
      )}
      {error && (
        <span id={`${id}-err`} className="field-error">
          {error}
        </span>
      )}
    </div>
  );
}

/** `hint` explains the field; it is read with the control, before any error. */
type Labelled = { label: string; hint?: string; error?: string };

export function Field({ label, hint, error, className, ...input }: React.InputHTMLAttributes<HTMLInputElement> & Labelled) {
  return (
    <FieldShell label={label} hint={hint} error={error} className={className}>
      {(aria) => <input className="input" {...aria} {...input} />}
    </FieldShell>
  );
}

export function TextArea({ label, hint, error, className, ...props }: React.TextareaHTMLAttributes<HTMLTextAreaElement> & Labelled) {
  return (
    <FieldShell label={label} hint={hint} error={error} className={className}>
      {(aria) => <textarea className="input font-mono text-xs" {...aria} {...props} />}
    </FieldShell>
  );
}

export function Select({ label, hint, options, error, className, ...props }: React.SelectHTMLAttributes<HTMLSelectElement> & Labelled & { options: readonly string[] }) {
  return (
    <FieldShell label={label} hint={hint} error={error} className={className}>
      {(aria) => (
        <select className="input" {...aria} {...props}>
          {options.map((o) => (
            <option key={o}>{o}</option>
          ))}
        </select>
      )}
    </FieldShell>
  );
}
