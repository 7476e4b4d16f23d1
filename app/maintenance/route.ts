// The public maintenance page: 503 with Retry-After while on, so proxies, crawlers and monitors know it is temporary.
import { route } from "@/lib/http/route";
import { maintenancePage, publicMaintenance, RETRY_AFTER_SEC } from "@/lib/incidents/maintenance";

export const dynamic = "force-dynamic";

export const GET = route({ access: "public" }, async () => {
  const state = await publicMaintenance();
  const headers: Record<string, string> = { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" };
  if (state.enabled) headers["retry-after"] = String(RETRY_AFTER_SEC);
  return new Response(maintenancePage(state), { status: state.enabled ? 503 : 200, headers });
});
