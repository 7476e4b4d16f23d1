import { route } from "@/lib/http/route";
import { pushInput, pushResponse } from "@/lib/agents/api";
import { touchAgent } from "@/lib/agents/contact";
import { ingestResults } from "@/lib/agents/ingest";

/** A batch of results; refused whole (403, nothing stored) when any is for a check this agent does not run. */
export const POST = route({ access: "agent", body: pushInput, response: pushResponse }, async ({ agent, body }) => {
  await touchAgent(agent, body.stats);
  return ingestResults(agent.name, body.results, body.batch);
});
