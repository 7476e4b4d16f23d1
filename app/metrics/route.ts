import { collectMetrics, METRICS_CONTENT_TYPE } from "@/lib/ops/metrics";

export const dynamic = "force-dynamic";

/** Prometheus scrape endpoint; set WARROOM_METRICS_TOKEN to require `Authorization: Bearer <token>`. */
export async function GET(req: Request): Promise<Response> {
  const token = process.env.WARROOM_METRICS_TOKEN;
  if (token && req.headers.get("authorization") !== `Bearer ${token}`) return new Response("unauthorized\n", { status: 401 });
  return new Response(await collectMetrics(), { headers: { "content-type": METRICS_CONTENT_TYPE, "cache-control": "no-store" } });
}
