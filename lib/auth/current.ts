// Server components: who is signed in, from the session cookie.
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { actorFromSession } from "./sessions";
import { SESSION_COOKIE, type Actor } from "./actor";
import { atLeast, type Role } from "./roles";

export async function currentActor(): Promise<Actor | null> {
  const jar = await cookies();
  return actorFromSession(jar.get(SESSION_COOKIE)?.value);
}

/** For pages: signed-out visitors go to the login page (and come back after). */
export async function requireActor(next?: string): Promise<Actor> {
  const actor = await currentActor();
  if (!actor) redirect(next ? `/login?next=${encodeURIComponent(next)}` : "/login");
  return actor;
}

export function allowed(actor: Actor, min: Role): boolean {
  return atLeast(actor.role, min);
}
