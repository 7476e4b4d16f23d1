// Who is on the other end, for rate limits. Forwarding headers are anyone's to write, so they are
// believed only when the connection comes from a proxy listed in WARROOM_TRUSTED_PROXIES
// (addresses or CIDRs, comma-separated, e.g. "127.0.0.1, 10.0.0.0/8").
import net from "node:net";

/** Set by server.ts from the socket on every request, overwriting whatever a client sent. */
export const PEER_HEADER = "x-warroom-peer";

const strip = (a: string) => a.trim().replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, "");

let cached: { spec: string; list: net.BlockList } | undefined;

function trustedList(): net.BlockList | null {
  const spec = process.env.WARROOM_TRUSTED_PROXIES?.trim() ?? "";
  if (!spec) return null;
  if (cached?.spec === spec) return cached.list;
  const list = new net.BlockList();
  for (const raw of spec.split(",").map((s) => s.trim()).filter(Boolean)) {
    const [addr, bits] = raw.split("/");
    const type = net.isIPv6(addr) ? "ipv6" : "ipv4";
    if (!net.isIP(addr)) throw new Error(`WARROOM_TRUSTED_PROXIES: "${raw}" is not an address or CIDR`);
    if (bits === undefined) list.addAddress(addr, type);
    else list.addSubnet(addr, Number(bits), type);
  }
  cached = { spec, list };
  return list;
}

function trusted(list: net.BlockList, addr: string): boolean {
  const type = net.isIPv6(addr) ? "ipv6" : net.isIPv4(addr) ? "ipv4" : null;
  return type !== null && list.check(addr, type);
}

/** Throws naming the bad entry: called at start so a typo stops the server instead of trusting nobody silently. */
export function checkTrustedProxies(): void {
  trustedList();
}

export function clientAddress(headers: Headers): string {
  const peer = strip(headers.get(PEER_HEADER) ?? "");
  if (!peer) return "local";
  const list = trustedList();
  if (!list || !trusted(list, peer)) return peer;
  // Each trusted proxy appends the address it saw; the rightmost one that is not ours is the client.
  const chain = (headers.get("x-forwarded-for") ?? "").split(",").map(strip).filter((a) => net.isIP(a));
  for (let i = chain.length - 1; i >= 0; i--) if (!trusted(list, chain[i])) return chain[i];
  const real = strip(headers.get("x-real-ip") ?? "");
  return chain[0] ?? (net.isIP(real) ? real : peer);
}
