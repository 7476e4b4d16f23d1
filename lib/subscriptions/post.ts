// POSTs a subscriber webhook with node:http(s) rather than fetch, so the address actually connected
// to passes the SSRF guard (a lookup hook), not just the one a name resolved to a moment earlier.
import http from "node:http";
import https from "node:https";
import dns from "node:dns";
import { isIP, type LookupFunction } from "node:net";
import { isPrivateAddress, privateWebhooksAllowed } from "./address-guard";

export type PostOutcome = { ok: boolean; error: string | null };

const guardedLookup: LookupFunction = (hostname, options, callback) => {
  dns.lookup(hostname, { ...options, all: true }, (err, addresses) => {
    if (err) return callback(err, "", 4);
    const list = addresses as dns.LookupAddress[];
    const bad = list.find((a) => isPrivateAddress(a.address));
    if (bad || !list.length) {
      const refusal = Object.assign(new Error("refused: private address"), { code: "EPRIVATE" });
      return callback(refusal, "", 4);
    }
    if (options.all) return (callback as unknown as (e: null, a: dns.LookupAddress[]) => void)(null, list);
    callback(null, list[0].address, list[0].family);
  });
};

export function postJson(url: string, body: string, headers: Record<string, string>, timeoutMs: number): Promise<PostOutcome> {
  const u = new URL(url);
  const host = u.hostname.replace(/^\[|\]$/g, "");
  const guard = !privateWebhooksAllowed();
  if (guard && isIP(host) && isPrivateAddress(host)) return Promise.resolve({ ok: false, error: "refused: private address" });
  const lib = u.protocol === "https:" ? https : http;
  return new Promise((resolve) => {
    const req = lib.request(
      u,
      { method: "POST", headers: { ...headers, "content-length": String(Buffer.byteLength(body)) }, signal: AbortSignal.timeout(timeoutMs), ...(guard ? { lookup: guardedLookup } : {}) },
      (res) => {
        res.resume();
        const status = res.statusCode ?? 0;
        const ok = status >= 200 && status < 300;
        resolve({ ok, error: ok ? null : `HTTP ${status}` });
      },
    );
    req.on("error", (err: Error & { code?: unknown }) => {
      if (err.name === "AbortError" || err.name === "TimeoutError") return resolve({ ok: false, error: `timed out after ${Math.round(timeoutMs / 1000)} s` });
      if (err.code === "EPRIVATE") return resolve({ ok: false, error: "refused: private address" });
      resolve({ ok: false, error: typeof err.code === "string" ? `network error: ${err.code}` : "network error" });
    });
    req.end(body);
  });
}
