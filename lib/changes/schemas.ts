// Shapes of the change-event routes ("what changed?"): requests and responses, documented by OpenAPI.
import { z } from "zod";
import { ChangeKind } from "../generated/prisma/enums";
import { userRefSchema } from "../incidents/views";

const time = z.string().describe("ISO 8601 timestamp");
const blankToUndefined = (v: unknown) => (v === "" || v === null ? undefined : v);
const text = (max: number) => z.string().trim().min(1, "is required").max(max, `must be at most ${max} characters`);

/** Only http(s) links are kept: a javascript: or data: URL would run in whoever clicks it. */
export const httpLink = z
  .string()
  .trim()
  .max(2000, "must be at most 2000 characters")
  .refine((s) => {
    try {
      const u = new URL(s);
      return (u.protocol === "http:" || u.protocol === "https:") && !!u.hostname;
    } catch {
      return false;
    }
  }, "must be an http:// or https:// URL");

export const changeInput = z.object({
  kind: z.enum(ChangeKind, { message: "must be deploy, config or feature_flag" }),
  service: text(100),
  /** A layer key of the stack; when left out, a layer whose key equals the service is used. */
  layer: z.preprocess(blankToUndefined, text(100).optional()),
  who: text(100),
  version: z.preprocess(blankToUndefined, text(100).optional()),
  link: z.preprocess(blankToUndefined, httpLink.optional()),
  summary: z.string().trim().max(500, "must be at most 500 characters").optional().default(""),
  /** When the change took effect (default: now). */
  at: z.preprocess(
    blankToUndefined,
    z
      .string()
      .trim()
      .refine((s) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/.test(s) && !Number.isNaN(Date.parse(s)), "must be an ISO 8601 time with a zone, e.g. 2026-11-29T21:04:00Z")
      .transform((s) => new Date(s))
      .optional(),
  ),
});
export type ChangeInput = z.infer<typeof changeInput>;

export const changeListQuery = z.object({
  hours: z.coerce.number({ message: "must be a number of hours" }).int("must be whole hours").min(1, "must be at least 1").max(720, "must be at most 720").optional().default(24),
});

export const changeViewSchema = z.object({
  id: z.string(),
  kind: z.enum(ChangeKind),
  service: z.string(),
  layer: z.object({ id: z.string(), key: z.string(), name: z.string() }).nullable(),
  who: z.string(),
  version: z.string().nullable(),
  link: z.string().nullable(),
  summary: z.string(),
  at: time,
  postedBy: userRefSchema,
  createdAt: time,
});
export type ChangeView = z.infer<typeof changeViewSchema>;
export const changeResponse = z.object({ change: changeViewSchema });
export const changeListResponse = z.object({ changes: z.array(changeViewSchema) });

export const incidentChangesResponse = z.object({
  /** The start of impact (the incident's "started" milestone): changes are shown from an hour before it. */
  firstFailureAt: time,
  windowStart: time,
  changes: z.array(changeViewSchema.extend({ beforeFailureMs: z.number().int().describe("How long before the first failure (negative: after it)") })),
});
export type IncidentChanges = z.infer<typeof incidentChangesResponse>;
