import { route } from "@/lib/http/route";
import { postMortemMarkdown } from "@/lib/incidents/postmortem-store";
import { download } from "@/lib/incidents/timeline-read";

export const GET = route({ access: "viewer", produces: ["text/markdown"] }, async ({ params }) => {
  const pm = await postMortemMarkdown(params.id);
  return download({ filename: `incident-${pm.number}-postmortem.md`, contentType: "text/markdown; charset=utf-8", body: pm.markdown });
});
