// While the database is unreachable, app pages get a calm 503 page with Retry-After instead of
// Next's error page (APIs answer 503 JSON from route(): lib/http/errors.ts). The state comes from
// the readiness probe, polled here, and every change is logged once. It turns down only after two
// failed probes in a row (the second half a second after the first): a probe's 2 s timer can fire
// while the answer is already waiting behind a stalled event loop (a long compile, a CPU-starved
// host), and one such false alarm must not turn every page into a 503 for a poll period.
import fs from "node:fs";
import path from "node:path";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Logger } from "pino";
import { checkHealth } from "../ops/health";
import { DB_RETRY_AFTER_SEC } from "./errors";

const FALLBACK = "<!doctype html><title>Warroom is unavailable</title><p>Warroom cannot reach its database right now. Please try again in a moment.</p>";

export class DbGate {
  private down = false;
  private failures = 0;
  private timer: NodeJS.Timeout | undefined;
  private readonly page: string;

  constructor(private readonly log: Logger, private readonly everyMs = 5000) {
    const file = path.join(process.cwd(), "public", "maintenance.html");
    this.page = fs.existsSync(file) ? fs.readFileSync(file, "utf8") : FALLBACK;
  }

  start(): this {
    const tick = async () => {
      const health = await checkHealth();
      this.failures = health.database === "down" ? this.failures + 1 : 0;
      const down = this.failures >= 2;
      if (down !== this.down) {
        if (down) this.log.warn({ error: health.error }, "database unreachable: pages answer 503 until it is back");
        else this.log.info("database reachable again");
        this.down = down;
      }
      const retrySoon = this.failures === 1;
      this.timer = setTimeout(() => void tick(), retrySoon ? Math.min(500, this.everyMs) : this.everyMs).unref();
    };
    void tick();
    return this;
  }

  stop(): void {
    clearTimeout(this.timer);
  }

  get isDown(): boolean {
    return this.down;
  }

  /** true when it answered: a page request (not an API, asset or socket) while the database is down. */
  handle(req: IncomingMessage, res: ServerResponse): boolean {
    if (!this.down || (req.method !== "GET" && req.method !== "HEAD")) return false;
    const url = req.url ?? "/";
    if (/^\/(api|_next|socket\.io)\//.test(url) || /\.(ico|txt|svg|png|css|js)$/.test(url.split("?")[0])) return false;
    res.writeHead(503, { "content-type": "text/html; charset=utf-8", "retry-after": String(DB_RETRY_AFTER_SEC), "cache-control": "no-store" });
    res.end(req.method === "HEAD" ? undefined : this.page);
    return true;
  }
}
