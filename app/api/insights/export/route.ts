import { route } from "@/lib/http/route";
import { insightsCsv } from "@/lib/milestones/insights";
import { insightsQuery } from "@/lib/milestones/schemas";

export const GET = route({ access: "viewer", query: insightsQuery, produces: ["text/csv"] }, async ({ query }) => {
  const csv = await insightsCsv(query.days);
  const day = new Date().toISOString().slice(0, 10);
  return new Response(csv, {
    headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": `attachment; filename="warroom-insights-${day}.csv"`, "cache-control": "no-store", "x-content-type-options": "nosniff" },
  });
});
