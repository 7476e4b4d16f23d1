"use client";
// Admin editor: the whole stack is edited in the browser and saved with one PUT /api/stack, so
// every save is one validated, versioned replacement; server errors land on the field they name.
import { useEffect, useRef, useState } from "react";
import { useQueryClient } from "@tanstack/react-query";
import type { StackInput } from "@/lib/stack/schema";
import { Field, TextArea } from "@/components/ui/field";
import { apiFetch, ApiError } from "@/components/ui/api";
import { componentIssues, componentsByLayer, emptyForm, fromForm, newComponent, newLayer, setLayerKey, toForm, uid, type ComponentForm, type LayerForm, type StackForm } from "./editor-model";
import { LayerEditor } from "./layer-editor";
import { ComponentEditor } from "./component-editor";

type PutResult = { ok: true; version: number } | { ok: false; message: string; fields: Record<string, string> };

async function putStack(text: string, contentType: string): Promise<PutResult> {
  try {
    const res = await apiFetch<{ version: number }>("/api/stack", { method: "PUT", raw: { text, contentType } });
    return { ok: true, version: res.version };
  } catch (err) {
    return err instanceof ApiError ? { ok: false, message: err.message, fields: err.fields } : { ok: false, message: "Could not reach the server.", fields: {} };
  }
}

const loadSpec = () => apiFetch<StackInput>("/api/stack/export?format=json");

export function StackEditor({ initial }: { initial: StackInput | null }) {
  const qc = useQueryClient();
  const [form, setForm] = useState<StackForm>(() => (initial ? toForm(initial) : emptyForm()));
  const [fields, setFields] = useState<Record<string, string>>({});
  const [notice, setNotice] = useState<{ kind: "ok" | "error"; text: string } | null>(null);
  const [importText, setImportText] = useState("");
  const [importFields, setImportFields] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  // After a refused save, focus moves to the first field the server named (its error is its
  // description), so the admin lands on the problem instead of a message at the top of the page.
  const [refused, setRefused] = useState<{ form: "edit" | "import"; at: number } | null>(null);
  const editRef = useRef<HTMLFormElement>(null);
  const importRef = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (!refused) return;
    const form = refused.form === "edit" ? editRef.current : importRef.current;
    form?.querySelector<HTMLElement>("[aria-invalid='true']")?.focus();
  }, [refused]);

  const setLayers = (layers: LayerForm[]) => {
    setForm({ ...form, layers });
    // Paths in old errors point at positions that may have moved.
    setFields({});
  };
  const setComponents = (components: ComponentForm[]) => {
    setForm({ ...form, components });
    setFields({});
  };
  // The server's errors win; the editor's own findings (a component naming a removed layer) show at once.
  const shown = { ...componentIssues(form), ...fields };
  const feeds = componentsByLayer(form);

  async function afterSave(r: PutResult, form: "edit" | "import", onFail: (f: Record<string, string>) => void) {
    if (r.ok) {
      setNotice({ kind: "ok", text: `Saved: stack version ${r.version}.` });
      onFail({});
      try {
        setForm(toForm(await loadSpec()));
      } catch {
        setNotice({ kind: "error", text: `Saved as version ${r.version}, but reloading it failed: reload the page before editing further.` });
      }
      void qc.invalidateQueries({ queryKey: ["stack"] });
    } else {
      setNotice({ kind: "error", text: r.message });
      onFail(r.fields);
      setRefused({ form, at: Date.now() });
    }
  }

  async function save(e: React.FormEvent) {
    e.preventDefault();
    const doc = fromForm(form);
    if (!doc.ok) {
      setFields(doc.fields);
      setNotice({ kind: "error", text: "Some fields are not valid JSON." });
      setRefused({ form: "edit", at: Date.now() });
      return;
    }
    setBusy(true);
    await afterSave(await putStack(JSON.stringify(doc.spec), "application/json"), "edit", setFields);
    setBusy(false);
  }

  async function importStack(e: React.FormEvent) {
    e.preventDefault();
    setBusy(true);
    await afterSave(await putStack(importText, "application/yaml"), "import", setImportFields);
    setBusy(false);
  }

  const importError = Object.entries(importFields)
    .map(([k, m]) => `${k}: ${m}`)
    .join("\n");

  return (
    <div className="flex flex-col gap-6">
      <h1 className="text-xl font-semibold">Stack config</h1>
      {notice && (
        // Sticky: the editor is long, and the confirmation must be seen from either Save button.
        <p role={notice.kind === "error" ? "alert" : "status"} className={`card sticky top-2 z-10 shadow-sm ${notice.kind === "error" ? "field-error" : "text-sm"}`}>
          <span aria-hidden="true">{notice.kind === "error" ? "✕ " : "✓ "}</span>
          {notice.text}
        </p>
      )}
      <section aria-labelledby="io-title" className="card flex flex-col gap-3">
        <h2 id="io-title" className="font-semibold">
          Import and export
        </h2>
        <div className="flex flex-wrap gap-2">
          <a className="btn-secondary" href="/api/stack/export?format=yaml" download="stack.yaml">
            Download YAML
          </a>
          <a className="btn-secondary" href="/api/stack/export?format=json" download="stack.json">
            Download JSON
          </a>
        </div>
        <form ref={importRef} onSubmit={importStack} className="flex flex-col gap-2" aria-label="Import stack">
          <label className="flex flex-col gap-1 text-sm font-medium">
            Upload a stack file
            <input
              type="file"
              accept=".yaml,.yml,.json,application/yaml,application/json,text/yaml"
              className="text-sm"
              onChange={async (e) => {
                const file = e.target.files?.[0];
                if (file) setImportText(await file.text());
              }}
            />
          </label>
          <TextArea label="Stack YAML or JSON" rows={8} value={importText} onChange={(e) => setImportText(e.target.value)} error={importError || undefined} />
          <button type="submit" className="btn-primary self-start" disabled={busy || !importText.trim()}>
            Import and replace the stack
          </button>
        </form>
      </section>
      <form ref={editRef} onSubmit={save} className="flex flex-col gap-4" aria-label="Edit stack" noValidate>
        <div className="card flex flex-col gap-2 sm:flex-row sm:items-end">
          <Field label="Stack name" value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} error={fields.name} className="flex-1" />
          <button type="submit" className="btn-primary" disabled={busy}>
            Save stack
          </button>
        </div>
        {fields.layers && <p className="field-error">{fields.layers}</p>}
        {form.layers.map((l, i) => (
          <LayerEditor
            key={l.uid}
            layer={l}
            index={i}
            count={form.layers.length}
            fields={fields}
            feeds={l.key ? feeds.get(l.key) : undefined}
            onChange={(nl) => {
              const next = { ...form, layers: form.layers.map((x, j) => (j === i ? { ...nl, key: x.key } : x)) };
              setForm(nl.key !== l.key ? setLayerKey(next, i, nl.key) : next);
            }}
            onMove={(d) => {
              const next = [...form.layers];
              [next[i], next[i + d]] = [next[i + d], next[i]];
              setLayers(next);
            }}
            onRemove={() => setLayers(form.layers.filter((_, j) => j !== i))}
          />
        ))}
        <div className="flex flex-wrap gap-2">
          <button type="button" className="btn-secondary" onClick={() => setLayers([...form.layers, { ...newLayer(), uid: uid() }])}>
            Add layer
          </button>
        </div>
        <section aria-labelledby="components-title" className="flex flex-col gap-3">
          <h2 id="components-title" className="text-lg font-semibold">
            Customer-facing components
          </h2>
          <p className="text-sm text-slate-600 dark:text-slate-400">
            What the public status page lists (&ldquo;Website&rdquo;, &ldquo;Checkout&rdquo;). Each one&apos;s status is worked out from the layers it depends on. Without any,
            the status page lists the layers marked public.
          </p>
          {fields.components && <p className="field-error">{fields.components}</p>}
          {form.components.map((c, i) => (
            <ComponentEditor
              key={c.uid}
              component={c}
              index={i}
              count={form.components.length}
              layers={form.layers}
              fields={shown}
              onChange={(nc) => setForm({ ...form, components: form.components.map((x, j) => (j === i ? nc : x)) })}
              onMove={(d) => {
                const next = [...form.components];
                [next[i], next[i + d]] = [next[i + d], next[i]];
                setComponents(next);
              }}
              onRemove={() => setComponents(form.components.filter((_, j) => j !== i))}
            />
          ))}
          <button type="button" className="btn-secondary self-start" onClick={() => setComponents([...form.components, newComponent(form.layers[0]?.key ?? "")])}>
            Add component
          </button>
        </section>
        <div className="flex flex-wrap gap-2">
          <button type="submit" className="btn-primary" disabled={busy}>
            Save stack
          </button>
        </div>
      </form>
    </div>
  );
}
