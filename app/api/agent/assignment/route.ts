import { route } from "@/lib/http/route";
import { assignmentResponse } from "@/lib/agents/api";
import { assignmentEtag, assignmentFor } from "@/lib/agents/assignment";
import { touchAgent } from "@/lib/agents/contact";

/** The checks this agent runs, as stored (secrets stay ${ENV} references); 304 while its ETag holds. */
export const GET = route({ access: "agent", response: assignmentResponse }, async ({ req, agent }) => {
  await touchAgent(agent);
  const etag = await assignmentEtag(agent.name);
  if (req.headers.get("if-none-match") === etag) return new Response(null, { status: 304, headers: { etag } });
  const assignment = await assignmentFor(agent.name);
  return Response.json(assignment, { headers: { etag: assignment.etag, "cache-control": "no-store" } });
});
