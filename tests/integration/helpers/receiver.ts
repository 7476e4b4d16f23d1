// A real HTTP endpoint for webhook tests: records every request and answers with the next queued
// status (200 once the queue is empty).
import http from "node:http";
import { Webhook, WebhookVerificationError } from "standardwebhooks";
import type { AddressInfo } from "node:net";

export type Received = { headers: http.IncomingHttpHeaders; body: string };

export async function startReceiver(): Promise<{ url: string; received: Received[]; answer: (...statuses: number[]) => void; close: () => Promise<void> }> {
  const received: Received[] = [];
  const queue: number[] = [];
  const server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => (body += c.toString("utf8")));
    req.on("end", () => {
      received.push({ headers: req.headers, body });
      res.writeHead(queue.shift() ?? 200, { "content-type": "text/plain" }).end("ok");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    received,
    answer: (...statuses) => void queue.push(...statuses),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Verifies a delivery the way a receiver would: with the Standard Webhooks library. */
export function standardVerified(secret: string, r: Received): boolean {
  const headers = Object.fromEntries(["webhook-id", "webhook-timestamp", "webhook-signature"].map((k) => [k, String(r.headers[k] ?? "")]));
  try {
    new Webhook(secret).verify(r.body, headers);
    return true;
  } catch (err) {
    if (err instanceof WebhookVerificationError) return false;
    throw err;
  }
}
