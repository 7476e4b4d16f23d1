// The key that signs confirmation and unsubscribe links: derived from WARROOM_SECRET when set (so
// every replica agrees without the database), else generated once and kept in the Setting table.
import { createHmac, randomBytes } from "node:crypto";
import type { PrismaClient } from "../generated/prisma/client";
import { db } from "../runtime/context";

const SETTING = "subscriptions.signing-key";
// Per database client, so a test that boots a fresh database never reuses another one's key.
const cache = new WeakMap<PrismaClient, Promise<Buffer>>();

export async function signingKey(): Promise<Buffer> {
  const secret = process.env.WARROOM_SECRET?.trim();
  // Domain-separated, so the same secret used elsewhere never signs these links directly.
  if (secret) return createHmac("sha256", secret).update("warroom subscription links").digest();
  const client = db();
  let key = cache.get(client);
  if (!key) {
    key = loadOrCreate(client);
    key.catch(() => cache.delete(client));
    cache.set(client, key);
  }
  return key;
}

async function loadOrCreate(client: PrismaClient): Promise<Buffer> {
  // Two replicas starting at once both insert; ON CONFLICT keeps the first, and both read it back.
  await client.$executeRaw`INSERT INTO "Setting" ("key", "value") VALUES (${SETTING}, ${randomBytes(32).toString("base64url")}) ON CONFLICT ("key") DO NOTHING`;
  const row = await client.setting.findUniqueOrThrow({ where: { key: SETTING } });
  return Buffer.from(row.value, "base64url");
}
