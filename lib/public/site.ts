// The public site under outage load: every public document is prebuilt in memory (bytes, gzip and
// brotli variants, ETag) and answered straight from server.ts, before Next's request pipeline.
// The snapshot is rebuilt after committed changes on this replica (ctx.onPublicChange; a burst at
// most once a second, a fresh document asked for in between at once) and,
// for changes made on other replicas, when the newest live-event seq moves (polled every second).
// Browsers on /status hear of a new version over Server-Sent Events.
import type { IncomingMessage, ServerResponse } from "node:http";
import { createHash } from "node:crypto";
import { brotliCompressSync, constants as zlib, gzipSync } from "node:zlib";
import type { Logger } from "pino";
import type { PublicState } from "./state";
import { countPublicHit } from "../ops/metrics";
import { fragmentVersion, renderPublicDocuments, type PublicDocument, type RenderExtras } from "./documents";

type Variant = { body: Buffer; headers: Record<string, string> };
type Entry = { doc: PublicDocument; etag: string | null; identity: Variant; gzip?: Variant; br?: Variant; notModified: Record<string, string> };

const CORS = { "access-control-allow-origin": "*" } as const;
const PREFLIGHT = { ...CORS, "access-control-allow-methods": "GET, HEAD, OPTIONS", "access-control-allow-headers": "If-None-Match, Cache-Control", "access-control-max-age": "86400" };
const MIN_COMPRESS = 512;
const MAX_STREAMS = Number(process.env.WARROOM_STATUS_MAX_STREAMS ?? 20_000);

export type PublicSiteOptions = {
  read: () => Promise<PublicState>;
  baseUrl: () => string;
  extras?: RenderExtras;
  /** Changes stored since the seq last seen (by any replica): the newest seq, and whether any can alter the public pages. */
  changesSince?: (since: number | undefined) => Promise<{ latest: number; public: boolean }>;
  log?: Logger;
  pollMs?: number;
  /** Least time between two rebuilds a burst of changes causes (1 s). */
  minGapMs?: number;
};

function makeEntry(doc: PublicDocument, previous: Entry | undefined): Entry {
  const body = Buffer.from(doc.body);
  const base: Record<string, string> = { "content-type": doc.type, "cache-control": doc.cache, ...CORS, ...(doc.headers ?? {}) };
  if (doc.plain) return { doc, etag: null, identity: { body, headers: { ...base, "content-length": String(body.length) } }, notModified: base };
  const etag = `W/"${createHash("sha1").update(body).update(String(doc.status)).digest("base64url").slice(0, 20)}"`;
  // Unchanged bytes keep their compressed variants: a rebuild every second costs no compression.
  if (previous?.etag === etag) return { ...previous, doc };
  const common = { ...base, etag, vary: "Accept-Encoding" };
  const entry: Entry = { doc, etag, identity: { body, headers: { ...common, "content-length": String(body.length) } }, notModified: { etag, vary: "Accept-Encoding", "cache-control": doc.cache, ...CORS } };
  if (body.length >= MIN_COMPRESS) {
    const gz = gzipSync(body, { level: 6 });
    const br = brotliCompressSync(body, { params: { [zlib.BROTLI_PARAM_QUALITY]: 6, [zlib.BROTLI_PARAM_SIZE_HINT]: body.length } });
    entry.gzip = { body: gz, headers: { ...common, "content-encoding": "gzip", "content-length": String(gz.length) } };
    entry.br = { body: br, headers: { ...common, "content-encoding": "br", "content-length": String(br.length) } };
  }
  return entry;
}

function pickVariant(entry: Entry, acceptEncoding: string | undefined): Variant {
  if (acceptEncoding && entry.br && /\bbr\b/.test(acceptEncoding)) return entry.br;
  if (acceptEncoding && entry.gzip && /\bgzip\b/.test(acceptEncoding)) return entry.gzip;
  return entry.identity;
}

const matches = (ifNoneMatch: string, etag: string) => ifNoneMatch === "*" || ifNoneMatch.split(",").some((t) => t.trim().replace(/^W\//, "") === etag.replace(/^W\//, ""));

export class PublicSite {
  private entries = new Map<string, Entry>();
  private version = "";
  private wanted = 0;
  private built = 0;
  private building: Promise<void> | undefined;
  private streams = new Set<ServerResponse>();
  private timers: NodeJS.Timeout[] = [];
  private lastMarker: number | undefined;
  private lastBuiltAt = 0;
  private pending: NodeJS.Timeout | undefined;
  /** Builds that failed in a row (the snapshot keeps serving the last good one meanwhile). */
  failures = 0;

  constructor(private readonly opts: PublicSiteOptions) {}

  async start(): Promise<void> {
    await this.refresh();
    const poll = setInterval(() => void this.poll(), this.opts.pollMs ?? 1000);
    const ping = setInterval(() => this.broadcast(": ping\n\n"), 20_000);
    // Time alone changes some things (a resolved incident ages out of the page).
    const sweep = setInterval(() => this.invalidate(), 60_000);
    this.timers.push(poll, ping, sweep);
    for (const t of this.timers) t.unref();
  }

  stop(): void {
    for (const t of this.timers) clearInterval(t);
    this.timers = [];
    clearTimeout(this.pending);
    this.pending = undefined;
    for (const res of this.streams) res.end();
    this.streams.clear();
  }

  /**
   * A committed change: rebuild now, or, right after another rebuild, once `minGapMs` has passed
   * since it. In an outage the check engine commits state changes dozens of times a second, and a
   * rebuild per commit (every layer, check and component read and every document rendered) kept the
   * embedded server's event loop busy with nothing else (2,000 checks: 25 rebuilds a second, the
   * stack read waiting 40 s). A request for a document that must be fresh still rebuilds at once
   * (refresh()), so read-your-writes holds.
   */
  invalidate(): void {
    this.wanted++;
    this.schedule();
  }

  private schedule(): void {
    if (this.pending) return;
    const wait = Math.max(0, this.lastBuiltAt + (this.opts.minGapMs ?? 1000) - Date.now());
    this.pending = setTimeout(() => {
      this.pending = undefined;
      // A fresh document asked for meanwhile may have had it rebuilt already.
      if (this.built >= this.wanted) return;
      void this.rebuild().then(() => {
        if (this.built < this.wanted) this.schedule();
      });
    }, wait);
    this.pending.unref();
  }

  /** Resolves once the snapshot includes every change invalidated before the call. */
  async refresh(): Promise<void> {
    if (this.built === 0 && this.wanted === 0) this.wanted = 1;
    const target = this.wanted;
    while (this.built < target) await this.rebuild();
  }

  private async poll(): Promise<void> {
    if (!this.opts.changesSince) return;
    try {
      const seen = await this.opts.changesSince(this.lastMarker);
      if (this.lastMarker !== undefined && seen.public) this.invalidate();
      this.lastMarker = seen.latest;
    } catch (err) {
      this.opts.log?.warn({ err }, "public snapshot: change poll failed");
    }
  }

  private rebuild(): Promise<void> {
    if (this.building) return this.building.then(() => (this.built < this.wanted ? this.rebuild() : undefined));
    const target = this.wanted;
    this.building = (async () => {
      try {
        const state = await this.opts.read();
        this.swap(state);
        this.failures = 0;
      } catch (err) {
        this.failures++;
        this.opts.log?.error({ err }, "public snapshot: rebuild failed; serving the previous one");
      } finally {
        // Even a failed build counts as done, or a database outage would hold requests forever.
        this.built = Math.max(this.built, target);
        this.lastBuiltAt = Date.now();
      }
    })().finally(() => (this.building = undefined));
    return this.building;
  }

  private swap(state: PublicState): void {
    const docs = renderPublicDocuments(state, this.opts.baseUrl(), this.opts.extras);
    const next = new Map<string, Entry>();
    for (const [path, doc] of docs) next.set(path, makeEntry(doc, this.entries.get(path)));
    this.entries = next;
    const version = fragmentVersion(state);
    if (version !== this.version) {
      this.version = version;
      this.broadcast(`event: version\ndata: ${version}\n\n`);
    }
  }

  private broadcast(chunk: string): void {
    for (const res of this.streams) res.write(chunk);
  }

  /** Answers public paths from the snapshot; returns false for everything else (Next handles it). */
  handle(req: IncomingMessage, res: ServerResponse): boolean {
    const url = req.url ?? "/";
    const q = url.indexOf("?");
    let path = q === -1 ? url : url.slice(0, q);
    if (path.length > 1 && path.endsWith("/")) path = path.slice(0, -1);
    if (path === "/status/events") {
      countPublicHit(path);
      return this.stream(req, res);
    }
    const entry = this.entries.get(path);
    if (!entry) return false;
    countPublicHit(path);
    const method = req.method ?? "GET";
    if (method === "OPTIONS") {
      res.writeHead(204, PREFLIGHT).end();
      return true;
    }
    if (method !== "GET" && method !== "HEAD") {
      res.writeHead(405, { allow: "GET, HEAD, OPTIONS", "content-type": "text/plain; charset=utf-8" }).end("Method not allowed\n");
      return true;
    }
    if (entry.doc.fresh && this.built < this.wanted) {
      void this.refresh().then(() => this.send(req, res, this.entries.get(path) ?? entry));
      return true;
    }
    this.send(req, res, entry);
    return true;
  }

  private send(req: IncomingMessage, res: ServerResponse, entry: Entry): void {
    const inm = req.headers["if-none-match"];
    if (entry.etag && inm && matches(inm, entry.etag)) {
      res.writeHead(304, entry.notModified).end();
      return;
    }
    const v = pickVariant(entry, req.headers["accept-encoding"]);
    res.writeHead(entry.doc.status, v.headers);
    res.end(req.method === "HEAD" ? undefined : v.body);
  }

  private stream(req: IncomingMessage, res: ServerResponse): boolean {
    if (req.method !== "GET") return false;
    if (this.streams.size >= MAX_STREAMS) {
      // The page falls back to EventSource's own reconnect; the snapshot itself stays reachable.
      res.writeHead(503, { "retry-after": "30", "content-type": "text/plain; charset=utf-8" }).end("Too many live connections; retry later.\n");
      return true;
    }
    res.writeHead(200, { "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-store", connection: "keep-alive", "x-accel-buffering": "no", ...CORS });
    res.write(`retry: 2000\nevent: version\ndata: ${this.version}\n\n`);
    this.streams.add(res);
    const drop = () => this.streams.delete(res);
    req.on("close", drop);
    res.on("error", drop);
    return true;
  }

  get liveConnections(): number {
    return this.streams.size;
  }
}
