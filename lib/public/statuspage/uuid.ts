// Name-based UUIDs (RFC 9562 version 5, SHA-1), so things that have no row of their own (a component
// group is just a name in stack.yaml, a maintenance window's implied updates) still get ids that never
// change between renders, restarts or replicas.
import { createHash } from "node:crypto";

/** Our namespace for Statuspage ids; fixed forever, or every reader's stored ids would break. */
export const WARROOM_NAMESPACE = "ad247cde-6c3e-481e-9b16-7eff332e25a1";

export function uuidV5(name: string, namespace: string = WARROOM_NAMESPACE): string {
  const ns = Buffer.from(namespace.replace(/-/g, ""), "hex");
  if (ns.length !== 16) throw new Error(`not a UUID: ${namespace}`);
  const h = createHash("sha1").update(ns).update(name, "utf8").digest();
  h[6] = (h[6] & 0x0f) | 0x50;
  h[8] = (h[8] & 0x3f) | 0x80;
  const x = h.subarray(0, 16).toString("hex");
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20)}`;
}

/** A group's id, from its name as written in stack.yaml: renaming the group gives it a new id. */
export const groupId = (name: string) => uuidV5(`component-group:${name}`);
