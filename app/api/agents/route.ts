import { route, created } from "@/lib/http/route";
import { agentCreatedResponse, agentListResponse } from "@/lib/agents/api";
import { createAgent, listAgents, newAgentInput } from "@/lib/agents/admin";

export const GET = route({ access: "admin", response: agentListResponse }, async () => ({ agents: await listAgents() }));

/** The token is in this response only; the database keeps its hash. */
export const POST = route({ access: "admin", body: newAgentInput, response: agentCreatedResponse }, async ({ actor, body }) => created(await createAgent(actor, body.name)));
