import { publicStatus } from "@/lib/status/public-status";

export const dynamic = "force-dynamic";

export async function GET(): Promise<Response> {
  return Response.json(await publicStatus(), { headers: { "cache-control": "public, max-age=5" } });
}
