import http from "node:http";
import https from "node:https";
import type { TLSSocket } from "node:tls";
import { z } from "zod";
import { elapsedMs, raceAbort, timeoutMessage } from "./abort";
import { certDaysLeft, describeExpiry, isTlsErrorCode } from "./cert";
import { describeNetworkError, errorCode } from "./errors";
import { STATUS_RANGE_RE, checkJsonPath, statusMatches } from "./http-match";
import { CheckFailure, type CheckContext, type CheckDefinition } from "./types";

const MAX_REDIRECTS = 5;
/** Matching only needs the start of a page; a huge download must not eat memory or the timeout. */
const MAX_BODY_BYTES = 1024 * 1024;

const jsonScalar = z.union([z.string(), z.number(), z.boolean(), z.null()]);

export const httpConfigSchema = z.object({
  url: z.string().regex(/^https?:\/\/\S+$/i, "url must start with http:// or https://"),
  method: z.enum(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]).default("GET"),
  headers: z.record(z.string(), z.string()).default({}),
  body: z.string().optional(),
  expectedStatus: z.array(z.string().regex(STATUS_RANGE_RE, "use 200 or 200-299")).min(1).default(["200-399"]),
  followRedirects: z.boolean().default(true),
  keyword: z.string().min(1).optional(),
  regex: z
    .string()
    .min(1)
    .refine((s) => {
      try {
        new RegExp(s);
        return true;
      } catch {
        return false;
      }
    }, "invalid regular expression")
    .optional(),
  jsonPath: z.object({ path: z.string().min(1), equals: jsonScalar }).optional(),
  ignoreTls: z.boolean().default(false),
  minCertDays: z.number().int().min(0).optional(),
});
export type HttpConfig = z.output<typeof httpConfigSchema>;

type Response = { status: number; statusText: string; location?: string; body: string; certDaysLeft?: number };
type Request = { url: URL; method: string; headers: Record<string, string>; body?: string };

function send(req: Request, config: HttpConfig, ctx: CheckContext): Promise<Response> {
  return new Promise<Response>((resolve, reject) => {
    const isHttps = req.url.protocol === "https:";
    const options: https.RequestOptions = {
      method: req.method,
      headers: req.headers,
      signal: ctx.signal,
      // A fresh connection per probe: pooled sockets would hide connect latency and TLS details.
      agent: false,
      ...(isHttps ? { rejectUnauthorized: !config.ignoreTls } : {}),
    };
    const request = (isHttps ? https : http).request(req.url, options, (res) => {
      let days: number | undefined;
      if (isHttps) {
        const cert = (res.socket as TLSSocket).getPeerCertificate();
        if (cert?.valid_to) days = certDaysLeft(cert.valid_to);
      }
      const chunks: Buffer[] = [];
      let size = 0;
      const finish = () =>
        resolve({
          status: res.statusCode ?? 0,
          statusText: res.statusMessage ?? "",
          location: res.headers.location,
          body: Buffer.concat(chunks).toString("utf8"),
          certDaysLeft: days,
        });
      res.on("data", (chunk: Buffer) => {
        chunks.push(chunk);
        size += chunk.length;
        if (size >= MAX_BODY_BYTES) {
          finish();
          res.destroy();
        }
      });
      res.once("error", reject);
      res.once("end", finish);
    });
    request.once("error", reject);
    request.end(req.body);
  });
}

/** Browser semantics: 303 (and 301/302 after POST) become GET without a body. */
function nextRequest(prev: Request, res: Response): Request {
  const url = new URL(res.location ?? "", prev.url);
  const toGet = res.status === 303 || ((res.status === 301 || res.status === 302) && prev.method === "POST");
  const headers = { ...prev.headers };
  if (url.origin !== prev.url.origin) {
    // Credentials configured for one host must not leak to whatever host a redirect names.
    for (const name of Object.keys(headers)) {
      if (/^(authorization|cookie|proxy-authorization)$/i.test(name)) delete headers[name];
    }
  }
  return toGet ? { url, method: "GET", headers } : { url, method: prev.method, headers, body: prev.body };
}

async function fetchFollowing(config: HttpConfig, ctx: CheckContext): Promise<Response> {
  let req: Request = { url: new URL(config.url), method: config.method, headers: config.headers, body: config.body };
  for (let hop = 0; ; hop++) {
    let res: Response;
    try {
      res = await raceAbort(send(req, config, ctx), ctx);
    } catch (err) {
      if (err instanceof CheckFailure) throw err;
      if (ctx.signal.aborted) throw new CheckFailure(timeoutMessage(ctx.timeoutMs), ctx.timeoutMs);
      const port = req.url.port || (req.url.protocol === "https:" ? 443 : 80);
      const code = errorCode(err);
      if (isTlsErrorCode(code)) throw new CheckFailure(`TLS error: ${(err as Error).message}`);
      throw new CheckFailure(describeNetworkError(err, req.url.hostname, port));
    }
    const isRedirect = res.status >= 300 && res.status < 400 && res.location !== undefined;
    if (!config.followRedirects || !isRedirect) return res;
    if (hop >= MAX_REDIRECTS) throw new CheckFailure(`too many redirects (more than ${MAX_REDIRECTS})`);
    req = nextRequest(req, res);
  }
}

function quote(s: string): string {
  return JSON.stringify(s.length > 60 ? `${s.slice(0, 57)}...` : s);
}

export const httpCheck: CheckDefinition<HttpConfig> = {
  type: "http",
  schema: httpConfigSchema,
  // Headers carry tokens (Authorization) and bodies carry credentials often enough.
  secretFields: ["headers", "body"],
  async run(config, ctx) {
    const started = performance.now();
    const res = await fetchFollowing(config, ctx);
    const latencyMs = elapsedMs(started);
    const fail = (message: string) => new CheckFailure(message, latencyMs);

    if (!statusMatches(res.status, config.expectedStatus)) {
      throw fail(`HTTP ${res.status} (expected ${config.expectedStatus.join(", ")})`);
    }
    if (config.keyword !== undefined && !res.body.includes(config.keyword)) {
      throw fail(`body does not contain ${quote(config.keyword)}`);
    }
    if (config.regex !== undefined && !new RegExp(config.regex).test(res.body)) {
      throw fail(`body does not match /${config.regex}/`);
    }
    if (config.jsonPath) {
      const problem = checkJsonPath(res.body, config.jsonPath.path, config.jsonPath.equals);
      if (problem) throw fail(problem);
    }
    if (res.certDaysLeft !== undefined && config.minCertDays !== undefined && res.certDaysLeft < config.minCertDays) {
      throw fail(`${describeExpiry(res.certDaysLeft)} (minimum ${config.minCertDays})`);
    }
    const statusLine = `${res.status}${res.statusText ? ` ${res.statusText}` : ""}`;
    return { latencyMs, message: `${statusLine} in ${latencyMs} ms`, certDaysLeft: res.certDaysLeft };
  },
};
