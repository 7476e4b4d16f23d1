import { atomFeed, publicStatus } from "@/lib/status/public-status";

export const dynamic = "force-dynamic";

export async function GET(req: Request): Promise<Response> {
  const base = process.env.WARROOM_PUBLIC_URL ?? new URL(req.url).origin;
  return new Response(atomFeed(await publicStatus(), base), { headers: { "content-type": "application/atom+xml; charset=utf-8", "cache-control": "public, max-age=5" } });
}
