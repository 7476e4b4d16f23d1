// Creates an admin account: `npm run admin:create -- --email you@example.com --name "You"`.
// The password is read from WARROOM_ADMIN_PASSWORD or prompted for (never a default).
import { parseArgs } from "node:util";
import { createInterface } from "node:readline/promises";
import { bootCore } from "../lib/runtime/boot";
import { createUser, newUserInput } from "../lib/auth/users";
import { toErrorResponse } from "../lib/http/errors";

const { values } = parseArgs({ options: { email: { type: "string" }, name: { type: "string" } } });

async function readPassword(): Promise<string> {
  if (process.env.WARROOM_ADMIN_PASSWORD) return process.env.WARROOM_ADMIN_PASSWORD;
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: true });
  const pw = await rl.question("Password (10+ characters): ");
  rl.close();
  return pw;
}

const parsed = newUserInput.safeParse({ email: values.email, name: values.name ?? values.email?.split("@")[0], password: await readPassword(), role: "admin" });
if (!parsed.success) {
  for (const i of parsed.error.issues) console.error(`${i.path.join(".")}: ${i.message}`);
  console.error('usage: npm run admin:create -- --email you@example.com [--name "Your Name"]');
  process.exit(2);
}
const core = await bootCore({ log: () => undefined }).catch((e: Error) => {
  console.error(e.message);
  process.exit(1);
});
try {
  const user = await createUser(parsed.data);
  console.log(`Created admin ${user.email}.`);
} catch (e) {
  console.error(toErrorResponse(e).body.error.message);
  process.exitCode = 1;
} finally {
  await core.close();
}
