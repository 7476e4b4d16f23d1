"use client";
// Admin editor: the whole stack is edited in the browser and saved with one PUT /api/stack, so
// every save is one validated, versioned replacement; server errors land on the field they name.
// Two views of one document: typed form fields, or the stack.yaml text itself (edited, loaded from a
// file or pasted). Either way the one Save button sends it and the server's zod schema judges it.
import { useEffect, useRef, useState } from "react";
import YAML from "yaml";
import { useQueryClient } from "@tanstack/react-query";
import type { StackInput } from "@/lib/stack/schema";
import { Field, TextArea } from "@/components/ui/field";
import { apiFetch, ApiError } from "@/components/ui/api";
import { componentIssues, componentsByLayer, vantageFormIssues, emptyForm, fromForm, newComponent, newLayer, setLayerKey, toForm, uid, type ComponentForm, type LayerForm, type StackForm } from "./editor-model";
import { LayerEditor } from "./layer-editor";
import { ComponentEditor } from "./component-editor";
import { KnownAgents } from "./run-on-fields";

type PutResult = { ok: true; version: number } | { ok: false; message: string; fields: Record<string, string> };

async function putStack(text: string, contentType: string): Promise<PutResult> {
  try {
    const res = await apiFetch<{ version: number }>("/api/stack", { method: "PUT", raw: { text, contentType } });
    return { ok: true, version: res.version };
  } catch (err) {
    return err instanceof ApiError ? { ok: false, message: err.message, fields: err.fields } : { ok: false, message: "Could not reach the server.", fields: {} };
  }
}

/** The YAML text of what the form holds (the form keeps only valid JSON for settings, so this is the document). */
function yamlOf(form: StackForm): string {
  const doc = fromForm(form);
  return doc.ok ? YAML.stringify(doc.spec) : "";
}

const loadSpec = () => apiFetch<StackInput>("/api/stack/export?format=json");

/** `agents`: names of the probe agents an admin created, offered where a check runs. */
export function StackEditor({ initial, agents = [] }: { initial: StackInput | null; agents?: readonly string[] }) {
  const qc = useQueryClient();
  const [form, setForm] = useState<StackForm>(() => (initial ? toForm(initial) : emptyForm()));
  const [fields, setFields] = useState<Record<string, string>>({});
  const [notice, setNotice] = useState<{ kind: "ok" | "error"; text: string } | null>(null);
  const [mode, setMode] = useState<"form" | "yaml">("form");
  const [yamlText, setYamlText] = useState("");
  const [yamlFields, setYamlFields] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  // After a refused save, focus moves to the first field the server named (its error is its
  // description), so the admin lands on the problem instead of a message at the top of the page.
  const [refused, setRefused] = useState<number | null>(null);
  const editRef = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (refused) editRef.current?.querySelector<HTMLElement>("[aria-invalid='true']")?.focus();
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
  // The server's errors win; the editor's own findings (a component naming a removed layer, a
  // quorum larger than the vantages named) show at once, under the same paths.
  const shown = { ...componentIssues(form), ...vantageFormIssues(form), ...fields };
  const feeds = componentsByLayer(form);

  async function afterSave(r: PutResult, onFail: (f: Record<string, string>) => void) {
    if (r.ok) {
      setNotice({ kind: "ok", text: `Saved: stack version ${r.version}.` });
      onFail({});
      try {
        const stored = toForm(await loadSpec());
        setForm(stored);
        if (mode === "yaml") setYamlText(yamlOf(stored));
      } catch {
        setNotice({ kind: "error", text: `Saved as version ${r.version}, but reloading it failed: reload the page before editing further.` });
      }
      void qc.invalidateQueries({ queryKey: ["stack"] });
    } else {
      setNotice({ kind: "error", text: r.message });
      onFail(r.fields);
      setRefused(Date.now());
    }
  }

  /** Form → YAML: the document the form would save. */
  function showYaml() {
    const doc = fromForm(form);
    if (!doc.ok) {
      setFields(doc.fields);
      setNotice({ kind: "error", text: "Some fields are not valid JSON." });
      return;
    }
    setYamlText(yamlOf(form));
    setYamlFields({});
    setMode("yaml");
  }

  /** YAML → form: only a text that parses; the server still judges it on save. */
  function showForm() {
    try {
      const parsed: unknown = YAML.parse(yamlText);
      if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) throw new Error("the document must be a mapping with name and layers");
      setForm(toForm(parsed as StackInput));
      setFields({});
      setMode("form");
    } catch (err) {
      setYamlFields({ "": `not readable as YAML: ${err instanceof Error ? err.message : String(err)}` });
      setRefused(Date.now());
    }
  }

  async function save(e: React.FormEvent) {
    e.preventDefault();
    if (mode === "yaml") {
      setBusy(true);
      await afterSave(await putStack(yamlText, "application/yaml"), setYamlFields);
      setBusy(false);
      return;
    }
    const doc = fromForm(form);
    if (!doc.ok) {
      setFields(doc.fields);
      setNotice({ kind: "error", text: "Some fields are not valid JSON." });
      setRefused(Date.now());
      return;
    }
    setBusy(true);
    await afterSave(await putStack(JSON.stringify(doc.spec), "application/json"), setFields);
    setBusy(false);
  }

  // Errors name the path inside the document ("layers[2].dependsOn[0]: …").
  const yamlError = Object.entries(yamlFields)
    .map(([k, m]) => (k ? `${k}: ${m}` : m))
    .join("\n");

  return (
    <KnownAgents.Provider value={agents}>
    <div className="flex flex-col gap-6">
      <h1 className="text-xl font-semibold">Stack config</h1>
      {notice && (
        // Sticky: the editor is long, and the confirmation must be seen from either Save button.
        <p role={notice.kind === "error" ? "alert" : "status"} className={`card sticky top-2 z-10 shadow-sm ${notice.kind === "error" ? "field-error" : "text-sm"}`}>
          <span aria-hidden="true">{notice.kind === "error" ? "✕ " : "✓ "}</span>
          {notice.text}
        </p>
      )}
      <div className="flex flex-wrap gap-2">
        <a className="btn-secondary" href="/api/stack/export?format=yaml" download="stack.yaml">
          Download YAML
        </a>
        <a className="btn-secondary" href="/api/stack/export?format=json" download="stack.json">
          Download JSON
        </a>
      </div>
      <form ref={editRef} onSubmit={save} className="flex flex-col gap-4" aria-label="Edit stack" noValidate>
        <div className="card sticky top-2 z-10 flex flex-wrap items-center gap-2 shadow-sm">
          <div role="group" aria-label="Edit as" className="flex gap-1">
            <button type="button" className={mode === "form" ? "btn-primary" : "btn-secondary"} aria-pressed={mode === "form"} onClick={() => mode === "yaml" && showForm()}>
              Form
            </button>
            <button type="button" className={mode === "yaml" ? "btn-primary" : "btn-secondary"} aria-pressed={mode === "yaml"} onClick={() => mode === "form" && showYaml()}>
              YAML
            </button>
          </div>
          <span className="text-xs text-slate-600 dark:text-slate-400">Nothing is stored until you save; the whole stack is checked then.</span>
          <button type="submit" className="btn-primary ml-auto" disabled={busy}>
            Save stack
          </button>
        </div>
        {mode === "yaml" ? (
          <div className="card flex flex-col gap-2">
            <label className="flex flex-col gap-1 text-sm font-medium">
              Load a stack file (YAML or JSON) into the text below
              <input
                type="file"
                accept=".yaml,.yml,.json,application/yaml,application/json,text/yaml"
                className="text-sm"
                onChange={async (e) => {
                  const file = e.target.files?.[0];
                  if (file) setYamlText(await file.text());
                }}
              />
            </label>
            <TextArea
              label="stack.yaml"
              rows={Math.min(40, Math.max(12, yamlText.split("\n").length + 1))}
              spellCheck={false}
              value={yamlText}
              onChange={(e) => setYamlText(e.target.value)}
              error={yamlError || undefined}
            />
            <p className="text-xs text-slate-600 dark:text-slate-400">The same document the form edits; secrets as $&#123;ENV_VAR&#125; references. Errors name the path inside it.</p>
          </div>
        ) : (
          <>
        <div className="card">
          <Field label="Stack name" value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} error={fields.name} />
        </div>
        {fields.layers && <p className="field-error">{fields.layers}</p>}
        {form.layers.map((l, i) => (
          <LayerEditor
            key={l.uid}
            layer={l}
            index={i}
            count={form.layers.length}
            fields={shown}
            feeds={l.key ? feeds.get(l.key) : undefined}
            others={form.layers.filter((x) => x.uid !== l.uid && x.key).map((x) => ({ key: x.key, name: x.name }))}
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
          </>
        )}
      </form>
    </div>
    </KnownAgents.Provider>
  );
}
