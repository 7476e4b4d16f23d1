// What the alerts said about each cause so far (the layers listed as affected), kept in the
// database beside the change that announced it: a follow-up is decided in the same transaction, and
// another replica taking over the checks (or a restart) knows what was already said.
import type { Tx } from "../db/types";
import type { AnnouncedScopes } from "./news";

const PREFIX = "diagnosis.scope:";

export async function loadScopes(tx: Tx): Promise<Map<string, string[]>> {
  const rows = await tx.setting.findMany({ where: { key: { startsWith: PREFIX } } });
  return new Map(rows.map((r) => [r.key.slice(PREFIX.length), parseIds(r.value)]));
}

export async function saveScope(tx: Tx, causeId: string, layerIds: readonly string[]): Promise<void> {
  const value = JSON.stringify(layerIds);
  await tx.setting.upsert({ where: { key: PREFIX + causeId }, create: { key: PREFIX + causeId, value }, update: { value } });
}

/** A cause that is gone (recovered) starts afresh next time: its next alert is a new one. */
export async function forgetScopesExcept(tx: Tx, scopes: AnnouncedScopes, keep: ReadonlySet<string>): Promise<void> {
  const gone = [...scopes.keys()].filter((id) => !keep.has(id));
  if (gone.length) await tx.setting.deleteMany({ where: { key: { in: gone.map((id) => PREFIX + id) } } });
}

function parseIds(value: string): string[] {
  try {
    const v: unknown = JSON.parse(value);
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : [];
  } catch {
    return [];
  }
}
