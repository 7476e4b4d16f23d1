// Labelled textarea and checkbox with the same error wiring as components/ui/field.tsx.
import { useId } from "react";

export function TextArea({ label, error, className, ...props }: React.TextareaHTMLAttributes<HTMLTextAreaElement> & { label: string; error?: string }) {
  const id = useId();
  return (
    <label className={`flex flex-col gap-1 text-sm font-medium ${className ?? ""}`}>
      {label}
      <textarea className="input font-mono text-xs" aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-err` : undefined} {...props} />
      {error && (
        <span id={`${id}-err`} className="field-error">
          {error}
        </span>
      )}
    </label>
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
