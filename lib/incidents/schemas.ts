// Zod inputs for the incident routes; each message names what is wrong so a form can show it beside the field.
import { z } from "zod";
import { COMPONENT_STATUSES } from "../public/components";
import { PLAYBOOK_ID_PATTERN, SEVERITIES, TASK_TRACKS } from "../playbooks";

/** Forms send "" for "none chosen"; treat it as absent. */
const blankToUndefined = (v: unknown) => (v === "" || v === null ? undefined : v);
const optionalId = z.preprocess(blankToUndefined, z.string().trim().min(1).max(100).optional());

export const severity = z.enum(SEVERITIES, { message: "must be SEV1, SEV2, SEV3 or SEV4" });
export const status = z.enum(["investigating", "identified", "monitoring", "resolved"], { message: "must be investigating, identified, monitoring or resolved" });
export const track = z.enum(TASK_TRACKS, { message: `must be one of ${TASK_TRACKS.join(", ")}` });
const playbookId = z.string().trim().regex(PLAYBOOK_ID_PATTERN, "must be a playbook id (lowercase letters, digits and dashes)").max(100);
const title = z.string().trim().min(1, "is required").max(200, "must be at most 200 characters");
/** What customers see; written for them, never the internal title. "" clears it. */
const publicTitle = z.preprocess(blankToUndefined, z.string().trim().min(1, "is required").max(200, "must be at most 200 characters").optional());

export const declareInput = z.object({
  title,
  publicTitle,
  severity,
  symptoms: z.string().trim().max(5000, "must be at most 5000 characters").optional().default(""),
  layerIds: z.array(z.string().min(1)).max(100).optional().default([]),
  playbook: z.preprocess(blankToUndefined, playbookId.optional()),
  leaderId: optionalId,
});
export type DeclareInput = z.infer<typeof declareInput>;

export const incidentPatchInput = z
  .object({
    status: status.optional(),
    summary: z.string().trim().max(10_000, "must be at most 10000 characters").optional(),
    cadenceMinutes: z.number({ message: "must be a number of minutes" }).int("must be whole minutes").min(1, "must be at least 1 minute").max(24 * 60, "must be at most 1440 minutes").optional(),
    title: title.optional(),
    publicTitle,
    severity: severity.optional(),
    /** Resolving with tasks still open: close them, or carry them over as follow-ups. */
    openTasks: z.enum(["close", "carry_over"], { message: "must be close or carry_over" }).optional(),
  })
  .refine((v) => Object.values(v).some((x) => x !== undefined), { message: "nothing to change" });
export type IncidentPatch = z.infer<typeof incidentPatchInput>;

export const leaderInput = z.object({ userId: z.string().trim().min(1, "is required") });

export const listQuery = z.object({
  status: z.enum(["open", "resolved", "all"], { message: "must be open, resolved or all" }).optional().default("all"),
  severity: severity.optional(),
});

const seq = z.coerce.number({ message: "must be a sequence number" }).int("must be a whole number").min(0, "must not be negative");
export const timelineQuery = z.object({
  after: seq.optional(),
  before: seq.optional(),
  limit: z.coerce.number({ message: "must be a number" }).int().min(1, "must be at least 1").max(1000, "must be at most 1000").optional().default(200),
  kinds: z
    .string()
    .optional()
    .transform((s) => (s ? s.split(",").map((k) => k.trim()).filter(Boolean) : undefined)),
});
export type TimelineQuery = z.infer<typeof timelineQuery>;

export const exportQuery = z.object({ format: z.enum(["md", "json"], { message: "must be md or json" }).optional().default("md") });

export const noteInput = z.object({
  body: z.string().trim().min(1, "is required").max(10_000, "must be at most 10000 characters"),
  kind: z.enum(["note", "decision", "corrective"], { message: "must be note, decision or corrective" }).optional().default("note"),
});

export const taskInput = z.object({
  title,
  details: z.string().trim().max(10_000, "must be at most 10000 characters").optional().default(""),
  track,
  layerId: optionalId,
  assigneeId: optionalId,
});
export type TaskInput = z.infer<typeof taskInput>;

export const fromPlaybookInput = z.object({ playbook: playbookId });
export const fromLayerInput = z.object({ layerId: z.string().trim().min(1, "is required"), track: track.optional().default("top_down") });
export const assignInput = z.object({ userId: z.string().trim().min(1, "is required") });

export const findingInput = z.object({
  body: z.string().trim().min(1, "is required").max(10_000, "must be at most 10000 characters"),
  suspect: z.boolean({ message: "must be true or false" }).optional().default(false),
});

export const updateInput = z.object({
  body: z.string().trim().min(1, "is required").max(10_000, "must be at most 10000 characters"),
  audience: z.enum(["internal", "public"], { message: "must be internal or public" }),
});

export const draftQuery = z.object({ audience: z.enum(["internal", "public"], { message: "must be internal or public" }).optional().default("internal") });

/** GET …/updates/draft: the internal draft is text only; the public one also says what a confirmation must show. */
export const draftResponse = z.discriminatedUnion("audience", [
  z.object({ audience: z.literal("internal"), body: z.string() }),
  z.object({
    audience: z.literal("public"),
    body: z.string(),
    publicTitle: z.string().nullable(),
    status,
    components: z.array(z.object({ id: z.string(), name: z.string(), status: z.enum(COMPONENT_STATUSES) })),
  }),
]);
export type DraftResponse = z.infer<typeof draftResponse>;

export const maintenanceInput = z.object({
  enabled: z.boolean({ message: "must be true or false" }),
  message: z.string().trim().max(2000, "must be at most 2000 characters").optional().default(""),
});

export const postmortemNoteInput = z.object({ body: z.string().trim().min(1, "is required").max(20_000, "must be at most 20000 characters") });

export const roleInput = z.object({
  role: z.enum(["comms", "scribe"], { message: "must be comms or scribe" }),
  /** null: nobody holds the role any more. */
  userId: z.string().trim().min(1, "is required").nullable(),
});

export const takeLeadInput = z.object({ reason: z.string().trim().min(3, "say why you take the lead (at least 3 characters)").max(500, "must be at most 500 characters") });

export const ackInput = z.object({
  keys: z.array(z.string().trim().regex(/^seq:\d{1,18}$/, "must be alert keys like seq:123")).min(1, "name at least one alert").max(200, "at most 200 at once"),
});
