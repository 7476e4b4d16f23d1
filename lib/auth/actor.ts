import type { Role } from "./roles";

/** Who is acting: resolved once per request or socket handshake. */
export type Actor = { id: string; email: string; name: string; role: Role; via: "session" | "token" };

export const SESSION_COOKIE = "warroom_session";
export const SESSION_TTL_MS = 7 * 24 * 3600_000;
