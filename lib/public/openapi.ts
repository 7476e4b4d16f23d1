// OpenAPI entries for the public documents. They are answered from the in-memory snapshot before
// Next's router (lib/public/site.ts), so the route-file scan cannot see them; they are listed here.
import { z } from "zod";
import { toSchema } from "../ops/openapi";
import { publicStatusSchema } from "./status-json.schema";
import { STATUSPAGE_PATHS, STATUSPAGE_SCHEMAS } from "./statuspage.schema";

const cached = (type: string, description: string, schema: Record<string, unknown> = type.includes("json") ? { type: "object" } : { type: "string" }) => ({
  "200": { description, headers: { ETag: { schema: { type: "string" } }, "Access-Control-Allow-Origin": { schema: { type: "string", const: "*" } } }, content: { [type]: { schema } } },
  "304": { description: "Not modified (If-None-Match matched the ETag)" },
});

const maintenanceSchema = z.object({ enabled: z.boolean(), message: z.string(), since: z.string().nullable() });

const get = (summary: string, responses: Record<string, unknown>) => ({ get: { summary, description: "No sign-in needed. Served from memory; CORS *; gzip and brotli.", security: [], "x-warroom-access": "public", parameters: [], responses } });

export function publicOpenApiPaths(): Record<string, Record<string, unknown>> {
  const paths: Record<string, Record<string, unknown>> = {
    "/api/public/status": get("Public status: overall state, components, published incidents, maintenance windows", cached("application/json", "The public status", toSchema(publicStatusSchema, "output"))),
    "/api/public/maintenance": get("Whether the maintenance page is on, and its message", cached("application/json", "The maintenance page state", toSchema(maintenanceSchema, "output"))),
    "/api/public/maintenance/gate": get("Proxy gate for nginx auth_request: 204 when the maintenance page is off, 403 when on", {
      "204": { description: "Maintenance page off: let the request through" },
      "403": { description: "Maintenance page on: show the maintenance page" },
    }),
    "/status/feed.atom": get("Atom feed of public incident updates", cached("application/atom+xml", "The feed")),
    "/status/events": get("Server-Sent Events: `version` events when the public status changes", {
      "200": { description: "An event stream", content: { "text/event-stream": { schema: { type: "string" } } } },
      "503": { description: "Too many live connections; retry after Retry-After seconds", headers: { "Retry-After": { schema: { type: "integer" } } } },
    }),
  };
  for (const p of STATUSPAGE_PATHS) paths[p] = get(`Statuspage-compatible ${p.replace("/api/v2/", "")}`, cached("application/json", "Atlassian Statuspage v2 document", toSchema(STATUSPAGE_SCHEMAS[p], "output")));
  return paths;
}
