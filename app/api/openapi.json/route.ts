import fs from "node:fs";
import path from "node:path";

export const dynamic = "force-dynamic";

let cached: string | undefined;

/** Generated at build time from the route handlers (scripts/openapi.ts). */
export function GET(): Response {
  cached ??= fs.readFileSync(path.join(process.cwd(), "lib/ops/openapi.generated.json"), "utf8");
  return new Response(cached, { headers: { "content-type": "application/json" } });
}
