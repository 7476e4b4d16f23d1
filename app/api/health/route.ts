import { checkHealth, healthResponse } from "@/lib/ops/health";

export const dynamic = "force-dynamic";

/** Not a route(): no sign-in, no database gate. `response` documents the answer (OpenAPI). */
export const GET = Object.assign(
  async function GET(): Promise<Response> {
    const health = await checkHealth();
    return Response.json(health, { status: health.status === "ok" ? 200 : 503, headers: { "cache-control": "no-store" } });
  },
  { access: "public" as const, response: healthResponse },
);
