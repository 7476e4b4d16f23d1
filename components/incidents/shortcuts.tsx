"use client";
// Keyboard shortcuts for the war room. They never fire while typing in a field, and each one moves
// focus to a control that is also reachable by Tab, so nothing depends on them.
import { useEffect, useRef, useState } from "react";

export type Shortcut = { key: string; label: string; run: () => string | void };

function typing(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el || !el.tagName) return false;
  return el.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(el.tagName);
}

/** Focuses `selector` (opening a <details> around it first); returns a reason when it is not there. */
export function focusControl(selector: string, missing: string): string | void {
  const el = document.querySelector<HTMLElement>(selector);
  if (!el) return missing;
  const details = el.closest("details");
  if (details && !details.open) details.open = true;
  el.scrollIntoView({ block: "center" });
  el.focus();
}

export function Shortcuts({ shortcuts }: { shortcuts: Shortcut[] }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [notice, setNotice] = useState("");
  const list = useRef(shortcuts);
  useEffect(() => {
    list.current = shortcuts;
  });

  useEffect(() => {
    function onKey(e: KeyboardEvent) {
      if (e.key === "Escape" && typing(e.target)) return (e.target as HTMLElement).blur();
      if (e.ctrlKey || e.metaKey || e.altKey || typing(e.target) || e.defaultPrevented) return;
      if (e.key === "?") {
        e.preventDefault();
        const d = dialog.current;
        if (d?.open) d.close();
        else d?.showModal();
        return;
      }
      const s = list.current.find((x) => x.key === e.key);
      if (!s) return;
      e.preventDefault();
      dialog.current?.close();
      setNotice(s.run() ?? "");
    }
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);

  return (
    <>
      <p role="status" className="sr-only">
        {notice}
      </p>
      {notice && (
        <p className="fixed right-4 bottom-4 z-40 rounded-md bg-slate-900 px-3 py-2 text-sm text-white shadow dark:bg-slate-100 dark:text-slate-900" aria-hidden="true">
          {notice}
        </p>
      )}
      <dialog ref={dialog} aria-labelledby="shortcuts-title" className="m-auto rounded-lg p-5 backdrop:bg-black/40 dark:bg-slate-900 dark:text-slate-100">
        <h2 id="shortcuts-title" className="mb-3 text-lg font-semibold">
          Keyboard shortcuts
        </h2>
        <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-2 text-sm">
          <dt>
            <kbd className="rounded border px-1.5 font-mono">?</kbd>
          </dt>
          <dd>Show or hide this list</dd>
          {shortcuts.map((s) => (
            <div key={s.key} className="contents">
              <dt>
                <kbd className="rounded border px-1.5 font-mono">{s.key}</kbd>
              </dt>
              <dd>{s.label}</dd>
            </div>
          ))}
        </dl>
        <p className="mt-3 text-xs text-slate-600 dark:text-slate-400">Shortcuts do nothing while you type in a field. Esc leaves a field.</p>
        <form method="dialog" className="mt-4 text-right">
          <button className="btn-secondary">Close</button>
        </form>
      </dialog>
    </>
  );
}
