import { Resolver } from "node:dns/promises";
import net from "node:net";
import { z } from "zod";
import { elapsedMs, raceAbort } from "./abort";
import { errorCode } from "./errors";
import { CheckFailure, type CheckDefinition } from "./types";

/** "1.2.3.4", "1.2.3.4:5353", "::1" or "[::1]:5353" — the forms Resolver#setServers accepts. */
function isResolverAddress(s: string): boolean {
  const bracketed = /^\[([^\]]+)\](?::(\d{1,5}))?$/.exec(s);
  if (bracketed) return net.isIPv6(bracketed[1]);
  if (net.isIP(s)) return true;
  const withPort = /^([\d.]+):(\d{1,5})$/.exec(s);
  return !!withPort && net.isIPv4(withPort[1]) && Number(withPort[2]) <= 65535;
}

export const dnsConfigSchema = z.object({
  name: z.string().min(1),
  recordType: z.enum(["A", "AAAA", "CNAME", "TXT"]).default("A"),
  resolver: z.string().refine(isResolverAddress, "use ip or ip:port").optional(),
  /** When given, the answer set must equal these values (order-insensitive). */
  expected: z.array(z.string().min(1)).optional(),
});
export type DnsConfig = z.output<typeof dnsConfigSchema>;

function normalize(type: DnsConfig["recordType"], value: string): string {
  if (type === "CNAME") return value.toLowerCase().replace(/\.$/, "");
  if (type === "AAAA") return value.toLowerCase();
  return value;
}

async function query(resolver: Resolver, config: DnsConfig): Promise<string[]> {
  switch (config.recordType) {
    case "A":
      return resolver.resolve4(config.name);
    case "AAAA":
      return resolver.resolve6(config.name);
    case "CNAME":
      return resolver.resolveCname(config.name);
    case "TXT":
      // A TXT record is split into ≤255-byte strings on the wire; users think of it as one value.
      return (await resolver.resolveTxt(config.name)).map((chunks) => chunks.join(""));
  }
}

function describeDnsError(err: unknown, config: DnsConfig): string {
  switch (errorCode(err)) {
    case "ENOTFOUND":
      return `${config.name} not found (NXDOMAIN)`;
    case "ENODATA":
      return `${config.name} has no ${config.recordType} records`;
    case "ETIMEOUT":
      return `DNS query for ${config.name} timed out`;
    case "ECONNREFUSED":
      return `resolver ${config.resolver ?? "(system)"} refused the query`;
    case "ESERVFAIL":
      return `resolver returned SERVFAIL for ${config.name}`;
    default:
      return err instanceof Error ? err.message : String(err);
  }
}

export const dnsCheck: CheckDefinition<DnsConfig> = {
  type: "dns",
  schema: dnsConfigSchema,
  secretFields: [],
  async run(config, ctx) {
    const started = performance.now();
    // c-ares retries on its own schedule; one try bounded by our deadline keeps timing predictable.
    const resolver = new Resolver({ timeout: ctx.timeoutMs, tries: 1 });
    if (config.resolver) resolver.setServers([config.resolver]);

    let answers: string[];
    try {
      answers = await raceAbort(query(resolver, config), ctx, () => resolver.cancel());
    } catch (err) {
      if (err instanceof CheckFailure) throw err;
      throw new CheckFailure(describeDnsError(err, config), elapsedMs(started));
    }
    const latencyMs = elapsedMs(started);
    const got = [...new Set(answers.map((a) => normalize(config.recordType, a)))].sort();
    const shown = answers.join(", ");

    if (config.expected) {
      const want = [...new Set(config.expected.map((e) => normalize(config.recordType, e)))].sort();
      const same = got.length === want.length && got.every((v, i) => v === want[i]);
      if (!same) throw new CheckFailure(`resolves to ${shown}, expected ${config.expected.join(", ")}`, latencyMs);
    }
    return { latencyMs, message: `${config.name} ${config.recordType} ${shown} in ${latencyMs} ms` };
  },
};
