import { route } from "@/lib/http/route";
import { getStackView } from "@/lib/stack/read";
import { invalidStack, parseStackText, replaceStack } from "@/lib/stack/io";

export const GET = route({ access: "viewer" }, async () => getStackView());

/** Body: stack.yaml as YAML (text/yaml, application/yaml) or JSON; the whole stack is replaced. */
export const PUT = route({ access: "admin" }, async ({ req }) => {
  const parsed = parseStackText(await req.text());
  if (!parsed.ok) throw invalidStack(parsed.errors);
  const { version } = await replaceStack(parsed.value);
  return { ok: true, version };
});
