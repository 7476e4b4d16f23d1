// The auth API's answers as zod schemas, for the OpenAPI description. Each is tied to the type the
// domain code returns by the `conforms` functions below: a change there that these do not allow
// fails the build.
import { z } from "zod";
import { ROLES } from "./roles";
import type { ApiTokenView } from "./api-tokens";
import type { PublicUser } from "../realtime/catalogue";

const time = z.string().describe("ISO 8601 timestamp");
const role = z.enum(ROLES);

export const meResponse = z.object({ user: z.object({ id: z.string(), email: z.string(), name: z.string(), role }) });
export type MeResponse = z.output<typeof meResponse>;

export const loginResponse = meResponse.extend({ home: z.string().describe("Where the app sends this role after sign-in") });
export const okResponse = z.object({ ok: z.literal(true) });

const userSchema = z.object({ id: z.string(), email: z.string(), name: z.string(), role, disabled: z.boolean(), createdAt: time });
export const userListResponse = z.object({ users: z.array(userSchema) });
export const userResponse = z.object({ user: userSchema });

const apiTokenSchema = z.object({ id: z.string(), name: z.string(), createdAt: time, lastUsedAt: time.nullable(), revokedAt: time.nullable() });
export const apiTokenListResponse = z.object({ tokens: z.array(apiTokenSchema) });
export const apiTokenResponse = z.object({ apiToken: apiTokenSchema });
/** The only answer that carries the token itself. */
export const apiTokenCreatedResponse = z.object({ token: z.string(), apiToken: apiTokenSchema });

export const conforms = {
  user: (u: PublicUser): z.input<typeof userSchema> => u,
  apiToken: (t: ApiTokenView): z.input<typeof apiTokenSchema> => t,
};
