import { z } from "zod";
import { mutate } from "../realtime/outbox";
import { rooms, type PublicUser } from "../realtime/catalogue";
import { db } from "../runtime/context";
import { conflict, notFound, unprocessable } from "../http/errors";
import { hashPassword } from "./password";
import { ROLES } from "./roles";
import type { Actor } from "./actor";
import { forgetSessions } from "./session-cache";

export const newUserInput = z.object({
  email: z.string().trim().toLowerCase().email("must be a valid email address"),
  name: z.string().trim().min(1, "is required").max(100),
  password: z.string().min(10, "must be at least 10 characters").max(200),
  role: z.enum(ROLES, { message: `must be one of ${ROLES.join(", ")}` }),
});
export type NewUserInput = z.infer<typeof newUserInput>;

export const userPatchInput = z
  .object({
    name: z.string().trim().min(1, "is required").max(100).optional(),
    role: z.enum(ROLES, { message: `must be one of ${ROLES.join(", ")}` }).optional(),
    disabled: z.boolean().optional(),
    password: z.string().min(10, "must be at least 10 characters").max(200).optional(),
  })
  .refine((v) => Object.keys(v).length > 0, { message: "nothing to change" });

type UserRow = { id: string; email: string; name: string; role: PublicUser["role"]; disabled: boolean; createdAt: Date };

export function publicUser(u: UserRow): PublicUser {
  return { id: u.id, email: u.email, name: u.name, role: u.role, disabled: u.disabled, createdAt: u.createdAt.toISOString() };
}

export async function listUsers(): Promise<PublicUser[]> {
  const users = await db().user.findMany({ orderBy: { createdAt: "asc" } });
  return users.map(publicUser);
}

export async function createUser(input: NewUserInput): Promise<PublicUser> {
  const passwordHash = await hashPassword(input.password);
  return mutate(async (tx, emit) => {
    if (await tx.user.findUnique({ where: { email: input.email } }))
      throw unprocessable("email_taken", "A user with this email already exists.", { email: "is already in use" });
    const user = publicUser(await tx.user.create({ data: { email: input.email, name: input.name, role: input.role, passwordHash } }));
    await emit(rooms.admin, "user:created", { user });
    return user;
  });
}

export async function updateUser(actor: Actor, id: string, patch: z.infer<typeof userPatchInput>): Promise<PublicUser> {
  const passwordHash = patch.password ? await hashPassword(patch.password) : undefined;
  // A name, role, disabled flag or password: each changes what a signed-in session may do or shows,
  // so remembered sessions go however the transaction ended.
  try {
    return await mutate(async (tx, emit) => {
      const existing = await tx.user.findUnique({ where: { id } });
      if (!existing) throw notFound("User");
      if (id === actor.id && (patch.disabled || (patch.role && patch.role !== "admin")))
        throw conflict("self_lockout", "You cannot disable yourself or remove your own admin role; ask another admin.");
      const user = publicUser(
        await tx.user.update({ where: { id }, data: { name: patch.name, role: patch.role, disabled: patch.disabled, ...(passwordHash ? { passwordHash } : {}) } }),
      );
      // A disabled user, or one whose password changed, is signed out everywhere at once; a password
      // reset also ends their API tokens, since a stolen account's attacker may have minted some.
      if (patch.disabled || passwordHash) await tx.session.updateMany({ where: { userId: id, revokedAt: null }, data: { revokedAt: new Date() } });
      if (passwordHash) await tx.apiToken.updateMany({ where: { userId: id, revokedAt: null }, data: { revokedAt: new Date() } });
      await emit(rooms.admin, "user:updated", { user });
      return user;
    });
  } finally {
    forgetSessions();
  }
}
