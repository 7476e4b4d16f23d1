import pg from "pg";
import { z } from "zod";
import { elapsedMs, raceAbort } from "./abort";
import { toFailure } from "./errors";
import type { CheckDefinition } from "./types";
import { urlTarget } from "./url-target";
import { timingMessage } from "./timing";

export const postgresConfigSchema = z.object({
  url: z.string().regex(/^postgres(ql)?:\/\//i, "url must start with postgresql://"),
});
export type PostgresConfig = z.output<typeof postgresConfigSchema>;

// Background workers also live in pg_stat_activity but don't use connection slots we care about.
const CONNECTIONS_SQL = `SELECT count(*)::int AS used,
  current_setting('max_connections')::int AS max
  FROM pg_stat_activity WHERE backend_type = 'client backend'`;

export const postgresCheck: CheckDefinition<PostgresConfig> = {
  type: "postgres",
  schema: postgresConfigSchema,
  secretFields: [],
  async run(config, ctx) {
    const started = performance.now();
    const { host, port } = urlTarget(config.url, "5432", "postgres");
    const client = new pg.Client({
      connectionString: config.url,
      connectionTimeoutMillis: ctx.timeoutMs,
      // Server-side guard too, so an abandoned query doesn't keep running after we gave up.
      statement_timeout: ctx.timeoutMs,
      application_name: "warroom-check",
    });
    client.on("error", () => undefined);

    const probe = async () => {
      await client.connect();
      const connectMs = elapsedMs(started);
      const pingStarted = performance.now();
      await client.query("SELECT 1");
      const queryMs = elapsedMs(pingStarted);
      // Latency thresholds judge the whole: what the app waits for to get an answer.
      const latencyMs = connectMs + queryMs;
      const { rows } = await client.query<{ used: number; max: number }>(CONNECTIONS_SQL);
      const { used, max } = rows[0];
      return {
        latencyMs,
        message: `${timingMessage(connectMs, "SELECT 1", queryMs)}; ${used} of ${max} connections`,
        metric: used,
        metricLabel: "connections",
        metricMax: max,
      };
    };
    // end() destroys the socket when the connection isn't usable yet (hung handshake or query).
    const close = () => void client.end().catch(() => undefined);
    try {
      return await raceAbort(probe(), ctx, close);
    } catch (err) {
      throw toFailure(err, host, port, elapsedMs(started));
    } finally {
      close();
    }
  },
};
