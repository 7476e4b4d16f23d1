import net from "node:net";
import { z } from "zod";
import { elapsedMs, raceAbort } from "./abort";
import { toFailure } from "./errors";
import type { CheckDefinition } from "./types";

export const tcpConfigSchema = z.object({
  host: z.string().min(1),
  port: z.number().int().min(1).max(65535),
});
export type TcpConfig = z.output<typeof tcpConfigSchema>;

export const tcpCheck: CheckDefinition<TcpConfig> = {
  type: "tcp",
  schema: tcpConfigSchema,
  secretFields: [],
  async run(config, ctx) {
    const started = performance.now();
    const socket = new net.Socket();
    const connected = new Promise<void>((resolve, reject) => {
      socket.once("connect", () => resolve());
      socket.once("error", reject);
      socket.connect({ host: config.host, port: config.port });
    });
    try {
      await raceAbort(connected, ctx, () => socket.destroy());
    } catch (err) {
      throw toFailure(err, config.host, config.port, elapsedMs(started));
    } finally {
      socket.destroy();
    }
    const latencyMs = elapsedMs(started);
    return { latencyMs, message: `connected to ${config.host}:${config.port} in ${latencyMs} ms` };
  },
};
