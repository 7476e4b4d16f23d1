import fs from "node:fs";
import path from "node:path";
import { route } from "@/lib/http/route";

let cached: string | undefined;

/** The JSON Schema of stack.yaml at a stable address, for `# yaml-language-server: $schema=…`. */
export const GET = route({ access: "public" }, async () => {
  cached ??= fs.readFileSync(path.join(process.cwd(), "schema/stack.schema.json"), "utf8");
  return new Response(cached, { headers: { "content-type": "application/schema+json", "cache-control": "public, max-age=300", "access-control-allow-origin": "*" } });
});
