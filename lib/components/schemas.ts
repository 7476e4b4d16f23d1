// Request shapes of the component routes. The status word is checked by the domain verb, so an
// unknown word is a 422 naming `status` (the request was well formed, the value is not one we know).
import { z } from "zod";
import { COMPONENT_STATUSES } from "../public/components";

export const STATUS_HINT = `must be one of ${COMPONENT_STATUSES.join(", ")}, or null to return to the automatic status`;

export const overrideInput = z.object({
  status: z.string({ error: STATUS_HINT }).trim().nullable().describe(`One of ${COMPONENT_STATUSES.join(", ")}; null returns the component to its automatic status.`),
});
export type OverrideInput = z.infer<typeof overrideInput>;
