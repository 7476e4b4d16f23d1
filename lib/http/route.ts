// The one wrapper every route handler goes through: authenticate, authorise by declared minimum
// role, refuse cross-site mutations, validate params/query/body with zod, map every error.
import { z } from "zod";
import { atLeast, type Role } from "../auth/roles";
import type { Actor } from "../auth/actor";
import { getContext, hasContext } from "../runtime/context";
import { badRequest, forbidden, toErrorResponse, unauthorized, unprocessable, AppError } from "./errors";
import { findControlChar } from "./control-chars";
import { actorFromHeaders, sameOrigin } from "./request-auth";
import { observeRequest } from "../ops/metrics";
import { agentFromHeaders, type AgentPrincipal } from "../agents/auth";

/** "agent": a probe agent's token (lib/agents), which opens these routes and no others. */
type Access = "public" | "agent" | Role;
type Params = Record<string, string | string[] | undefined>;
type RouteCtx = { params: Promise<Params> };

type Handler<A extends Access, B, Q> = (input: {
  req: Request;
  actor: A extends "public" | "agent" ? Actor | null : Actor;
  /** The authenticated probe agent on "agent" routes; null elsewhere. */
  agent: A extends "agent" ? AgentPrincipal : null;
  body: B;
  query: Q;
  params: Record<string, string>;
}) => Promise<Response | object | null>;

export type RouteSpec<A extends Access, B, Q> = {
  access: A;
  body?: z.ZodType<B>;
  query?: z.ZodType<Q>;
  /** The success body's shape: documentation (OpenAPI), not checked at run time. */
  response?: z.ZodType;
  /** Media types of a success body that is a file rather than JSON (an export): documentation. */
  produces?: readonly string[];
};

const MUTATING = new Set(["POST", "PUT", "PATCH", "DELETE"]);

export type RouteHandler = ((req: Request, ctx?: RouteCtx) => Promise<Response>) & { access: Access; body?: z.ZodType; query?: z.ZodType; response?: z.ZodType; produces?: readonly string[] };

export function route<A extends Access, B = undefined, Q = undefined>(spec: RouteSpec<A, B, Q>, handler: Handler<A, B, Q>): RouteHandler {
  const fn = async (req: Request, ctx?: RouteCtx): Promise<Response> => {
    const started = performance.now();
    const res = await answer(req, ctx);
    // Counting must never cost the caller their answer.
    const params = await Promise.resolve(ctx?.params).catch(() => undefined);
    observeRequest(routePattern(new URL(req.url).pathname, params ?? {}), req.method, res.status, (performance.now() - started) / 1000);
    return res;
  };
  const answer = async (req: Request, ctx?: RouteCtx): Promise<Response> => {
    try {
      let agent: AgentPrincipal | null = null;
      if (spec.access === "agent") {
        agent = await agentFromHeaders(req.headers);
        if (!agent) throw unauthorized("Send a valid agent token (Authorization: Bearer wra_…).");
      }
      const actor = spec.access === "agent" ? null : await actorFromHeaders(req.headers);
      if (spec.access !== "public" && spec.access !== "agent") {
        if (!actor) throw unauthorized();
        if (!atLeast(actor.role, spec.access)) throw forbidden(`This needs the ${spec.access} role or higher; you are ${actor.role}.`);
      }
      if (actor?.via === "session" && MUTATING.has(req.method) && !sameOrigin(req.headers))
        throw new AppError(403, "csrf", "Cross-site request refused: the Origin header does not match this site.");
      const params = Object.fromEntries(Object.entries((await ctx?.params) ?? {}).map(([k, v]) => [k, Array.isArray(v) ? v.join("/") : (v ?? "")]));
      const rawQuery = Object.fromEntries(new URL(req.url).searchParams);
      const rawBody = spec.body ? await readJson(req) : undefined;
      refuseControlChars(params, rawQuery, rawBody);
      const query = spec.query ? spec.query.parse(rawQuery) : (undefined as Q);
      const body = spec.body ? spec.body.parse(rawBody) : (undefined as B);
      const out = await handler({
        req,
        actor: actor as A extends "public" | "agent" ? Actor | null : Actor,
        agent: agent as A extends "agent" ? AgentPrincipal : null,
        body,
        query,
        params,
      });
      if (out instanceof Response) return out;
      return Response.json(out ?? {});
    } catch (err) {
      const { status, body, headers } = toErrorResponse(err);
      if (status === 503 && hasContext()) getContext().log.warn({ path: new URL(req.url).pathname, code: body.error.code }, "request refused: database unreachable");
      else if (status >= 500 && hasContext()) getContext().log.error({ err, path: new URL(req.url).pathname }, "request failed");
      return Response.json(body, { status, headers });
    }
  };
  // The declared access travels with the handler so the authorisation test can read the policy.
  return Object.assign(fn, { access: spec.access, body: spec.body, query: spec.query, response: spec.response, produces: spec.produces });
}

/** `/api/incidents/abc/updates` with params {id: "abc"} → `/api/incidents/[id]/updates`. */
export function routePattern(pathname: string, params: Params): string {
  const names = new Map<string, string>();
  for (const [k, v] of Object.entries(params)) {
    if (typeof v === "string") names.set(v, `[${k}]`);
    else for (const part of v ?? []) names.set(part, `[...${k}]`);
  }
  if (!names.size) return pathname;
  const out: string[] = [];
  for (const seg of pathname.split("/")) {
    const name = names.get(seg) ?? names.get(safeDecode(seg)) ?? seg;
    if (name.startsWith("[...") && out[out.length - 1] === name) continue;
    out.push(name);
  }
  return out.join("/");
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

export function created(body: object): Response {
  return Response.json(body, { status: 201 });
}

function refuseControlChars(params: Record<string, string>, query: Record<string, string>, body: unknown): void {
  const found = findControlChar(params, "") ?? findControlChar(query, "") ?? findControlChar(body, "");
  if (found === null) return;
  const field = found || "_";
  throw unprocessable("invalid_characters", `${field}: must not contain control characters`, { [field]: "must not contain control characters" });
}

async function readJson(req: Request): Promise<unknown> {
  const text = await req.text();
  if (!text.trim()) return {};
  try {
    return JSON.parse(text);
  } catch {
    throw badRequest("The request body is not valid JSON.", { _: "invalid JSON" });
  }
}
