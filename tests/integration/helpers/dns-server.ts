import dgram from "node:dgram";
import net from "node:net";
import type { AddressInfo } from "node:net";

/** Minimal authoritative DNS server over UDP, enough for A/AAAA/CNAME/TXT probes in tests. */
export type DnsRecords = Record<string, { A?: string[]; AAAA?: string[]; CNAME?: string[]; TXT?: string[] }>;

export type DnsServer = {
  address: string;
  port: number;
  queries: () => number;
  /** Stops (true) or resumes answering, as a DNS server that died or came back. */
  setSilent: (silent: boolean) => void;
  close: () => Promise<void>;
};

const TYPES = { A: 1, CNAME: 5, TXT: 16, AAAA: 28 } as const;
type RecordType = keyof typeof TYPES;

function readName(msg: Buffer, offset: number): { name: string; end: number } {
  const labels: string[] = [];
  let i = offset;
  while (msg[i] !== 0) {
    const len = msg[i];
    labels.push(msg.subarray(i + 1, i + 1 + len).toString("ascii"));
    i += len + 1;
  }
  return { name: labels.join(".").toLowerCase(), end: i + 1 };
}

function encodeName(name: string): Buffer {
  const parts = name.replace(/\.$/, "").split(".").filter(Boolean);
  return Buffer.concat([...parts.map((p) => Buffer.concat([Buffer.from([p.length]), Buffer.from(p, "ascii")])), Buffer.from([0])]);
}

function ipv6Bytes(addr: string): Buffer {
  const [head, tail] = addr.includes("::") ? addr.split("::") : [addr, undefined];
  const h = head ? head.split(":") : [];
  const t = tail ? tail.split(":") : [];
  const groups = tail === undefined ? h : [...h, ...Array<string>(8 - h.length - t.length).fill("0"), ...t];
  const buf = Buffer.alloc(16);
  groups.forEach((g, i) => buf.writeUInt16BE(parseInt(g || "0", 16), i * 2));
  return buf;
}

function rdata(type: RecordType, value: string): Buffer {
  switch (type) {
    case "A":
      return Buffer.from(value.split(".").map(Number));
    case "AAAA":
      if (!net.isIPv6(value)) throw new Error(`bad AAAA ${value}`);
      return ipv6Bytes(value);
    case "CNAME":
      return encodeName(value);
    case "TXT": {
      // Split long values into 255-byte character-strings, as real servers do.
      const bytes = Buffer.from(value, "utf8");
      const chunks: Buffer[] = [];
      for (let i = 0; i < bytes.length || i === 0; i += 255) {
        const part = bytes.subarray(i, i + 255);
        chunks.push(Buffer.from([part.length]), part);
      }
      return Buffer.concat(chunks);
    }
  }
}

function answer(query: Buffer, records: DnsRecords): Buffer {
  const { name, end } = readName(query, 12);
  const qtype = query.readUInt16BE(end);
  const question = query.subarray(12, end + 4);
  const entry = records[name];
  const type = (Object.keys(TYPES) as RecordType[]).find((t) => TYPES[t] === qtype);
  const values = entry && type ? (entry[type] ?? []) : [];

  const header = Buffer.alloc(12);
  query.copy(header, 0, 0, 2); // transaction id
  const rcode = entry ? 0 : 3; // NXDOMAIN for unknown names
  header.writeUInt16BE(0x8400 | (query.readUInt16BE(2) & 0x0100) | rcode, 2); // QR, AA, echo RD
  header.writeUInt16BE(1, 4);
  header.writeUInt16BE(values.length, 6);

  const rrs = values.map((v) => {
    const data = rdata(type as RecordType, v);
    const fixed = Buffer.alloc(12);
    fixed.writeUInt16BE(0xc00c, 0); // pointer to the question name
    fixed.writeUInt16BE(qtype, 2);
    fixed.writeUInt16BE(1, 4); // IN
    fixed.writeUInt32BE(60, 6);
    fixed.writeUInt16BE(data.length, 10);
    return Buffer.concat([fixed, data]);
  });
  return Buffer.concat([header, question, ...rrs]);
}

/** `silent: true` swallows every query, to test resolver timeouts. */
export async function startDnsServer(records: DnsRecords, opts: { silent?: boolean } = {}): Promise<DnsServer> {
  const socket = dgram.createSocket("udp4");
  let queries = 0;
  let silent = opts.silent ?? false;
  socket.on("message", (msg, rinfo) => {
    queries++;
    if (silent) return;
    socket.send(answer(msg, records), rinfo.port, rinfo.address);
  });
  await new Promise<void>((resolve) => socket.bind(0, "127.0.0.1", () => resolve()));
  const { address, port } = socket.address() as AddressInfo;
  return {
    address,
    port,
    queries: () => queries,
    setSilent: (s) => void (silent = s),
    close: () => new Promise<void>((resolve) => socket.close(() => resolve())),
  };
}
