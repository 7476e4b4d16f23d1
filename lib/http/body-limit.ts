// Request bodies larger than WARROOM_MAX_BODY_BYTES (1 MB by default) are refused with 413 before
// they are read: a declared Content-Length at once, a streamed (chunked) body as soon as it passes
// the limit. Nothing Warroom accepts comes near 1 MB; a stack file is a few kilobytes.
import type { IncomingMessage, ServerResponse } from "node:http";

export function maxBodyBytes(): number {
  const n = Number(process.env.WARROOM_MAX_BODY_BYTES ?? 1_048_576);
  return Number.isFinite(n) && n > 0 ? n : 1_048_576;
}

function refuse(res: ServerResponse, max: number, close: () => void): void {
  if (!res.headersSent) {
    const body = JSON.stringify({ error: { code: "payload_too_large", message: `The request body is larger than ${max} bytes.` } });
    // Connection: close, so the rest of the upload is not read to keep the connection alive.
    res.writeHead(413, { "content-type": "application/json", "content-length": Buffer.byteLength(body), connection: "close" });
    res.end(body, close);
  } else close();
}

/** true when the request was refused (the response is on its way); otherwise the body is watched as it streams. */
export function limitBody(req: IncomingMessage, res: ServerResponse, max = maxBodyBytes()): boolean {
  const declared = req.headers["content-length"];
  if (declared !== undefined && Number(declared) > max) {
    refuse(res, max, () => req.socket.destroy());
    return true;
  }
  if (declared !== undefined) return false; // Node's parser never delivers more than Content-Length.
  // A streamed body: count bytes where the parser hands them to the request stream, so whoever
  // reads the body later (Next) sees the same stream, and stop it once it passes the limit.
  let seen = 0;
  const push = req.push.bind(req);
  req.push = (chunk: unknown, encoding?: BufferEncoding) => {
    if (chunk !== null && chunk !== undefined) {
      seen += (chunk as Buffer).length;
      if (seen > max) {
        req.push = push;
        refuse(res, max, () => req.socket.destroy());
        req.destroy(new Error("request body too large"));
        return false;
      }
    }
    return push(chunk, encoding);
  };
  return false;
}
