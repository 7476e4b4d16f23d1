// Demo accounts, one per role, created on an empty database unless WARROOM_DEMO=0.
import { db } from "../runtime/context";
import { hashPassword } from "./password";
import type { Role } from "./roles";

export const DEMO_ACCOUNTS: { email: string; name: string; role: Role; password: string }[] = [
  { email: "admin@warroom.local", name: "Ada Admin", role: "admin", password: "demo-admin-pass" },
  { email: "responder@warroom.local", name: "Rui Responder", role: "responder", password: "demo-responder-pass" },
  { email: "support@warroom.local", name: "Sam Support", role: "support", password: "demo-support-pass" },
  { email: "viewer@warroom.local", name: "Val Viewer", role: "viewer", password: "demo-viewer-pass" },
];

/** Returns the accounts it created (empty when the database already has users). */
export async function seedDemoAccounts(): Promise<typeof DEMO_ACCOUNTS> {
  if (process.env.WARROOM_DEMO === "0") return [];
  if ((await db().user.count()) > 0) return [];
  // One after another: each hash takes 128 MiB at the production cost, four at once would be 512.
  const rows = [];
  for (const a of DEMO_ACCOUNTS) rows.push({ email: a.email, name: a.name, role: a.role, passwordHash: await hashPassword(a.password) });
  await db().user.createMany({ data: rows, skipDuplicates: true });
  return DEMO_ACCOUNTS;
}
