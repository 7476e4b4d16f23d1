// A TCP proxy in front of a real server whose behaviour the test sets: pass traffic, refuse
// connections (the port is really closed), hang (accept and never answer), delay connection setup,
// or flap between passing and refusing. Changing the mode drops open connections.
import net from "node:net";

export type FaultMode = { kind: "pass" } | { kind: "refuse" } | { kind: "hang" } | { kind: "delay"; ms: number } | { kind: "flap"; downMs: number; upMs: number };

export type FaultProxy = { port: number; set: (mode: FaultMode) => Promise<void>; close: () => Promise<void> };

export async function startFaultProxy(upstreamPort: number, upstreamHost = "127.0.0.1"): Promise<FaultProxy> {
  let mode: FaultMode = { kind: "pass" };
  let flapTimer: NodeJS.Timeout | undefined;
  let flapDown = false;
  const sockets = new Set<net.Socket>();
  const track = (s: net.Socket) => (sockets.add(s), s.on("close", () => sockets.delete(s)), s.on("error", () => undefined));

  const server = net.createServer((client) => {
    track(client);
    const m = mode;
    if (m.kind === "hang") return void client.resume();
    const connect = () => {
      if (client.destroyed) return;
      const upstream = net.connect(upstreamPort, upstreamHost);
      track(upstream);
      client.pipe(upstream).pipe(client);
      upstream.on("close", () => client.destroy());
      client.on("close", () => upstream.destroy());
    };
    if (m.kind === "delay") {
      client.pause();
      setTimeout(() => (client.resume(), connect()), m.ms);
    } else connect();
  });
  let listening = false;
  let port = 0;
  const open = () =>
    new Promise<void>((resolve, reject) => {
      if (listening) return resolve();
      server.once("error", reject);
      server.listen(port, "127.0.0.1", () => {
        server.off("error", reject);
        listening = true;
        port = (server.address() as net.AddressInfo).port;
        resolve();
      });
    });
  const shut = () =>
    new Promise<void>((resolve) => {
      for (const s of sockets) s.destroy();
      if (!listening) return resolve();
      listening = false;
      server.close(() => resolve());
    });
  await open();

  const set = async (next: FaultMode) => {
    clearInterval(flapTimer);
    flapTimer = undefined;
    mode = next;
    for (const s of sockets) s.destroy();
    if (next.kind === "refuse") return shut();
    await open();
    if (next.kind === "flap") {
      flapDown = false;
      const step = async () => {
        flapDown = !flapDown;
        if (flapDown) await shut();
        else await open();
        flapTimer = setTimeout(() => void step(), flapDown ? next.downMs : next.upMs);
      };
      flapTimer = setTimeout(() => void step(), next.upMs);
    }
  };
  return {
    get port() {
      return port;
    },
    set,
    close: async () => {
      clearTimeout(flapTimer);
      flapTimer = undefined;
      await shut();
    },
  };
}
