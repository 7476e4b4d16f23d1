// Builds the OpenAPI description from the route handlers themselves (their declared access, zod
// request and response schemas, and the failures their code can raise), so it cannot drift from
// what the server enforces.
import { z } from "zod";

type Handler = { access?: string; body?: z.ZodType; query?: z.ZodType; response?: z.ZodType; produces?: readonly string[] };
/** `source`: the route file; `deps`: the lib files it imports. Both are scanned for the answers they can give. */
export type RouteModule = { path: string; methods: Record<string, Handler>; source?: string; deps?: string };

const ERROR_SCHEMA = {
  type: "object",
  description: "Every error answer. `fields` names each invalid field (dotted path → problem).",
  properties: {
    error: {
      type: "object",
      properties: { code: { type: "string" }, message: { type: "string" }, fields: { type: "object", additionalProperties: { type: "string" } } },
      required: ["code", "message"],
    },
  },
  required: ["error"],
};

const err = (description: string, headers?: Record<string, unknown>) => ({ description, ...(headers ? { headers } : {}), content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } });

const ERRORS: Record<number, () => Record<string, unknown>> = {
  400: () => err("Invalid input: the body is not JSON, or a field is wrong (`fields` names it)"),
  401: () => err("Not signed in (no session cookie or API token, or it has expired)"),
  403: () => err("Your role does not allow this, or a cross-site request was refused"),
  404: () => err("Not found"),
  409: () => err("Conflicts with the current state (`code` says which)"),
  413: () => err("The request body is too large"),
  422: () => err("Understood but refused (`code` and `fields` say why)"),
  429: () => err("Too many requests; retry after the number of seconds in Retry-After", { "Retry-After": { schema: { type: "integer" } } }),
  503: () => err("The database is unreachable; retry shortly", { "Retry-After": { schema: { type: "integer" } } }),
};

const SUCCESS: Record<number, string> = { 200: "OK", 201: "Created", 202: "Accepted", 204: "No content" };

/** Status codes a route can answer, read from what it declares and what its code raises. */
export function statusesOf(method: string, path: string, h: Handler, routeSource = "", deps = ""): { success: number; errors: number[] } {
  const own = handlerSource(routeSource, method);
  const success = /\bcreated\(/.test(own) ? 201 : /status:\s*202\b/.test(own) ? 202 : /status:\s*204\b/.test(own) ? 204 : 200;
  const source = `${own}\n${deps}`;
  const errors = new Set<number>([503]);
  const writes = method !== "GET";
  if (h.body || h.query || /badRequest\(|\.parse\(/.test(source)) errors.add(400);
  if (h.access && h.access !== "public") errors.add(401).add(403);
  if (path.includes("{") || /notFound\(|P2025/.test(source)) errors.add(404);
  if (writes && /conflict\(|P2002/.test(source)) errors.add(409);
  if (writes) errors.add(413);
  if (/unprocessable\(|status:\s*422/.test(source)) errors.add(422);
  if (/tooMany\(|status:\s*429/.test(source)) errors.add(429);
  return { success, errors: [...errors].sort((a, b) => a - b) };
}

// The text of one method's export in a route file (up to the next export).
function handlerSource(source: string, method: string): string {
  const start = source.search(new RegExp(`export (const|async function|function) ${method}\\b`));
  if (start === -1) return "";
  const next = source.slice(start + 1).search(/\nexport /);
  return next === -1 ? source.slice(start) : source.slice(start, start + 1 + next);
}

/** `getIncidentsIdTimeline` for GET /api/incidents/{id}/timeline: stable and unique per operation. */
export function operationId(method: string, path: string): string {
  const words = path
    .replace(/^\/api\//, "/")
    .split(/[/.{}-]+/)
    .filter(Boolean);
  return method.toLowerCase() + words.map((w) => w[0].toUpperCase() + w.slice(1)).join("");
}

export function buildOpenApi(modules: RouteModule[], version: string, extraPaths: Record<string, Record<string, unknown>> = {}): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = { ...extraPaths };
  for (const m of [...modules].sort((a, b) => a.path.localeCompare(b.path))) {
    const params = [...m.path.matchAll(/\{(\w+)\}/g)].map((x) => ({ name: x[1], in: "path", required: true, schema: { type: "string" } }));
    for (const [method, h] of Object.entries(m.methods)) {
      const access = h.access ?? "public";
      const query = h.query ? toSchema(h.query) : undefined;
      const queryParams =
        query && typeof query.properties === "object" && query.properties
          ? Object.entries(query.properties as Record<string, unknown>).map(([name, schema]) => ({ name, in: "query", required: ((query.required as string[] | undefined) ?? []).includes(name), schema }))
          : [];
      const { success, errors } = statusesOf(method, m.path, h, m.source, m.deps);
      const body = h.response ? toSchema(h.response, "output") : { type: "object", description: "Not described yet" };
      paths[m.path] ??= {};
      paths[m.path][method.toLowerCase()] = {
        operationId: operationId(method, m.path),
        summary: `${method} ${m.path}`,
        description:
          access === "public"
            ? "No sign-in needed."
            : access === "agent"
              ? "Requires a probe agent's token (Authorization: Bearer wra_…); sessions and API tokens are refused."
              : `Requires the ${access} role or higher (session cookie with the app's Origin, or an API token).`,
        tags: [tagOf(m.path)],
        security: access === "public" ? [] : access === "agent" ? [{ agentToken: [] }] : [{ session: [] }, { token: [] }],
        "x-warroom-access": access,
        parameters: [...params, ...queryParams],
        ...(h.body ? { requestBody: { required: true, content: { "application/json": { schema: toSchema(h.body) } } } } : {}),
        responses: {
          [String(success)]:
            success === 204
              ? { description: SUCCESS[success] }
              : h.produces
                ? { description: `${SUCCESS[success]}: a file to download`, content: Object.fromEntries(h.produces.map((t) => [t, { schema: { type: "string" } }])) }
                : { description: SUCCESS[success], content: { "application/json": { schema: body } } },
          ...Object.fromEntries(errors.map((s) => [String(s), ERRORS[s]()])),
        },
      };
    }
  }
  const tags = [...new Set(Object.keys(paths).map(tagOf))].sort().map((name) => ({ name, description: `Operations under /${name === "public" ? "status, /api/public and /api/v2" : `api/${name}`}` }));
  for (const [p, ops] of Object.entries(paths)) for (const [method, op] of Object.entries(ops)) (op as Record<string, unknown>).operationId ??= operationId(method, p);
  return {
    openapi: "3.1.0",
    info: {
      title: "Warroom API",
      version,
      description: "The JSON API used by the Warroom UI and by automation. Errors are { error: { code, message, fields? } }.",
      license: { name: "MIT", identifier: "MIT" },
    },
    servers: [{ url: "/", description: "This Warroom (paths are relative to its address)" }],
    tags,
    components: {
      securitySchemes: {
        session: { type: "apiKey", in: "cookie", name: "warroom_session" },
        token: { type: "http", scheme: "bearer" },
        agentToken: { type: "http", scheme: "bearer", description: "A probe agent's token, created by an admin on /admin/agents" },
      },
      schemas: { Error: ERROR_SCHEMA },
    },
    paths,
  };
}

function tagOf(path: string): string {
  const m = /^\/api\/([^/]+)/.exec(path);
  if (!m || m[1] === "public" || m[1] === "v2" || path.startsWith("/status")) return "public";
  return m[1].replace(/\.json$/, "");
}

export function toSchema(schema: z.ZodType, io: "input" | "output" = "input"): Record<string, unknown> {
  try {
    const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: "any" }) as Record<string, unknown>;
    return rest;
  } catch {
    return { type: "object" };
  }
}
