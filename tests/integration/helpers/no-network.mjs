// Preloaded (NODE_OPTIONS=--import) into a tool the tests run, to prove it works offline: every
// outgoing connection, DNS lookup or fetch is written to WARROOM_NET_LOG and refused.
import fs from "node:fs";
import net from "node:net";
import dns from "node:dns";
const log = (what) => fs.appendFileSync(process.env.WARROOM_NET_LOG, `${what}\n`);
const connect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function (...args) {
  // net.connect() hands over its normalised [options, callback] pair as the first argument.
  const first = Array.isArray(args[0]) ? args[0][0] : args[0];
  const opts = typeof first === "object" && first !== null ? first : { port: first, host: args[1] };
  if (opts.path) return connect.apply(this, args);
  log(`connect ${opts.host ?? "localhost"}:${opts.port}`);
  throw new Error("network refused in this test");
};
dns.lookup = (host, ...rest) => {
  log(`dns ${host}`);
  const cb = rest.pop();
  process.nextTick(() => cb(new Error("network refused in this test")));
};
globalThis.fetch = async (input) => {
  log(`fetch ${typeof input === "string" ? input : input.url ?? String(input)}`);
  throw new Error("network refused in this test");
};
