// Request and response shapes of the component routes. The status word is checked by the domain verb, so an
// unknown word is a 422 naming `status` (the request was well formed, the value is not one we know).
import { z } from "zod";
import { COMPONENT_STATUSES } from "../public/components";
import { COMPONENT_IMPACTS } from "../stack/schema";
import type { ComponentOverrideResult, ComponentsView } from "./view";

export const STATUS_HINT = `must be one of ${COMPONENT_STATUSES.join(", ")}, or null to return to the automatic status`;

export const overrideInput = z.object({
  status: z.string({ error: STATUS_HINT }).trim().nullable().describe(`One of ${COMPONENT_STATUSES.join(", ")}; null returns the component to its automatic status.`),
});
export type OverrideInput = z.infer<typeof overrideInput>;

// The answers (GET /api/components, PUT /api/incidents/:id/components/:key), tied to lib/components/view.ts.
const componentStatus = z.enum(COMPONENT_STATUSES);
const componentView = z.object({
  id: z.string(),
  key: z.string(),
  name: z.string().describe("The public name, the only one customers see"),
  description: z.string(),
  group: z.string().nullable(),
  position: z.number().int(),
  layers: z.array(
    z.object({
      layer: z.string(),
      layerName: z.string().nullable(),
      layerId: z.string().nullable(),
      impact: z.enum(COMPONENT_IMPACTS),
      layerStatus: z.enum(["up", "degraded", "down", "unknown"]),
    }),
  ),
  derivedStatus: componentStatus.describe("From the layers' checks alone"),
  publicStatus: componentStatus.describe("What the status page shows now"),
  override: z
    .object({
      status: componentStatus,
      incident: z.object({ id: z.string(), number: z.number().int(), title: z.string(), status: z.string() }).nullable(),
      by: z.object({ id: z.string(), name: z.string() }).nullable(),
      at: z.string().describe("ISO 8601 timestamp"),
    })
    .nullable(),
});
export const componentsViewResponse = z.object({ components: z.array(componentView) });
export const componentOverrideResponse = z.object({ component: componentView });
export const componentConforms = {
  list: (v: ComponentsView): z.input<typeof componentsViewResponse> => v,
  override: (v: ComponentOverrideResult): z.input<typeof componentOverrideResponse> => v,
};
