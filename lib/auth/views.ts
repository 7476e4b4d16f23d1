// The signed-in user as the API shows them (GET /api/me).
import { z } from "zod";
import { ROLES } from "./roles";

export const meResponse = z.object({ user: z.object({ id: z.string(), email: z.string(), name: z.string(), role: z.enum(ROLES) }) });
export type MeResponse = z.output<typeof meResponse>;
