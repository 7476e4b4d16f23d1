"use client";
// Switching the maintenance page turns the whole site away (or lets it back), so it is confirmed in
// a modal dialog that shows exactly what the public will see.
import { useId } from "react";
import { ModalDialog } from "@/components/ui/modal-dialog";

type Props = { open: boolean; enabling: boolean; message: string; pending: boolean; error?: string; onConfirm: () => void; onClose: () => void };

export function MaintenanceConfirm({ open, enabling, message, pending, error, onConfirm, onClose }: Props) {
  const id = useId();

  return (
    <ModalDialog open={open} onClose={onClose} labelledBy={`${id}-title`} describedBy={`${id}-desc`} width="w-[min(34rem,calc(100vw-2rem))]">
      <div className="flex flex-col gap-3 p-4">
        <h2 id={`${id}-title`} className="text-lg font-semibold">
          {enabling ? "Switch the maintenance page on?" : "Switch the maintenance page off?"}
        </h2>
        {enabling ? (
          <>
            <p id={`${id}-desc`} className="text-sm">
              Every visitor whose requests pass through the proxy gate gets this page (HTTP 503) instead of the site, from their very next request:
            </p>
            <figure aria-label="What the public will see" className="rounded border border-slate-300 bg-slate-50 p-3 text-center dark:border-slate-600 dark:bg-slate-800">
              <p className="font-semibold">
                <span aria-hidden="true">🛠 </span>Maintenance in progress
              </p>
              <p className="mt-1 text-sm">{message}</p>
            </figure>
          </>
        ) : (
          <p id={`${id}-desc`} className="text-sm">
            Visitors reach the site again from their next request; the maintenance page then says no maintenance is in progress.
          </p>
        )}
        {error && (
          <p role="alert" className="field-error">
            {error}
          </p>
        )}
        <div className="flex flex-wrap justify-end gap-2">
          <button type="button" className="btn-secondary" onClick={onClose}>
            {enabling ? "Keep it off" : "Keep it on"}
          </button>
          <button type="button" className={enabling ? "btn-danger" : "btn-primary"} disabled={pending} onClick={onConfirm} autoFocus>
            {enabling ? "Switch on" : "Switch off"}
          </button>
        </div>
      </div>
    </ModalDialog>
  );
}
