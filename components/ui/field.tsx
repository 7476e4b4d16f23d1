// A labelled input whose server-side error is announced and tied to it (aria-describedby).
import { useId } from "react";

type Props = React.InputHTMLAttributes<HTMLInputElement> & { label: string; error?: string };

export function Field({ label, error, className, ...input }: Props) {
  const id = useId();
  return (
    <label className={`flex flex-col gap-1 text-sm font-medium ${className ?? ""}`}>
      {label}
      <input className="input" aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-err` : undefined} {...input} />
      {error && (
        <span id={`${id}-err`} className="field-error">
          {error}
        </span>
      )}
    </label>
  );
}
