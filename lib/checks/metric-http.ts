// One GET for the metric check types: a Prometheus query or a /metrics page, with an optional
// bearer token, under the check's deadline, with a size cap. Messages name host:port, never the
// token or URL credentials.
import http from "node:http";
import https from "node:https";
import { raceAbort } from "./abort";
import { isTlsErrorCode } from "./cert";
import { describeNetworkError, errorCode } from "./errors";
import { CheckFailure, type CheckContext } from "./types";

/** A big exporter page is a few MB; anything far beyond is not worth holding in memory every interval. */
export const MAX_METRIC_BODY_BYTES = 16 * 1024 * 1024;

export type MetricAnswer = { status: number; statusText: string; contentType: string; body: string };

export type MetricRequest = { url: URL; accept: string; token?: string; ignoreTls?: boolean };

function get(req: MetricRequest, ctx: CheckContext): Promise<MetricAnswer> {
  return new Promise<MetricAnswer>((resolve, reject) => {
    const isHttps = req.url.protocol === "https:";
    const headers: Record<string, string> = { accept: req.accept, "user-agent": "warroom-check" };
    if (req.token) headers.authorization = `Bearer ${req.token}`;
    const options: https.RequestOptions = {
      method: "GET",
      headers,
      signal: ctx.signal,
      agent: false,
      ...(isHttps ? { rejectUnauthorized: !req.ignoreTls } : {}),
    };
    const request = (isHttps ? https : http).request(req.url, options, (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on("data", (chunk: Buffer) => {
        size += chunk.length;
        if (size > MAX_METRIC_BODY_BYTES) {
          res.destroy();
          reject(new CheckFailure(`answer larger than ${MAX_METRIC_BODY_BYTES / 1024 / 1024} MB`));
          return;
        }
        chunks.push(chunk);
      });
      res.once("error", reject);
      res.once("end", () =>
        resolve({
          status: res.statusCode ?? 0,
          statusText: res.statusMessage ?? "",
          contentType: String(res.headers["content-type"] ?? ""),
          body: Buffer.concat(chunks).toString("utf8"),
        }),
      );
    });
    request.once("error", reject);
    request.end();
  });
}

export async function fetchMetricAnswer(req: MetricRequest, ctx: CheckContext): Promise<MetricAnswer> {
  try {
    return await raceAbort(get(req, ctx), ctx);
  } catch (err) {
    if (err instanceof CheckFailure) throw err;
    const port = req.url.port || (req.url.protocol === "https:" ? 443 : 80);
    if (isTlsErrorCode(errorCode(err))) throw new CheckFailure(`TLS error: ${(err as Error).message}`);
    throw new CheckFailure(describeNetworkError(err, req.url.hostname, port));
  }
}

/** "401 Unauthorized: check the token" and friends, for answers that are not what was asked for. */
export function describeHttpRefusal(a: MetricAnswer, hasToken: boolean): string {
  const line = `HTTP ${a.status}${a.statusText ? ` ${a.statusText}` : ""}`;
  if (a.status === 401 || a.status === 403) return `${line}: ${hasToken ? "the token was refused" : "the endpoint wants a token"}`;
  if (a.status >= 300 && a.status < 400) return `${line} (redirects are not followed: use the final URL)`;
  return line;
}
