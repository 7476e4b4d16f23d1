import { route } from "@/lib/http/route";
import { getStackView } from "@/lib/stack/read";
import { invalidStack, parseStackText, replaceStack } from "@/lib/stack/io";
import { stackReplacedResponse, stackViewResponse } from "@/lib/stack/views";

export const GET = route({ access: "viewer", response: stackViewResponse }, async () => getStackView());

/** Body: stack.yaml as YAML (text/yaml, application/yaml) or JSON; the whole stack is replaced. */
export const PUT = route({ access: "admin", response: stackReplacedResponse }, async ({ req }) => {
  const parsed = parseStackText(await req.text());
  if (!parsed.ok) throw invalidStack(parsed.errors);
  const { version } = await replaceStack(parsed.value);
  return { ok: true, version };
});
