import { route } from "@/lib/http/route";
import { agentResponse } from "@/lib/agents/api";
import { revokeAgent } from "@/lib/agents/admin";

/** Revokes the agent's token at once; the agent's name and history stay. */
export const DELETE = route({ access: "admin", response: agentResponse }, async ({ params }) => ({ agent: await revokeAgent(params.id) }));
