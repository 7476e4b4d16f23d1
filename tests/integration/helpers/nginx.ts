// A real nginx (Debian's nginx-light, installed by scripts/ensure-services.sh) in front of a test
// upstream, configured with exactly the snippet the war room shows (only the addresses are the
// test's). Runs in the foreground from a temp prefix: its own pid file, temp dirs and error log on
// stderr; no system nginx is involved. Used by the integration and e2e tests alike, so no "@/" imports.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { nginxSnippet } from "../../../lib/incidents/nginx-gate";

export type RunningNginx = { url: string; port: number; config: string; stderr: () => string; stop: () => Promise<void> };

const MISSING = "nginx with the auth_request module is needed: apt-get install nginx-light (scripts/ensure-services.sh does it when run as root)";

export function nginxBinary(): string {
  const candidates = [process.env.NGINX_PATH, "/usr/sbin/nginx", ...(process.env.PATH ?? "").split(":").map((d) => path.join(d, "nginx"))].filter((p): p is string => !!p);
  const bin = candidates.find((p) => fs.existsSync(p));
  if (!bin) throw new Error(MISSING);
  const v = spawnSync(bin, ["-V"], { encoding: "utf8" });
  if (!`${v.stdout}${v.stderr}`.includes("--with-http_auth_request_module")) throw new Error(`${bin} lacks the auth_request module; ${MISSING}`);
  return bin;
}

async function freePort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((resolve) => s.listen(0, "127.0.0.1", resolve));
  const { port } = s.address() as net.AddressInfo;
  await new Promise<void>((resolve) => s.close(() => resolve()));
  return port;
}

async function waitForPort(port: number, child: ChildProcess, stderr: () => string): Promise<void> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`nginx exited with ${child.exitCode}: ${stderr()}`);
    const open = await new Promise<boolean>((resolve) => {
      const s = net.connect(port, "127.0.0.1", () => (s.destroy(), resolve(true)));
      s.on("error", () => resolve(false));
    });
    if (open) return;
    if (Date.now() > deadline) throw new Error(`nginx did not listen on ${port}: ${stderr()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The whole nginx.conf: the war room's snippet inside a server { } whose site is `upstreamUrl`. */
export function nginxTestConfig(opts: { prefix: string; port: number; warroomUrl: string; upstreamUrl: string }): string {
  const indent = (text: string) => text.trimEnd().split("\n").map((l) => (l ? `        ${l}` : l)).join("\n");
  const tmp = path.join(opts.prefix, "tmp");
  return `daemon off;
worker_processes 1;
pid ${path.join(opts.prefix, "nginx.pid")};
error_log stderr warn;
events { worker_connections 256; }
http {
    access_log off;
    client_body_temp_path ${tmp}/client;
    proxy_temp_path ${tmp}/proxy;
    fastcgi_temp_path ${tmp}/fastcgi;
    uwsgi_temp_path ${tmp}/uwsgi;
    scgi_temp_path ${tmp}/scgi;
    server {
        listen 127.0.0.1:${opts.port};
${indent(nginxSnippet(opts.warroomUrl))}

        location / {
            proxy_pass ${opts.upstreamUrl};
        }
    }
}
`;
}

export async function startNginx(opts: { warroomUrl: string; upstreamUrl: string }): Promise<RunningNginx> {
  const bin = nginxBinary();
  const prefix = fs.mkdtempSync(path.join(os.tmpdir(), "warroom-nginx-"));
  // Workers drop to an unprivileged user when nginx starts as root: let them into the temp dirs.
  fs.chmodSync(prefix, 0o755);
  fs.mkdirSync(path.join(prefix, "tmp"), { mode: 0o777 });
  fs.chmodSync(path.join(prefix, "tmp"), 0o777);
  const port = await freePort();
  const config = nginxTestConfig({ prefix, port, warroomUrl: opts.warroomUrl, upstreamUrl: opts.upstreamUrl });
  const confPath = path.join(prefix, "nginx.conf");
  fs.writeFileSync(confPath, config);
  let err = "";
  const child = spawn(bin, ["-p", prefix, "-c", confPath], { stdio: ["ignore", "ignore", "pipe"] });
  child.stderr?.on("data", (d: Buffer) => (err += d.toString("utf8")));
  const stderr = () => err;
  try {
    await waitForPort(port, child, stderr);
  } catch (e) {
    child.kill("SIGKILL");
    throw e;
  }
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    config,
    stderr,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
        child.kill("SIGTERM");
        await exited;
      }
      fs.rmSync(prefix, { recursive: true, force: true });
    },
  };
}
