// The one schema of `stack.yaml`: layers in request order (from the user inward), each with its
// checks. Check configs are validated by their type's own schema; secrets must be ${ENV} references.
import { z } from "zod";
import { checkTypes, isCheckType, validateCheckConfig } from "../checks/registry";
import { literalSecretIssues } from "./literal-secrets";
import { formatPath } from "./path";
import { dependencyIssues, diagnosisCheckFields, diagnosisLayerFields } from "./dependencies";
import { vantageCheckFields, vantageIssues } from "./vantages";

const key = z.string().regex(/^[a-z0-9-]+$/, "use lowercase letters, digits and dashes").max(64);

export const thresholdsSchema = z
  .object({
    latencyMs: z.number().positive().optional(),
    p95Ms: z.number().positive().optional(),
    p95WindowSec: z.number().int().positive().optional(),
    /** Degraded when the probe's metric is above this absolute value. */
    metricMax: z.number().optional(),
    /** Degraded when the probe's metric is below this absolute value (free disk, healthy replicas). */
    metricMin: z.number().optional(),
    /** Degraded when the metric is above this percentage of the probe's reported maximum. */
    metricPercentOfMax: z.number().positive().max(100).optional(),
    /** Degraded when the metric grew across this many consecutive samples (0 switches trend detection off). */
    trendSamples: z.number().int().min(0).optional(),
  })
  .strict();
export type CheckThresholds = z.output<typeof thresholdsSchema>;

export const checkSchema = z
  .object({
    key,
    name: z.string().trim().min(1, "name is required").max(120),
    type: z.string().min(1),
    config: z.record(z.string(), z.unknown()).default({}),
    intervalSec: z.number().int().min(5, "at least 5 seconds").max(86_400).default(30),
    /** Default: 10 s, or the interval when that is shorter (a probe must finish before the next is due). */
    timeoutMs: z.number().int().min(100).max(120_000).optional(),
    critical: z.boolean().default(true),
    enabled: z.boolean().default(true),
    failThreshold: z.number().int().min(1).max(100).default(2),
    recoverThreshold: z.number().int().min(1).max(100).default(2),
    thresholds: thresholdsSchema.default({}),
    ...diagnosisCheckFields,
    ...vantageCheckFields,
  })
  .strict()
  .transform((c) => ({ ...c, timeoutMs: c.timeoutMs ?? Math.min(10_000, c.intervalSec * 1000) }));
export type CheckSpec = z.output<typeof checkSchema>;

export const toolLinkSchema = z.object({ label: z.string().trim().min(1).max(80), url: z.url({ protocol: /^https?$/, error: "use an http(s) URL" }) }).strict();

export const layerSchema = z
  .object({
    key,
    name: z.string().trim().min(1, "name is required").max(120),
    description: z.string().max(2000).default(""),
    impact: z.string().max(2000).default(""),
    optional: z.boolean().default(false),
    public: z.boolean().default(false),
    publicName: z.string().trim().min(1).max(120).optional(),
    toolLinks: z.array(toolLinkSchema).default([]),
    checklist: key.optional(),
    checks: z.array(checkSchema).default([]),
    ...diagnosisLayerFields,
  })
  .strict();
export type LayerSpec = z.output<typeof layerSchema>;

/** How much of a component a failing layer takes down. */
export const COMPONENT_IMPACTS = ["major", "partial", "degraded"] as const;
export type ComponentImpact = (typeof COMPONENT_IMPACTS)[number];

export const componentSchema = z
  .object({
    key,
    /** What customers call it ("Checkout"): the only name of it that leaves the authenticated app. */
    name: z.string().trim().min(1, "name is required").max(120),
    description: z.string().max(500).default(""),
    group: z.string().trim().min(1).max(120).optional(),
    layers: z
      .array(
        z
          .object({
            layer: key,
            impact: z.enum(COMPONENT_IMPACTS, { message: "must be major, partial or degraded" }).default("major"),
          })
          .strict(),
      )
      .min(1, "map the component to at least one layer"),
  })
  .strict();
export type ComponentSpec = z.output<typeof componentSchema>;

export const stackSchema = z
  .object({
    /** Where editors find this file's JSON Schema; accepted and ignored. */
    $schema: z.string().max(2000).optional(),
    name: z.string().trim().min(1, "name is required").max(120),
    layers: z.array(layerSchema),
    /** Customer-facing components; without any, each `public` layer stands for one (its publicName, major impact). */
    components: z.array(componentSchema).default([]),
  })
  .strict()
  .transform(({ $schema: _ignored, ...stack }) => stack);
export type StackSpec = z.output<typeof stackSchema>;
/** What a user writes (defaults may be left out). */
export type StackInput = z.input<typeof stackSchema>;

export type StackIssue = { path: string; message: string };
export type StackValidation = { ok: true; stack: StackSpec } | { ok: false; errors: StackIssue[] };


const REF = /\$\{[A-Za-z_][A-Za-z0-9_]*\}/;

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let cur: unknown = root;
  for (const seg of path) {
    if (cur === null || typeof cur !== "object") return undefined;
    cur = (cur as Record<PropertyKey, unknown>)[seg];
  }
  return cur;
}

type RawCheck = { key?: unknown; type?: unknown; config?: unknown; intervalSec?: unknown; timeoutMs?: unknown; thresholds?: unknown };

const METRIC_TYPES = new Set(["prometheus", "metrics"]);

/** A metric check judges one direction (config.badWhen): a limit on the other side would never be seen. */
function directionIssues(check: RawCheck, cp: string): StackIssue[] {
  if (typeof check.type !== "string" || !METRIC_TYPES.has(check.type)) return [];
  const t = asObject(check.thresholds) ?? {};
  const below = asObject(check.config)?.badWhen === "below";
  const wrong = below ? (["metricMax", "metricPercentOfMax"] as const).filter((k) => t[k] !== undefined) : t.metricMin !== undefined ? (["metricMin"] as const) : [];
  return wrong.map((k) => ({
    path: `${cp}.thresholds.${k}`,
    message: below ? `config.badWhen is "below": use metricMin for the degraded limit` : `set config.badWhen to "below" to judge low values`,
  }));
}
type RawLayer = { key?: unknown; checks?: unknown };

const asArray = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const asObject = (v: unknown): Record<string, unknown> | null => (v !== null && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : null);

/** Rules that zod's per-field schema cannot express: unique keys, per-type config, no literal secrets. */
function crossChecks(input: unknown): StackIssue[] {
  const errors: StackIssue[] = [];
  const layerKeys = new Map<unknown, number>();
  asArray(asObject(input)?.layers).forEach((rawLayer, li) => {
    const layer = (asObject(rawLayer) ?? {}) as RawLayer;
    const lp = `layers[${li}]`;
    if (typeof layer.key === "string" && layerKeys.has(layer.key)) errors.push({ path: `${lp}.key`, message: `duplicate layer key "${layer.key}" (also layers[${layerKeys.get(layer.key)}])` });
    else layerKeys.set(layer.key, li);
    const checkKeys = new Map<unknown, number>();
    asArray(layer.checks).forEach((rawCheck, ci) => {
      const check = (asObject(rawCheck) ?? {}) as RawCheck;
      const cp = `${lp}.checks[${ci}]`;
      if (typeof check.key === "string" && checkKeys.has(check.key)) errors.push({ path: `${cp}.key`, message: `duplicate check key "${check.key}" in this layer` });
      else checkKeys.set(check.key, ci);
      if (typeof check.type !== "string") return;
      const config = asObject(check.config ?? {});
      if (!isCheckType(check.type)) errors.push({ path: `${cp}.type`, message: `unknown check type "${check.type}" (one of ${Object.keys(checkTypes).join(", ")})` });
      else if (config) {
        const res = validateCheckConfig(check.type, config);
        for (const issue of res.success ? [] : res.error.issues) {
          const v = valueAt(config, issue.path);
          if (typeof v === "string" && REF.test(v)) continue;
          errors.push({ path: `${cp}.config${issue.path.length ? "." + formatPath(issue.path) : ""}`, message: issue.message });
        }
      }
      errors.push(...directionIssues(check, cp));
      if (config) for (const issue of literalSecretIssues(config)) errors.push({ path: `${cp}.config.${issue.path}`, message: issue.message });
      if (typeof check.timeoutMs === "number" && typeof check.intervalSec === "number" && check.timeoutMs > check.intervalSec * 1000)
        errors.push({ path: `${cp}.timeoutMs`, message: "the timeout must not exceed the interval" });
    });
  });
  const componentKeys = new Map<unknown, number>();
  asArray(asObject(input)?.components).forEach((rawComponent, ci) => {
    const component = asObject(rawComponent) ?? {};
    const cp = `components[${ci}]`;
    if (typeof component.key === "string" && componentKeys.has(component.key)) errors.push({ path: `${cp}.key`, message: `duplicate component key "${component.key}" (also components[${componentKeys.get(component.key)}])` });
    else componentKeys.set(component.key, ci);
    const seenLayers = new Set<unknown>();
    asArray(component.layers).forEach((rawDep, di) => {
      const layer = asObject(rawDep)?.layer;
      if (typeof layer !== "string") return;
      if (!layerKeys.has(layer)) errors.push({ path: `${cp}.layers[${di}].layer`, message: `no layer has the key "${layer}"` });
      else if (seenLayers.has(layer)) errors.push({ path: `${cp}.layers[${di}].layer`, message: `layer "${layer}" is listed twice` });
      seenLayers.add(layer);
    });
  });
  errors.push(...dependencyIssues(input));
  errors.push(...vantageIssues(input));
  return errors;
}

/**
 * Validates a parsed stack file and reports every problem at once, each with its path.
 * Type-specific config errors are reported under the check's config path; a string holding a
 * ${VAR} reference is only checkable once resolved on the server at run time, so format errors
 * on such values are not reported here.
 */
export function validateStack(input: unknown): StackValidation {
  const parsed = stackSchema.safeParse(input);
  const errors: StackIssue[] = parsed.success ? [] : parsed.error.issues.map((i) => ({ path: formatPath(i.path) || "(root)", message: i.message }));
  const seen = new Set(errors.map((e) => e.path));
  for (const e of crossChecks(input)) if (!seen.has(e.path)) errors.push(e);
  return errors.length || !parsed.success ? { ok: false, errors } : { ok: true, stack: parsed.data };
}

/** Field map for the API's 422 `fields`. */
export function issuesToFields(errors: StackIssue[]): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const e of errors) fields[e.path] ??= e.message;
  return fields;
}
