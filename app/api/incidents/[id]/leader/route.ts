import { route } from "@/lib/http/route";
import { leaderInput } from "@/lib/incidents/schemas";
import { handOver } from "@/lib/incidents/leader";

export const POST = route({ access: "responder", body: leaderInput }, async ({ actor, body, params }) => ({ incident: await handOver(actor, params.id, body.userId) }));
