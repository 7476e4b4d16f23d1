import { okResponse } from "@/lib/auth/views";
import { route } from "@/lib/http/route";
import { logout } from "@/lib/auth/sessions";
import { readCookie } from "@/lib/http/request-auth";
import { SESSION_COOKIE } from "@/lib/auth/actor";

export const POST = route({ access: "viewer", response: okResponse }, async ({ req }) => {
  const token = readCookie(req.headers.get("cookie"), SESSION_COOKIE);
  if (token) await logout(token);
  return Response.json({ ok: true }, { headers: { "set-cookie": `${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0` } });
});
