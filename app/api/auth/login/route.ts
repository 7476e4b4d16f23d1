import { z } from "zod";
import { loginResponse } from "@/lib/auth/views";
import { route } from "@/lib/http/route";
import { login } from "@/lib/auth/sessions";
import { clientAddress } from "@/lib/http/request-auth";
import { SESSION_COOKIE } from "@/lib/auth/actor";
import { homeFor } from "@/lib/auth/roles";

const body = z.object({ email: z.string().trim().min(1, "is required"), password: z.string().min(1, "is required") });

export const POST = route({ access: "public", body, response: loginResponse }, async ({ req, body }) => {
  const { token, actor, expiresAt } = await login(body.email, body.password, clientAddress(req.headers));
  const secure = process.env.WARROOM_SECURE_COOKIES === "1" ? "; Secure" : "";
  const cookie = `${SESSION_COOKIE}=${token}; Path=/; HttpOnly; SameSite=Lax; Expires=${expiresAt.toUTCString()}${secure}`;
  return Response.json(
    { user: { id: actor.id, email: actor.email, name: actor.name, role: actor.role }, home: homeFor(actor.role) },
    { headers: { "set-cookie": cookie } },
  );
});
