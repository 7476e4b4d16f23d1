"use client";
// A native modal <dialog> driven by `open`: focus is trapped and Escape closes it (onClose), the
// page behind is inert. Every confirmation in the war room (publish, resolve, the maintenance page)
// is one of these.
import { useEffect, useRef } from "react";

type Props = { open: boolean; onClose: () => void; labelledBy: string; describedBy?: string; /** A Tailwind width, e.g. w-[min(36rem,calc(100vw-2rem))]. */ width: string; children: React.ReactNode };

export function ModalDialog({ open, onClose, labelledBy, describedBy, width, children }: Props) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) d.showModal();
    if (!open && d.open) d.close();
  }, [open]);
  return (
    <dialog
      ref={ref}
      onClose={onClose}
      aria-labelledby={labelledBy}
      aria-describedby={describedBy}
      className={`m-auto ${width} rounded-lg bg-white p-0 text-slate-900 backdrop:bg-black/50 dark:bg-slate-900 dark:text-slate-100`}
    >
      {children}
    </dialog>
  );
}

type FormProps = {
  titleId: string;
  title: string;
  onSubmit: () => void;
  cancel: string;
  onCancel: () => void;
  submit: string;
  pending: boolean;
  /** The action's error when no field shows it; `spoken` announces a field's own error (shown beside the field) once. */
  error?: string;
  spoken?: string;
  children: React.ReactNode;
};

/** A dialog's form: title, contents, the action's error, then Cancel and the action. */
export function DialogForm({ titleId, title, onSubmit, cancel, onCancel, submit, pending, error, spoken, children }: FormProps) {
  return (
    <form
      method="dialog"
      className="flex flex-col gap-3 p-4"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit();
      }}
    >
      <h2 id={titleId} className="text-lg font-semibold">
        {title}
      </h2>
      {children}
      {error && (
        <p role="alert" className="field-error">
          {error}
        </p>
      )}
      {spoken && (
        <p role="alert" className="sr-only">
          {spoken}
        </p>
      )}
      <div className="flex flex-wrap justify-end gap-2">
        <button type="button" className="btn-secondary" onClick={onCancel}>
          {cancel}
        </button>
        <button type="submit" className="btn-primary" disabled={pending}>
          {submit}
        </button>
      </div>
    </form>
  );
}
