import fs from "node:fs";
import path from "node:path";
import { z } from "zod";

export const dynamic = "force-dynamic";

let cached: string | undefined;

/** Generated from the route handlers by scripts/openapi.ts (on install and on every build). */
function get(): Response {
  try {
    cached ??= fs.readFileSync(path.join(process.cwd(), "lib/ops/openapi.generated.json"), "utf8");
  } catch {
    return Response.json({ error: { code: "not_generated", message: "The OpenAPI description has not been generated: run `npm run openapi` or `npm run build`." } }, { status: 503 });
  }
  return new Response(cached, { headers: { "content-type": "application/json" } });
}

const openApiDocument = z.looseObject({ openapi: z.string(), info: z.looseObject({ title: z.string(), version: z.string() }), paths: z.record(z.string(), z.unknown()) }).describe("This OpenAPI 3.1 document");
export const GET = Object.assign(get, { access: "public" as const, response: openApiDocument });
