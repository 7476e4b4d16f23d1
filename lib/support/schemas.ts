// Request and response shapes of the support routes (/api/support, /api/support/templates/*).
// Shape checks live here (400 on a wrong type); content rules (empty body, unknown placeholders)
// are the domain's and answer 422 naming the field.
import { z } from "zod";
import { COMPONENT_STATUSES } from "../public/components";
import { TEMPLATE_WHEN } from "./placeholders";

const when = z.enum(TEMPLATE_WHEN, { message: `must be one of ${TEMPLATE_WHEN.join(", ")}` });
const title = z.string({ message: "must be text" }).max(100, "must be at most 100 characters");
const body = z.string({ message: "must be text" }).max(4000, "must be at most 4000 characters");

export const templateInput = z.object({ title, body, when: when.optional().default("always") });
export type TemplateInput = z.infer<typeof templateInput>;

export const templatePatchInput = z
  .object({ title: title.optional(), body: body.optional(), when: when.optional() })
  .refine((v) => Object.values(v).some((x) => x !== undefined), { message: "nothing to change" });
export type TemplatePatch = z.infer<typeof templatePatchInput>;

export const templateOrderInput = z.object({ ids: z.array(z.string().min(1), { message: "must be a list of template ids" }).max(200) });

export const previewInput = z.object({ body });

// Responses.

export const replyTemplateView = z.object({ id: z.string(), position: z.number().int(), title: z.string(), body: z.string(), when, updatedAt: z.string() });
export type ReplyTemplateView = z.infer<typeof replyTemplateView>;

export const templateListResponse = z.object({
  templates: z.array(replyTemplateView),
  placeholders: z.array(z.object({ name: z.string(), description: z.string() })),
  /** What {{status_url}} becomes; the editor's live preview uses it. */
  statusUrl: z.string(),
});
export type TemplateListData = z.infer<typeof templateListResponse>;
export const templateResponse = z.object({ template: replyTemplateView });
export const templatesResponse = z.object({ templates: z.array(replyTemplateView) });
export const previewResponse = z.object({ text: z.string() });
export const deletedResponse = z.object({ deleted: z.literal(true) });

const affectedComponent = z.object({ id: z.string(), name: z.string(), status: z.enum(COMPONENT_STATUSES), statusText: z.string() });

export const supportIncident = z.object({
  id: z.string(),
  number: z.number().int(),
  severity: z.string(),
  status: z.enum(["investigating", "identified", "monitoring", "resolved"]),
  /** Null until the leader writes one; then nothing customer-facing is offered. */
  publicTitle: z.string().nullable(),
  latestPublicUpdate: z.object({ body: z.string(), createdAt: z.string(), age: z.string() }).nullable(),
  /** Seconds since the latest public update (or the declaration when there is none). */
  ageSec: z.number(),
  nextUpdate: z.object({ at: z.string(), clock: z.string(), text: z.string(), overdue: z.boolean() }),
  affectedComponents: z.array(affectedComponent),
  replies: z.array(z.object({ id: z.string(), title: z.string(), text: z.string() })),
  /** Who answers support's questions about what customers may be told: the comms lead, else the leader. Internal, never in a reply. */
  askName: z.string(),
  askRole: z.enum(["comms lead", "leader"]),
});
export type SupportIncident = z.infer<typeof supportIncident>;

export const supportViewResponse = z.object({
  incidents: z.array(supportIncident),
  maintenance: z.object({ enabled: z.boolean(), message: z.string() }),
  statusUrl: z.string(),
});
export type SupportViewData = z.infer<typeof supportViewResponse>;
