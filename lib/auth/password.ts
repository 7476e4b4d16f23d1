// scrypt (memory-hard, built into Node): no native addon to compile on a fresh machine.
// Cost N=2^17, r=8 (OWASP's current guidance) needs 128 MiB per hash; older hashes are upgraded on
// the next successful sign-in, since that is the only moment the password is known.
import { randomBytes, scrypt as scryptCb, timingSafeEqual, type ScryptOptions } from "node:crypto";

const R = 8;
const P = 1;
const KEYLEN = 32;
/** 128 · N · r bytes plus headroom; Node refuses anything over maxmem (32 MiB by default). */
const maxmemFor = (n: number, r: number) => 128 * n * r * 2;

/**
 * log2 of the cost for new hashes: 17 by default. WARROOM_SCRYPT_LOG_N may lower it to 14 for test
 * suites and very small machines (each sign-in costs ~0.1 s instead of ~0.7 s); never below 14.
 */
export function targetCost(): number {
  const wanted = Number(process.env.WARROOM_SCRYPT_LOG_N ?? 17);
  return 2 ** (Number.isInteger(wanted) ? Math.min(20, Math.max(14, wanted)) : 17);
}

function scrypt(password: string, salt: Buffer, keylen: number, opts: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => scryptCb(password, salt, keylen, opts, (err, key) => (err ? reject(err) : resolve(key))));
}

export async function hashPassword(password: string): Promise<string> {
  const N = targetCost();
  const salt = randomBytes(16);
  const key = await scrypt(password, salt, KEYLEN, { N, r: R, p: P, maxmem: maxmemFor(N, R) });
  return `scrypt$${N}$${R}$${P}$${salt.toString("base64url")}$${key.toString("base64url")}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parts = stored.split("$");
  if (parts.length !== 6 || parts[0] !== "scrypt") return false;
  const [, n, r, p, salt, hash] = parts;
  const N = Number(n);
  // A tampered row must not make us allocate gigabytes.
  if (!Number.isInteger(N) || N > 2 ** 20 || Number(r) > 32 || Number(p) > 4) return false;
  const expected = Buffer.from(hash, "base64url");
  const key = await scrypt(password, Buffer.from(salt, "base64url"), expected.length, { N, r: Number(r), p: Number(p), maxmem: maxmemFor(N, Number(r)) });
  return key.length === expected.length && timingSafeEqual(key, expected);
}

/** A stored hash weaker than today's cost: rehash it once the password has been verified. */
export function needsRehash(stored: string): boolean {
  const [scheme, n, r] = stored.split("$");
  return scheme !== "scrypt" || Number(n) < targetCost() || Number(r) < R;
}

/** A password nobody knows, at today's cost: compared against when the email is unknown, so timing does not reveal accounts. */
export function dummyHash(): string {
  return `scrypt$${targetCost()}$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA`;
}
/** For rows that must never sign in (fixtures, imported users): cheap to store, impossible to match. */
export const DUMMY_HASH = "scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
