// The diagnosis part of stack.yaml: which layers a layer needs (`dependsOn`), the shared resource
// a layer or check runs on (`resource`: one Redis behind Cache and Queue is one cause), third-party
// layers, and reference checks (targets that should always answer, to tell a cut-off checker).
import { z } from "zod";

const resourceName = z.string().regex(/^[a-z0-9][a-z0-9._-]*$/, "use lowercase letters, digits, dots, dashes and underscores").max(64);
const layerKey = z.string().regex(/^[a-z0-9-]+$/, "use lowercase letters, digits and dashes").max(64);

export const diagnosisLayerFields = {
  /** Keys of the layers this one needs to work; the request-path order stays for drawing only. */
  dependsOn: z.array(layerKey).default([]),
  /** Shared resource this layer runs on; every check of the layer inherits it. */
  resource: resourceName.optional(),
  /** Run by someone else (payment provider, CDN): named as a cause, but not ours to fix. */
  thirdParty: z.boolean().default(false),
};

export const diagnosisCheckFields = {
  /** Shared resource this check probes (overrides the layer's). */
  resource: resourceName.optional(),
  /** A target that should always answer; when it fails the checker or its network is suspect. */
  reference: z.boolean().default(false),
};

type Issue = { path: string; message: string };

const asArray = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const asObject = (v: unknown): Record<string, unknown> => (v !== null && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : {});

/** Dangling, self and duplicate references, and cycles (each named by the path of the edge closing it). */
export function dependencyIssues(input: unknown): Issue[] {
  const issues: Issue[] = [];
  const layers = asArray(asObject(input).layers).map(asObject);
  const index = new Map<string, number>();
  layers.forEach((l, i) => typeof l.key === "string" && !index.has(l.key) && index.set(l.key, i));
  const edges = new Map<number, Array<{ to: number; di: number }>>();
  layers.forEach((l, li) => {
    const seen = new Set<string>();
    const out: Array<{ to: number; di: number }> = [];
    asArray(l.dependsOn).forEach((dep, di) => {
      if (typeof dep !== "string") return;
      const path = `layers[${li}].dependsOn[${di}]`;
      const to = index.get(dep);
      if (to === undefined) issues.push({ path, message: `no layer has the key "${dep}"` });
      else if (to === li) issues.push({ path, message: "a layer cannot depend on itself" });
      else if (seen.has(dep)) issues.push({ path, message: `"${dep}" is listed twice` });
      else out.push({ to, di });
      seen.add(dep);
    });
    edges.set(li, out);
  });
  // Depth-first search; an edge to a layer still on the path closes a cycle.
  const state = new Map<number, "open" | "done">();
  const stack: number[] = [];
  const visit = (li: number): void => {
    state.set(li, "open");
    stack.push(li);
    for (const { to, di } of edges.get(li) ?? []) {
      if (state.get(to) === "open") {
        const loop = [...stack.slice(stack.indexOf(to)), to].map((i) => String(layers[i].key));
        issues.push({ path: `layers[${li}].dependsOn[${di}]`, message: `dependency cycle: ${loop.join(" → ")}` });
      } else if (!state.has(to)) visit(to);
    }
    stack.pop();
    state.set(li, "done");
  };
  for (let i = 0; i < layers.length; i++) if (!state.has(i)) visit(i);
  return issues;
}
