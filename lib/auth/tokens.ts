import { createHash, randomBytes } from "node:crypto";

export function newToken(prefix = ""): string {
  return prefix + randomBytes(32).toString("base64url");
}

/** Only the hash is stored: a leaked database row is not a usable credential. */
export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("base64url");
}
