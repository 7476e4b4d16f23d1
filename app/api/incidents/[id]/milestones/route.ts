import { route } from "@/lib/http/route";
import { getMilestones } from "@/lib/milestones/read";
import { editMilestones } from "@/lib/milestones/edit";
import { milestonesPatchInput, milestonesResponse } from "@/lib/milestones/schemas";

export const GET = route({ access: "viewer", response: milestonesResponse }, async ({ params }) => ({ milestones: await getMilestones(params.id) }));

/** Leader only (decided in lib/milestones/edit.ts): a time sets a milestone by hand, null returns it to the recorded one. */
export const PATCH = route({ access: "responder", body: milestonesPatchInput, response: milestonesResponse }, async ({ actor, body, params }) => ({
  milestones: await editMilestones(actor, params.id, body),
}));
