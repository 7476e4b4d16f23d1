// Builds the OpenAPI description from the route handlers themselves (their declared access and
// zod schemas), so it cannot drift from what the server enforces.
import { z } from "zod";

type Handler = { access?: string; body?: z.ZodType; query?: z.ZodType; response?: z.ZodType };
export type RouteModule = { path: string; methods: Record<string, Handler> };

const ERROR = {
  type: "object",
  properties: { error: { type: "object", properties: { code: { type: "string" }, message: { type: "string" }, fields: { type: "object", additionalProperties: { type: "string" } } }, required: ["code", "message"] } },
};

export function buildOpenApi(modules: RouteModule[], version: string, extraPaths: Record<string, Record<string, unknown>> = {}): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = { ...extraPaths };
  for (const m of [...modules].sort((a, b) => a.path.localeCompare(b.path))) {
    const params = [...m.path.matchAll(/\{(\w+)\}/g)].map((x) => ({ name: x[1], in: "path", required: true, schema: { type: "string" } }));
    for (const [method, h] of Object.entries(m.methods)) {
      const access = h.access ?? "public";
      const query = h.query ? toSchema(h.query) : undefined;
      const queryParams = query && typeof query.properties === "object" && query.properties
        ? Object.entries(query.properties as Record<string, unknown>).map(([name, schema]) => ({ name, in: "query", required: false, schema }))
        : [];
      paths[m.path] ??= {};
      paths[m.path][method.toLowerCase()] = {
        summary: `${method} ${m.path}`,
        description: access === "public" ? "No sign-in needed." : `Requires the ${access} role or higher (session cookie with the app's Origin, or an API token).`,
        security: access === "public" ? [] : [{ session: [] }, { token: [] }],
        "x-warroom-access": access,
        parameters: [...params, ...queryParams],
        ...(h.body ? { requestBody: { required: true, content: { "application/json": { schema: toSchema(h.body) } } } } : {}),
        responses: {
          "200": { description: "OK", ...(h.response ? { content: { "application/json": { schema: toSchema(h.response, "output") } } } : {}) },
          "400": { description: "Invalid input (fields name each problem)", content: { "application/json": { schema: ERROR } } },
          ...(access === "public" ? {} : { "401": { description: "Not signed in" }, "403": { description: "Role not allowed, or cross-site request" } }),
        },
      };
    }
  }
  return {
    openapi: "3.1.0",
    info: { title: "Warroom API", version, description: "The JSON API used by the Warroom UI and by automation. Errors are { error: { code, message, fields? } }." },
    components: {
      securitySchemes: {
        session: { type: "apiKey", in: "cookie", name: "warroom_session" },
        token: { type: "http", scheme: "bearer" },
      },
    },
    paths,
  };
}

function toSchema(schema: z.ZodType, io: "input" | "output" = "input"): Record<string, unknown> {
  try {
    return z.toJSONSchema(schema, { io, unrepresentable: "any" }) as Record<string, unknown>;
  } catch {
    return { type: "object" };
  }
}
