import { route } from "@/lib/http/route";
import { exportQuery } from "@/lib/incidents/schemas";
import { download, exportTimeline } from "@/lib/incidents/timeline-read";

export const GET = route({ access: "viewer", query: exportQuery, produces: ["text/markdown", "application/json"] }, async ({ query, params }) => download(await exportTimeline(params.id, query.format)));
