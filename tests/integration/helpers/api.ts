// Calls the real Next.js route handlers in-process, as a browser with a session cookie would
// (same Origin), or as anonymous / API-token callers.
import { login } from "@/lib/auth/sessions";
import { SESSION_COOKIE } from "@/lib/auth/actor";
import type { TestCore } from "./core";

export const ORIGIN = "http://127.0.0.1:3000";
type Handler = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;
export type As = { cookie?: string; bearer?: string; origin?: string | null };

const cookies = new Map<string, string>();

/** Session cookie for a demo role (one login per role per test file). */
export async function sessionFor(core: TestCore, role: keyof TestCore["users"]): Promise<As> {
  const key = `${core.users[role].id}`;
  if (!cookies.has(key)) {
    const { token } = await login(core.users[role].email, core.users[role].password, `test-${role}`);
    cookies.set(key, `${SESSION_COOKIE}=${token}`);
  }
  return { cookie: cookies.get(key) };
}

export async function call(
  handler: Handler,
  method: string,
  url: string,
  opts: { as?: As; body?: unknown; params?: Record<string, string> } = {},
): Promise<{ status: number; body: Record<string, unknown>; headers: Headers }> {
  const headers = new Headers({ host: "127.0.0.1:3000" });
  if (opts.as?.cookie) headers.set("cookie", opts.as.cookie);
  if (opts.as?.bearer) headers.set("authorization", `Bearer ${opts.as.bearer}`);
  const origin = opts.as?.origin === undefined ? ORIGIN : opts.as.origin;
  if (origin) headers.set("origin", origin);
  if (opts.body !== undefined) headers.set("content-type", "application/json");
  const req = new Request(new URL(url, ORIGIN), { method, headers, body: opts.body !== undefined ? JSON.stringify(opts.body) : undefined });
  const res = await handler(req, { params: Promise.resolve(opts.params ?? {}) });
  const text = await res.text();
  let body: Record<string, unknown> = {};
  try {
    body = text ? JSON.parse(text) : {};
  } catch {
    body = { text };
  }
  return { status: res.status, body, headers: res.headers };
}
