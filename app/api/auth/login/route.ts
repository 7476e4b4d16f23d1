import { z } from "zod";
import { loginResponse } from "@/lib/auth/views";
import { route } from "@/lib/http/route";
import { login } from "@/lib/auth/sessions";
import { clientAddress, sameOrigin } from "@/lib/http/request-auth";
import { AppError } from "@/lib/http/errors";
import { SESSION_COOKIE } from "@/lib/auth/actor";
import { homeFor } from "@/lib/auth/roles";

const body = z.object({ email: z.string().trim().min(1, "is required"), password: z.string().min(1, "is required") });

export const POST = route({ access: "public", body, response: loginResponse }, async ({ req, body }) => {
  // Login CSRF: a page elsewhere must not sign a visitor in as the attacker. Browsers always send
  // Origin on a cross-site POST; scripts without one are judged by their credentials alone.
  if (req.headers.get("origin") && !sameOrigin(req.headers)) throw new AppError(403, "csrf", "Sign-in from another site refused: the Origin header does not match this site.");
  const { token, actor, expiresAt } = await login(body.email, body.password, clientAddress(req.headers));
  const secure = process.env.WARROOM_SECURE_COOKIES === "1" ? "; Secure" : "";
  const cookie = `${SESSION_COOKIE}=${token}; Path=/; HttpOnly; SameSite=Lax; Expires=${expiresAt.toUTCString()}${secure}`;
  return Response.json(
    { user: { id: actor.id, email: actor.email, name: actor.name, role: actor.role }, home: homeFor(actor.role) },
    { headers: { "set-cookie": cookie } },
  );
});
