// Shapes of the follow-up routes (requests and responses, documented by OpenAPI).
import { z } from "zod";
import { userRefSchema } from "../incidents/views";

const time = z.string().describe("ISO 8601 timestamp");
const blankToUndefined = (v: unknown) => (v === "" || v === null ? undefined : v);

export const followUpInput = z.object({
  title: z.string().trim().min(1, "is required").max(200, "must be at most 200 characters"),
  details: z.string().trim().max(10_000, "must be at most 10000 characters").optional().default(""),
  ownerId: z.preprocess(blankToUndefined, z.string().trim().min(1).max(100).optional()),
  dueDate: z.preprocess(
    blankToUndefined,
    z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date like 2026-12-31")
      .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), "must be a real date")
      .optional(),
  ),
});
export type FollowUpInput = z.infer<typeof followUpInput>;

export const followUpListQuery = z.object({
  status: z.enum(["open", "done", "all"], { message: "must be open, done or all" }).optional().default("open"),
});

export const followUpViewSchema = z.object({
  id: z.string(),
  incident: z.object({ id: z.string(), number: z.number().int(), title: z.string(), resolvedAt: time.nullable() }),
  title: z.string(),
  details: z.string(),
  owner: userRefSchema.nullable(),
  dueDate: z.string().nullable().describe("YYYY-MM-DD"),
  overdue: z.boolean(),
  fromTaskId: z.string().nullable(),
  createdBy: userRefSchema,
  createdAt: time,
  completedAt: time.nullable(),
  completedBy: userRefSchema.nullable(),
});
export type FollowUpView = z.infer<typeof followUpViewSchema>;
export const followUpResponse = z.object({ followUp: followUpViewSchema });
export const followUpListResponse = z.object({ followUps: z.array(followUpViewSchema) });
