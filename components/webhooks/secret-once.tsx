"use client";
import { useState } from "react";

/** The secret of a webhook just created: shown here once, never retrievable again. */
export function SecretOnce({ name, secret, onDone }: { name: string; secret: string; onDone: () => void }) {
  const [copied, setCopied] = useState(false);
  async function copy() {
    await navigator.clipboard.writeText(secret).then(
      () => setCopied(true),
      () => setCopied(false),
    );
  }
  return (
    <section className="card border-amber-400 dark:border-amber-600" aria-labelledby="secret-title">
      <h2 id="secret-title" className="font-semibold">
        ⚠ Signing secret for “{name}”
      </h2>
      <p className="text-sm">Copy it now into your receiver: it is shown only this once. Receivers verify each delivery with it using any Standard Webhooks library (webhook-signature header).</p>
      <pre className="my-2 overflow-x-auto rounded bg-slate-100 p-2 text-sm dark:bg-slate-800">
        <code aria-label="Webhook secret">{secret}</code>
      </pre>
      <div className="flex flex-wrap gap-2">
        <button type="button" className="btn-secondary" onClick={copy}>
          {copied ? "Copied" : "Copy secret"}
        </button>
        <button type="button" className="btn-secondary" onClick={onDone}>
          I have saved it
        </button>
      </div>
    </section>
  );
}
