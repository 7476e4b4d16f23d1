// Request bodies larger than WARROOM_MAX_BODY_BYTES (1 MB by default) are refused with 413 before
// they are read: a declared Content-Length at once, a streamed (chunked) body as soon as it passes
// the limit. Nothing Warroom accepts comes near 1 MB; a stack file is a few kilobytes.
//
// The connection is then closed *lingering*: the 413 and our FIN go out, the client's remaining
// upload is read and thrown away for a bounded time and amount, and only then is the socket
// destroyed. Destroying it at once while the client is still writing makes the kernel answer the
// unread bytes with a reset, and a reset can discard the 413 at the client before it is read: the
// client would see ECONNRESET instead of the answer. Requests within the limit are not touched
// (keep-alive works as usual).
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Socket } from "node:net";

export function maxBodyBytes(): number {
  const n = Number(process.env.WARROOM_MAX_BODY_BYTES ?? 1_048_576);
  return Number.isFinite(n) && n > 0 ? n : 1_048_576;
}

/** A whole stack.yaml replaced at once (PUT /api/stack) is the one large body: 10,000 checks are about 1.6 MB. */
export function maxStackBytes(): number {
  const n = Number(process.env.WARROOM_MAX_STACK_BYTES ?? 16 * 1_048_576);
  return Number.isFinite(n) && n > 0 ? n : 16 * 1_048_576;
}

/** The limit for this request: the stack import's own, otherwise the general one. */
export function bodyLimitFor(method: string | undefined, url: string | undefined): number {
  const pathname = (url ?? "").split("?")[0];
  return method === "PUT" && pathname === "/api/stack" ? maxStackBytes() : maxBodyBytes();
}

/** How long, and how many more bytes, a refused upload is read before the connection is cut. */
export const LINGER = { ms: 2_000, bytes: 4 * 1_048_576 };

/**
 * Replaces what Node does after a `Connection: close` answer (socket.destroySoon(): FIN, then
 * destroy) with FIN, then discard what the client still sends until it stops (it ends its side or
 * closes), LINGER.bytes more have arrived, or LINGER.ms have passed, then destroy.
 */
function lingerOnClose(socket: Socket): void {
  socket.destroySoon = function lingeringClose(this: Socket) {
    if (this.destroyed) return;
    const start = this.bytesRead;
    const cut = () => {
      clearInterval(watch);
      this.destroy();
    };
    // The HTTP parser may read the socket natively (no 'data' events): watch the byte counter.
    const watch = setInterval(() => {
      if (this.destroyed) clearInterval(watch);
      else if (this.bytesRead - start > LINGER.bytes) cut();
    }, 25);
    setTimeout(cut, LINGER.ms).unref();
    this.once("end", cut);
    this.once("close", () => clearInterval(watch));
    this.end();
    this.resume();
    return this;
  };
}

function refuse(req: IncomingMessage, res: ServerResponse, max: number): void {
  if (res.headersSent) {
    req.socket.destroy();
    return;
  }
  lingerOnClose(req.socket);
  const body = JSON.stringify({ error: { code: "payload_too_large", message: `The request body is larger than ${max} bytes.` } });
  // Connection: close, so the rest of the upload is not read to keep the connection alive.
  res.writeHead(413, { "content-type": "application/json", "content-length": Buffer.byteLength(body), connection: "close" });
  res.end(body);
}

/** true when the request was refused (the response is on its way); otherwise the body is watched as it streams. */
export function limitBody(req: IncomingMessage, res: ServerResponse, max = maxBodyBytes()): boolean {
  const declared = req.headers["content-length"];
  if (declared !== undefined && Number(declared) > max) {
    refuse(req, res, max);
    return true;
  }
  if (declared !== undefined) return false; // Node's parser never delivers more than Content-Length.
  // A streamed body: count bytes where the parser hands them to the request stream, so whoever
  // reads the body later (Next) sees the same stream. Past the limit the rest is dropped (never
  // reaches the reader, which is left waiting until the connection is cut) and 413 goes out.
  let seen = 0;
  let refused = false;
  const push = req.push.bind(req);
  req.push = (chunk: unknown, encoding?: BufferEncoding) => {
    if (refused) return true;
    if (chunk !== null && chunk !== undefined) {
      seen += (chunk as Buffer).length;
      if (seen > max) {
        refused = true;
        refuse(req, res, max);
        return true;
      }
    }
    return push(chunk, encoding);
  };
  return false;
}
