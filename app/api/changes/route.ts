import { route, created } from "@/lib/http/route";
import { recordChange } from "@/lib/changes/record";
import { recentChanges } from "@/lib/changes/read";
import { changeInput, changeListQuery, changeListResponse, changeResponse } from "@/lib/changes/schemas";

export const GET = route({ access: "viewer", query: changeListQuery, response: changeListResponse }, async ({ query }) => ({ changes: await recentChanges(query.hours) }));

/** CI posts deploys, config changes and feature flags here with an API token (Authorization: Bearer). */
export const POST = route({ access: "responder", body: changeInput, response: changeResponse }, async ({ actor, body }) => created({ change: await recordChange(actor, body) }));
