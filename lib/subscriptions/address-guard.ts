// Subscriber webhooks are URLs typed by anonymous visitors, so the server must not be made to POST
// into its own network (SSRF): loopback, private, link-local, carrier-grade NAT, multicast and
// reserved addresses are refused, both at sign-up and again just before each send (DNS can change).
// WARROOM_ALLOW_PRIVATE_SUBSCRIBER_WEBHOOKS=1 lifts this for tests and closed networks.
import { BlockList, isIP } from "node:net";
import { lookup } from "node:dns/promises";

const blocked = new BlockList();
for (const [net, prefix] of [
  ["0.0.0.0", 8],
  ["10.0.0.0", 8],
  ["100.64.0.0", 10],
  ["127.0.0.0", 8],
  ["169.254.0.0", 16],
  ["172.16.0.0", 12],
  ["192.0.0.0", 24],
  ["192.0.2.0", 24],
  ["192.168.0.0", 16],
  ["198.18.0.0", 15],
  ["198.51.100.0", 24],
  ["203.0.113.0", 24],
  ["224.0.0.0", 4],
  ["240.0.0.0", 4],
] as const)
  blocked.addSubnet(net, prefix, "ipv4");
for (const [net, prefix] of [
  ["::", 128],
  ["::1", 128],
  ["64:ff9b::", 96],
  ["100::", 64],
  ["2001:db8::", 32],
  ["fc00::", 7],
  ["fe80::", 10],
  ["fec0::", 10],
  ["ff00::", 8],
] as const)
  blocked.addSubnet(net, prefix, "ipv6");

/** True for any address a public webhook must not point at (IPv4-mapped IPv6 judged as IPv4). */
export function isPrivateAddress(ip: string): boolean {
  const kind = isIP(ip);
  if (kind === 4) return blocked.check(ip, "ipv4");
  if (kind !== 6) return true;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (mapped) return blocked.check(mapped[1], "ipv4");
  return blocked.check(ip, "ipv6");
}

export function privateWebhooksAllowed(): boolean {
  return process.env.WARROOM_ALLOW_PRIVATE_SUBSCRIBER_WEBHOOKS === "1";
}

/** Why `url` may not receive subscriber webhooks, or null when it may. Resolves the host name. */
export async function webhookTargetProblem(url: string): Promise<string | null> {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return "must be an http:// or https:// URL";
  }
  if (u.protocol !== "http:" && u.protocol !== "https:") return "must be an http:// or https:// URL";
  if (!u.hostname) return "must name a host";
  if (u.username || u.password) return "must not contain a user name or password";
  if (privateWebhooksAllowed()) return null;
  const host = u.hostname.replace(/^\[|\]$/g, "");
  let addresses: string[];
  try {
    addresses = isIP(host) ? [host] : (await lookup(host, { all: true, verbatim: true })).map((a) => a.address);
  } catch {
    return "names a host that cannot be resolved";
  }
  if (!addresses.length || addresses.some(isPrivateAddress)) return "must point at a public internet address (not loopback, private or link-local)";
  return null;
}
