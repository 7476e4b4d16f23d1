// The shape of GET /api/public/status, for the OpenAPI description. The assignment at the bottom
// makes the build fail if the renderer (publicStatusJson) ever returns something this does not allow.
import { z } from "zod";
import { COMPONENT_STATUSES } from "./components";
import type { publicStatusJson } from "./documents";

const time = z.string().describe("ISO 8601 timestamp");
const impact = z.enum(["none", "minor", "major", "critical"]);

export const publicStatusSchema = z.object({
  page: z.object({ name: z.string(), url: z.string(), updatedAt: time }),
  status: z.object({ indicator: z.enum([...impact.options, "maintenance"]), description: z.string() }),
  components: z.array(
    z.object({ id: z.string(), key: z.string(), name: z.string(), description: z.string(), group: z.string().nullable(), status: z.enum(COMPONENT_STATUSES), updatedAt: time }),
  ),
  incidents: z.array(
    z.object({
      id: z.string(),
      name: z.string().describe("The public title"),
      status: z.enum(["investigating", "identified", "monitoring", "resolved"]),
      impact,
      createdAt: time,
      updatedAt: time,
      monitoringAt: time.nullable(),
      resolvedAt: time.nullable(),
      componentIds: z.array(z.string()),
      updates: z.array(z.object({ id: z.string(), status: z.string(), title: z.string(), body: z.string(), createdAt: time })).describe("Newest first"),
    }),
  ),
  maintenanceWindows: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      body: z.string(),
      status: z.enum(["scheduled", "in_progress", "completed"]),
      scheduledFor: time,
      scheduledUntil: time,
      componentIds: z.array(z.string()),
      createdAt: time,
      updatedAt: time,
      startedAt: time.nullable(),
      completedAt: time.nullable(),
    }),
  ),
  maintenancePage: z.object({ enabled: z.boolean(), message: z.string(), since: time.nullable() }),
});

type Rendered = ReturnType<typeof publicStatusJson>;
export const rendererConforms = (r: Rendered): z.input<typeof publicStatusSchema> => r;
