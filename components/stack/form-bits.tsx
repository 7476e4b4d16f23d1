// Labelled textarea, select and checkbox with the same error wiring as components/ui/field.tsx:
// the error is outside the <label> and tied to the control as its description.
import { useId } from "react";

export function TextArea({ label, error, className, ...props }: React.TextareaHTMLAttributes<HTMLTextAreaElement> & { label: string; error?: string }) {
  const id = useId();
  return (
    <div className={`flex flex-col gap-1 ${className ?? ""}`}>
      <label className="flex flex-col gap-1 text-sm font-medium">
        {label}
        <textarea className="input font-mono text-xs" aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-err` : undefined} {...props} />
      </label>
      {error && (
        <span id={`${id}-err`} className="field-error">
          {error}
        </span>
      )}
    </div>
  );
}

export function Select({ label, options, error, ...props }: React.SelectHTMLAttributes<HTMLSelectElement> & { label: string; options: readonly string[]; error?: string }) {
  const id = useId();
  return (
    <div className="flex flex-col gap-1">
      <label className="flex flex-col gap-1 text-sm font-medium">
        {label}
        <select className="input" aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-err` : undefined} {...props}>
          {options.map((o) => (
            <option key={o}>{o}</option>
          ))}
        </select>
      </label>
      {error && (
        <span id={`${id}-err`} className="field-error">
          {error}
        </span>
      )}
    </div>
  );
}

export function CheckBox({ label, checked, onChange }: { label: string; checked: boolean; onChange: (v: boolean) => void }) {
  return (
    <label className="flex items-center gap-2 text-sm">
      <input type="checkbox" className="h-4 w-4" checked={checked} onChange={(e) => onChange(e.target.checked)} />
      {label}
    </label>
  );
}
