import type { RowDataPacket } from "mysql2";
import { z } from "zod";
import { elapsedMs, raceAbort } from "./abort";
import { toFailure } from "./errors";
import type { CheckDefinition } from "./types";
import { urlTarget } from "./url-target";
import { timingMessage } from "./timing";

export const mysqlConfigSchema = z.object({
  url: z.string().regex(/^(mysql|mariadb):\/\//i, "url must start with mysql://"),
});
export type MysqlConfig = z.output<typeof mysqlConfigSchema>;

function firstNumber(rows: RowDataPacket[], column: string): number {
  const value = Number(rows[0]?.[column]);
  if (!Number.isFinite(value)) throw new Error(`server returned no ${column}`);
  return value;
}

// The driver is 16 MB resident: loaded by the first MySQL probe, not by every start.
let driver: Promise<typeof import("mysql2")> | undefined;
const loadDriver = () => (driver ??= import("mysql2"));

export const mysqlCheck: CheckDefinition<MysqlConfig> = {
  type: "mysql",
  schema: mysqlConfigSchema,
  secretFields: [],
  async run(config, ctx) {
    const { createConnection } = await loadDriver();
    const started = performance.now();
    const { host, port } = urlTarget(config.url.replace(/^mariadb:/i, "mysql:"), "3306", "mysql");
    // The callback API hands back the connection immediately, so a hung handshake can be
    // destroyed; mysql2/promise's createConnection only gives us a promise until it connects.
    const conn = createConnection({
      uri: config.url.replace(/^mariadb:/i, "mysql:"),
      connectTimeout: ctx.timeoutMs,
    });
    conn.on("error", () => undefined);
    const db = conn.promise();

    const probe = async () => {
      await db.connect();
      const connectMs = elapsedMs(started);
      const pingStarted = performance.now();
      await db.query("SELECT 1");
      const queryMs = elapsedMs(pingStarted);
      // Latency thresholds judge the whole: what the app waits for to get an answer.
      const latencyMs = connectMs + queryMs;
      const [status] = await db.query<RowDataPacket[]>("SHOW GLOBAL STATUS LIKE 'Threads_connected'");
      const [vars] = await db.query<RowDataPacket[]>("SELECT @@max_connections AS max");
      const used = firstNumber(status, "Value");
      const max = firstNumber(vars, "max");
      return {
        latencyMs,
        message: `${timingMessage(connectMs, "SELECT 1", queryMs)}; ${used} of ${max} connections`,
        metric: used,
        metricLabel: "connections",
        metricMax: max,
      };
    };
    try {
      return await raceAbort(probe(), ctx, () => conn.destroy());
    } catch (err) {
      throw toFailure(err, host, port, elapsedMs(started));
    } finally {
      conn.destroy();
    }
  },
};
