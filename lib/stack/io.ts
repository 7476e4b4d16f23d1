// stack.yaml in and out: parse (YAML or JSON), validate, replace the stored stack in one
// transaction, and export it back (secrets stay ${ENV} references: they are stored that way).
import { randomBytes, randomUUID } from "node:crypto";
import YAML from "yaml";
import { db } from "../runtime/context";
import { mutate } from "../realtime/outbox";
import { rooms } from "../realtime/catalogue";
import { unprocessable } from "../http/errors";
import { findControlChar } from "../http/control-chars";
import type { Json, Tx } from "../db/types";
import { issuesToFields, validateStack, type ComponentSpec, type StackInput, type StackIssue, type StackSpec } from "./schema";

export type ParseResult = { ok: true; value: unknown } | { ok: false; errors: StackIssue[] };

/** A real stack reuses an anchor a few times; a "billion laughs" file expands into millions of nodes. */
const MAX_ALIASES = 100;

/** YAML is a superset of JSON, so one parser reads both. */
export function parseStackText(text: string): ParseResult {
  const doc = YAML.parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length) {
    return { ok: false, errors: doc.errors.map((e) => ({ path: "(file)", message: e.linePos ? `line ${e.linePos[0].line}, column ${e.linePos[0].col}: ${e.code}` : e.message })) };
  }
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: MAX_ALIASES });
  } catch {
    // yaml throws (a ReferenceError) once aliases expand past the limit.
    return { ok: false, errors: [{ path: "(file)", message: `too many YAML aliases (more than ${MAX_ALIASES}): the file expands to an unreasonable size` }] };
  }
  const field = findControlChar(value, "");
  if (field !== null) return { ok: false, errors: [{ path: field || "(file)", message: "must not contain control characters" }] };
  return { ok: true, value };
}

/** Parse and validate in one go (the CLI and the PUT handler). */
export function checkStackText(text: string): { ok: true; stack: StackSpec } | { ok: false; errors: StackIssue[] } {
  const parsed = parseStackText(text);
  return parsed.ok ? validateStack(parsed.value) : parsed;
}

export function invalidStack(errors: StackIssue[]) {
  const first = errors[0];
  return unprocessable("invalid_stack", `The stack has ${errors.length} problem${errors.length > 1 ? "s" : ""}; first: ${first.path}: ${first.message}`, issuesToFields(errors));
}

export const newHeartbeatToken = () => randomBytes(24).toString("base64url");

/** Replaces the whole stack. Layers and checks are matched by key, so unchanged ones keep their id and history. */
export async function replaceStack(input: unknown): Promise<{ id: string; version: number }> {
  const v = validateStack(input);
  if (!v.ok) throw invalidStack(v.errors);
  const spec = v.stack;
  return mutate(async (tx, emit) => {
    const existing = await tx.stack.findFirst({ orderBy: { updatedAt: "asc" }, include: { layers: { include: { checks: true } }, components: true } });
    const stack = existing
      ? await tx.stack.update({ where: { id: existing.id }, data: { name: spec.name, version: { increment: 1 } } })
      : await tx.stack.create({ data: { name: spec.name } });
    const oldLayers = new Map((existing?.layers ?? []).map((l) => [l.key, l]));
    const keep = new Set(spec.layers.map((l) => l.key));
    const gone = [...oldLayers.values()].filter((l) => !keep.has(l.key)).map((l) => l.id);
    if (gone.length) await tx.layer.deleteMany({ where: { id: { in: gone } } });

    for (const [position, layer] of spec.layers.entries()) {
      const data = {
        position,
        name: layer.name,
        description: layer.description,
        impact: layer.impact,
        optional: layer.optional,
        public: layer.public,
        publicName: layer.publicName ?? null,
        toolLinks: layer.toolLinks as Json,
        // Stored as a list so the column's "[]" default means "no checklist".
        checklist: (layer.checklist ? [layer.checklist] : []) as Json,
        dependsOn: layer.dependsOn as Json,
        resource: layer.resource ?? null,
        thirdParty: layer.thirdParty,
      };
      const old = oldLayers.get(layer.key);
      const row = old ? await tx.layer.update({ where: { id: old.id }, data }) : await tx.layer.create({ data: { ...data, stackId: stack.id, key: layer.key } });
      const oldChecks = new Map((old?.checks ?? []).map((c) => [c.key, c]));
      const keepChecks = new Set(layer.checks.map((c) => c.key));
      const goneChecks = [...oldChecks.values()].filter((c) => !keepChecks.has(c.key)).map((c) => c.id);
      if (goneChecks.length) await tx.check.deleteMany({ where: { id: { in: goneChecks } } });

      const fresh: FreshCheck[] = [];
      for (const check of layer.checks) {
        const prev = oldChecks.get(check.key);
        const probeChanged = !prev || prev.type !== check.type || JSON.stringify(prev.config) !== JSON.stringify(check.config);
        const cdata = {
          name: check.name,
          type: check.type,
          config: check.config as Json,
          intervalSec: check.intervalSec,
          timeoutMs: check.timeoutMs,
          critical: check.critical,
          enabled: check.enabled,
          failThreshold: check.failThreshold,
          recoverThreshold: check.recoverThreshold,
          thresholds: check.thresholds as Json,
          resource: check.resource ?? null,
          reference: check.reference,
          runOn: check.runOn as Json,
          spread: check.spread ?? null,
          quorum: check.quorum ?? null,
          heartbeatToken: check.type === "heartbeat" ? (prev?.heartbeatToken ?? newHeartbeatToken()) : null,
          // A different probe's old verdict says nothing about the new one.
          ...(prev && probeChanged ? { state: "unknown" as const, stateSince: new Date(), message: "" } : {}),
        };
        if (prev) await tx.check.update({ where: { id: prev.id }, data: cdata });
        else fresh.push({ ...cdata, layerId: row.id, key: check.key });
        // Each vantage's verdict was about the old probe too (lib/agents).
        if (prev && probeChanged) await tx.checkVantage.deleteMany({ where: { checkId: prev.id } });
      }
      await insertChecks(tx, fresh);
    }
    await saveComponents(tx, stack.id, existing?.components ?? [], spec.components);
    await emit(rooms.stack, "stack:updated", { version: stack.version });
    return { id: stack.id, version: stack.version };
  });
}

type FreshCheck = {
  layerId: string;
  key: string;
  name: string;
  type: string;
  config: Json;
  intervalSec: number;
  timeoutMs: number;
  critical: boolean;
  enabled: boolean;
  failThreshold: number;
  recoverThreshold: number;
  thresholds: Json;
  resource: string | null;
  reference: boolean;
  runOn: Json;
  spread: number | null;
  quorum: number | null;
  heartbeatToken: string | null;
};

/**
 * New checks in one statement with a fixed number of array parameters. One create per check is a
 * round trip each, and Prisma's createMany compiles its query in time that grows with the rows: a
 * 10,000-check stack took over a minute either way, past the transaction's time limit.
 */
async function insertChecks(tx: Tx, rows: readonly FreshCheck[]): Promise<void> {
  if (!rows.length) return;
  const col = <K extends keyof FreshCheck>(k: K) => rows.map((r) => r[k]);
  const json = (k: "config" | "thresholds" | "runOn") => rows.map((r) => JSON.stringify(r[k]));
  await tx.$executeRaw`
    INSERT INTO "Check" (id, "layerId", key, name, type, config, "intervalSec", "timeoutMs", critical, enabled, "failThreshold", "recoverThreshold",
                         thresholds, resource, reference, "runOn", spread, quorum, "heartbeatToken")
    SELECT * FROM unnest(${rows.map(() => randomUUID())}::text[], ${col("layerId")}::text[], ${col("key")}::text[], ${col("name")}::text[], ${col("type")}::text[],
                         ${json("config")}::jsonb[], ${col("intervalSec")}::int[], ${col("timeoutMs")}::int[], ${col("critical")}::boolean[], ${col("enabled")}::boolean[],
                         ${col("failThreshold")}::int[], ${col("recoverThreshold")}::int[], ${json("thresholds")}::jsonb[], ${col("resource")}::text[],
                         ${col("reference")}::boolean[], ${json("runOn")}::jsonb[], ${col("spread")}::int[], ${col("quorum")}::int[], ${col("heartbeatToken")}::text[])`;
}

/** Components matched by key like layers, so their ids (public API ids) and overrides survive an edit. */
async function saveComponents(tx: Tx, stackId: string, old: { id: string; key: string }[], specs: ComponentSpec[]): Promise<void> {
  const byKey = new Map(old.map((c) => [c.key, c]));
  const keep = new Set(specs.map((c) => c.key));
  const gone = old.filter((c) => !keep.has(c.key)).map((c) => c.id);
  if (gone.length) await tx.component.deleteMany({ where: { id: { in: gone } } });
  for (const [position, c] of specs.entries()) {
    const data = { position, name: c.name, description: c.description, group: c.group ?? null, layers: c.layers as Json };
    const prev = byKey.get(c.key);
    if (prev) await tx.component.update({ where: { id: prev.id }, data });
    else await tx.component.create({ data: { ...data, stackId, key: c.key } });
  }
}

/** The stored stack as a stack.yaml document (null when none is defined yet). */
export async function loadStackSpec(): Promise<StackInput | null> {
  const stack = await db().stack.findFirst({
    orderBy: { updatedAt: "asc" },
    include: { layers: { orderBy: { position: "asc" }, include: { checks: { orderBy: { key: "asc" } } } }, components: { orderBy: { position: "asc" } } },
  });
  if (!stack) return null;
  return {
    name: stack.name,
    layers: stack.layers.map((l) => ({
      key: l.key,
      name: l.name,
      description: l.description,
      impact: l.impact,
      optional: l.optional,
      public: l.public,
      ...(l.publicName ? { publicName: l.publicName } : {}),
      toolLinks: l.toolLinks as { label: string; url: string }[],
      ...(checklistKey(l.checklist) ? { checklist: checklistKey(l.checklist) ?? undefined } : {}),
      ...(dependsOnKeys(l.dependsOn).length ? { dependsOn: dependsOnKeys(l.dependsOn) } : {}),
      ...(l.resource ? { resource: l.resource } : {}),
      ...(l.thirdParty ? { thirdParty: true } : {}),
      checks: l.checks.map((c) => ({
        key: c.key,
        name: c.name,
        type: c.type,
        config: c.config as Record<string, unknown>,
        intervalSec: c.intervalSec,
        timeoutMs: c.timeoutMs,
        critical: c.critical,
        enabled: c.enabled,
        failThreshold: c.failThreshold,
        recoverThreshold: c.recoverThreshold,
        thresholds: c.thresholds as Record<string, number>,
        ...(c.resource ? { resource: c.resource } : {}),
        ...(c.reference ? { reference: true } : {}),
        ...runOnExport(c),
      })),
    })),
    ...(stack.components.length
      ? {
          components: stack.components.map((c) => ({
            key: c.key,
            name: c.name,
            ...(c.description ? { description: c.description } : {}),
            ...(c.group ? { group: c.group } : {}),
            layers: c.layers as ComponentSpec["layers"],
          })),
        }
      : {}),
  };
}

export function dependsOnKeys(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
}

export function checklistKey(value: unknown): string | null {
  return Array.isArray(value) && typeof value[0] === "string" ? value[0] : null;
}

/** `schemaUrl`: where editors find the JSON Schema (a comment in YAML, the `$schema` key in JSON). */
export function stackToText(spec: StackInput, format: "yaml" | "json", schemaUrl?: string): string {
  if (format === "json") return JSON.stringify(schemaUrl ? { $schema: schemaUrl, ...spec } : spec, null, 2) + "\n";
  const editorHint = schemaUrl ? `# yaml-language-server: $schema=${schemaUrl}\n` : "";
  return editorHint + "# Warroom stack: layers from the user's request inward. Secrets are ${ENV_VAR} references.\n" + YAML.stringify(spec, { lineWidth: 0 });
}

/** Only what differs from "runs on the server", so exports of stacks without agents stay as they were. */
function runOnExport(c: { runOn: unknown; spread: number | null; quorum: number | null }): Record<string, unknown> {
  return {
    ...(c.runOn !== "server" && c.runOn !== null ? { runOn: c.runOn } : {}),
    ...(c.spread !== null ? { spread: c.spread } : {}),
    ...(c.quorum !== null ? { quorum: c.quorum } : {}),
  };
}
