// Request and response shapes of /api/maintenance-windows, shared by the routes and the admin page
// (no server imports). Times travel as ISO 8601 with an offset; the form sends UTC ("…Z").
import { z } from "zod";

const when = z.iso.datetime({ offset: true, message: "must be a date and time in ISO 8601, e.g. 2026-12-01T22:00:00Z" }).transform((s) => new Date(s));
const keys = z
  .array(z.string().trim().min(1, "must not be empty").max(100, "must be at most 100 characters"), { message: "must be a list of keys" })
  .max(200, "must list at most 200 keys")
  .transform((k) => [...new Set(k)]);

const fields = {
  title: z.string({ message: "is required" }).trim().min(1, "is required").max(200, "must be at most 200 characters"),
  body: z.string({ message: "must be text" }).trim().max(5000, "must be at most 5000 characters"),
  startsAt: when,
  endsAt: when,
  componentKeys: keys,
  layerKeys: keys,
  maintenancePage: z.boolean({ message: "must be true or false" }),
};

export const newWindowInput = z.object({
  ...fields,
  body: fields.body.default(""),
  componentKeys: fields.componentKeys.default([]),
  layerKeys: fields.layerKeys.default([]),
  maintenancePage: fields.maintenancePage.default(false),
});
export type NewWindowInput = z.infer<typeof newWindowInput>;

export const windowPatchInput = z
  .object({
    title: fields.title.optional(),
    body: fields.body.optional(),
    startsAt: fields.startsAt.optional(),
    endsAt: fields.endsAt.optional(),
    componentKeys: fields.componentKeys.optional(),
    layerKeys: fields.layerKeys.optional(),
    maintenancePage: fields.maintenancePage.optional(),
  })
  .refine((v) => Object.values(v).some((x) => x !== undefined), { message: "nothing to change" });
export type WindowPatch = z.infer<typeof windowPatchInput>;

export const windowListQuery = z.object({
  state: z.enum(["upcoming", "active", "past", "all"], { message: "must be upcoming, active, past or all" }).optional().default("all"),
});

export type WindowState = "scheduled" | "in_progress" | "completed" | "cancelled";

/** One window as the API returns it. */
export type MaintenanceWindowView = {
  id: string;
  title: string;
  body: string;
  startsAt: string;
  endsAt: string;
  componentKeys: string[];
  layerKeys: string[];
  maintenancePage: boolean;
  state: WindowState;
  createdBy: { id: string; name: string } | null;
  createdAt: string;
  updatedAt: string;
  startedAt: string | null;
  completedAt: string | null;
};

/** GET /api/maintenance-windows */
export type WindowListResponse = { windows: MaintenanceWindowView[]; components: { key: string; name: string }[]; layers: { key: string; name: string }[] };
/** POST, PATCH, /cancel, /end */
export type WindowResponse = { window: MaintenanceWindowView };

// The answers, for the OpenAPI description (tied to the types above).
const windowTime = z.string().describe("ISO 8601 timestamp");
const windowViewSchema = z.object({
  id: z.string(),
  title: z.string(),
  body: z.string(),
  startsAt: windowTime,
  endsAt: windowTime,
  componentKeys: z.array(z.string()),
  layerKeys: z.array(z.string()),
  maintenancePage: z.boolean(),
  state: z.enum(["scheduled", "in_progress", "completed", "cancelled"]),
  createdBy: z.object({ id: z.string(), name: z.string() }).nullable(),
  createdAt: windowTime,
  updatedAt: windowTime,
  startedAt: windowTime.nullable(),
  completedAt: windowTime.nullable(),
});
const keyName = z.object({ key: z.string(), name: z.string() });
export const windowListResponse = z.object({ windows: z.array(windowViewSchema), components: z.array(keyName), layers: z.array(keyName) });
export const windowResponse = z.object({ window: windowViewSchema });
export const windowConforms = {
  list: (r: WindowListResponse): z.input<typeof windowListResponse> => r,
  one: (r: WindowResponse): z.input<typeof windowResponse> => r,
};
