import net from "node:net";
import tls from "node:tls";
import { z } from "zod";
import { elapsedMs, raceAbort } from "./abort";
import { certDaysLeft, describeExpiry } from "./cert";
import { toFailure } from "./errors";
import { CheckFailure, type CheckDefinition } from "./types";

export const tlsConfigSchema = z.object({
  host: z.string().min(1),
  port: z.number().int().min(1).max(65535).default(443),
  /** SNI name and the name the certificate must match; defaults to host. */
  servername: z.string().min(1).optional(),
  minDays: z.number().int().min(0).default(14),
  /** Accept certificates that don't chain to a trusted CA (self-signed, private CA). */
  allowUntrusted: z.boolean().default(false),
});
export type TlsConfig = z.output<typeof tlsConfigSchema>;

export const tlsCheck: CheckDefinition<TlsConfig> = {
  type: "tls",
  schema: tlsConfigSchema,
  secretFields: [],
  async run(config, ctx) {
    const started = performance.now();
    const name = config.servername ?? config.host;
    // We judge the certificate ourselves so that expiry/hostname problems get precise messages
    // instead of a handshake error.
    const socket = tls.connect({
      host: config.host,
      port: config.port,
      servername: net.isIP(name) ? undefined : name,
      rejectUnauthorized: false,
    });
    const handshake = new Promise<void>((resolve, reject) => {
      socket.once("secureConnect", () => resolve());
      socket.once("error", reject);
    });
    try {
      await raceAbort(handshake, ctx, () => socket.destroy());
      const latencyMs = elapsedMs(started);
      const cert = socket.getPeerCertificate();
      if (!cert?.valid_to) throw new CheckFailure("server presented no certificate", latencyMs);

      const days = certDaysLeft(cert.valid_to);
      const fail = (message: string) => new CheckFailure(message, latencyMs);
      if (days < 0) throw fail(describeExpiry(days));
      const mismatch = tls.checkServerIdentity(name, cert);
      if (mismatch) throw fail(`hostname mismatch: ${mismatch.message}`);
      if (!config.allowUntrusted && !socket.authorized) {
        throw fail(`certificate not trusted: ${String(socket.authorizationError)}`);
      }
      if (days < config.minDays) throw fail(`${describeExpiry(days)} (minimum ${config.minDays})`);
      return {
        latencyMs,
        message: `${describeExpiry(days)} (${cert.subject?.CN ?? name})`,
        metric: days,
        metricLabel: "days to expiry",
        certDaysLeft: days,
      };
    } catch (err) {
      throw toFailure(err, config.host, config.port, elapsedMs(started));
    } finally {
      socket.destroy();
    }
  },
};
