// A labelled input whose server-side error is announced and tied to it (aria-describedby). The
// error sits outside the <label>, so it is the input's description and not part of its name.
import { useId } from "react";

type Props = React.InputHTMLAttributes<HTMLInputElement> & { label: string; error?: string };

export function Field({ label, error, className, ...input }: Props) {
  const id = useId();
  return (
    <div className={`flex flex-col gap-1 ${className ?? ""}`}>
      <label className="flex flex-col gap-1 text-sm font-medium">
        {label}
        <input className="input" aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-err` : undefined} {...input} />
      </label>
      {error && (
        <span id={`${id}-err`} className="field-error">
          {error}
        </span>
      )}
    </div>
  );
}
