// The deployment files, checked statically with real validators that install offline, plus what
// only running them shows:
//   Dockerfile       dockerfile-utils (the Dockerfile language server's validator), and its stages
//   deploy/compose   docker-compose (Debian's Compose v1) `config`, which checks it against the Compose schema
//   deploy/nginx     `nginx -t`, then nginx really proxying socket.io (polling, then the websocket
//                    upgrade) to two upstreams, and its own page when none answers
//   deploy/kubernetes  kubernetes-models (validators generated from Kubernetes' OpenAPI schemas)
// Docker itself cannot run on this machine (no daemon), so the image is not built here.
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { validate as validateDockerfile } from "dockerfile-utils";
import { Deployment } from "kubernetes-models/apps/v1";
import { Service } from "kubernetes-models/v1";
import { Ingress } from "kubernetes-models/networking.k8s.io/v1";
import { PodDisruptionBudget } from "kubernetes-models/policy/v1";
import { Server as IoServer } from "socket.io";
import { io as connect } from "socket.io-client";
import YAML from "yaml";
import { describe, expect, it } from "vitest";
import { LIVE_PATH, READY_PATH } from "@/lib/ops/probes";
import { nginxBinary } from "./helpers/nginx";

const root = path.resolve(import.meta.dirname, "../..");
const read = (p: string) => fs.readFileSync(path.join(root, p), "utf8");
const pkg = JSON.parse(read("package.json")) as { scripts: Record<string, string> };

describe("Dockerfile", () => {
  const text = read("Dockerfile");
  const lines = text.replace(/\\\n\s*/g, " ").split("\n").map((l) => l.trim()).filter((l) => l && !l.startsWith("#"));
  const stages: Array<{ name: string; lines: string[] }> = [];
  for (const l of lines) {
    const from = /^FROM\s+\S+(?:\s+AS\s+(\S+))?/i.exec(l);
    if (from) stages.push({ name: from[1] ?? String(stages.length), lines: [] });
    else stages.at(-1)?.lines.push(l);
  }
  const final = stages.at(-1)!;

  it("passes the Dockerfile validator with no diagnostics", () => {
    expect(validateDockerfile(text)).toEqual([]);
    // The validator is not vacuous.
    expect(validateDockerfile("FROM node:20\nCOPY --form=build a b\n").map((d) => d.message)).toEqual(["Unknown flag: form"]);
  });

  it("is multi-stage; the final stage runs the compiled server as a non-root user, with a health check on liveness", () => {
    expect(stages.map((s) => s.name)).toEqual(["build", "prod-deps", "runtime"]);
    const user = final.lines.filter((l) => /^USER\s/i.test(l)).at(-1);
    expect(user).toBe("USER node");
    expect(final.lines.find((l) => l.startsWith("HEALTHCHECK"))).toContain(LIVE_PATH);
    const cmd = JSON.parse(final.lines.find((l) => l.startsWith("CMD"))!.slice(3)) as string[];
    // The same node flags as `npm run serve` (what `npm start` runs).
    const serve = /node ((?:--\S+ )*)dist\/server\.js$/.exec(pkg.scripts.serve);
    expect(serve).not.toBeNull();
    expect(cmd).toEqual(["node", ...serve![1].split(" ").filter(Boolean), "dist/server.js"]);
    expect(final.lines).toContain("STOPSIGNAL SIGTERM");
  });

  it("ships production dependencies only, and copies nothing that does not exist after a build", () => {
    const deps = stages.find((s) => s.name === "prod-deps")!;
    expect(deps.lines.some((l) => /^RUN npm ci --omit=dev\b/.test(l))).toBe(true);
    expect(deps.lines.filter((l) => l.startsWith("COPY"))).toEqual(["COPY package.json package-lock.json ./"]);
    const copies = final.lines.filter((l) => l.startsWith("COPY"));
    expect(copies.filter((l) => l.includes("node_modules"))).toEqual(["COPY --from=prod-deps /app/node_modules ./node_modules"]);
    const ignored = read(".dockerignore").split("\n").filter(Boolean);
    // Build outputs, and the files the server reads at run time (relative to its working directory).
    const built = ["dist", ".next", "lib/ops/openapi.generated.json"];
    const sources = copies.flatMap((l) => l.split(/\s+/).slice(2, -1)).map((src) => src.replace(/^\/app\//, ""));
    for (const needed of ["public", "schema", "playbooks", "prisma/migrations", "stack.demo.yaml", "lib/ops/openapi.generated.json", "package.json", "next.config.ts"]) expect(sources).toContain(needed);
    for (const l of copies.filter((c) => c.startsWith("COPY --from=build"))) {
      for (const src of l.split(/\s+/).slice(2, -1)) {
        const rel = src.replace(/^\/app\//, "");
        if (built.includes(rel)) expect(pkg.scripts.build).toMatch(rel === "dist" ? /build:server/ : rel === ".next" ? /next build/ : /scripts\/openapi\.ts/);
        else {
          expect(fs.existsSync(path.join(root, rel)), `${rel} exists`).toBe(true);
          expect(ignored, `${rel} reaches the build context`).not.toContain(rel);
        }
      }
    }
  });
});

describe("compose file", () => {
  const compose = (args: string[], env: Record<string, string> = { POSTGRES_PASSWORD: "pw", WARROOM_SECRET: "s" }) =>
    spawnSync("docker-compose", ["-f", path.join(root, "deploy/compose.yaml"), ...args], { encoding: "utf8", env: { PATH: process.env.PATH ?? "", NODE_ENV: "test", ...env } });

  it("is valid for docker-compose, and says which secret is missing", () => {
    const ok = compose(["config", "-q"]);
    expect(ok.error).toBeUndefined();
    expect(ok.status, ok.stderr).toBe(0);
    const missing = compose(["config", "-q"], { POSTGRES_PASSWORD: "pw" });
    expect(missing.status).not.toBe(0);
    expect(missing.stderr).toMatch(/WARROOM_SECRET/);
    // The validator is not vacuous.
    const broken = path.join(os.tmpdir(), `warroom-compose-${process.pid}.yaml`);
    fs.writeFileSync(broken, read("deploy/compose.yaml").replace("restart: unless-stopped", "restarts: unless-stopped"));
    const bad = spawnSync("docker-compose", ["-f", broken, "config", "-q"], { encoding: "utf8", env: { PATH: process.env.PATH ?? "", NODE_ENV: "test", POSTGRES_PASSWORD: "pw", WARROOM_SECRET: "s" } });
    fs.rmSync(broken);
    expect(bad.status).not.toBe(0);
    expect(bad.stderr).toMatch(/restarts/);
  });

  it("runs PostgreSQL, Redis, two Warroom replicas gated on readiness, and nginx in front", () => {
    type Svc = { command?: string[]; profiles?: string[]; environment?: Record<string, string>; healthcheck?: { test: string[] }; depends_on?: Record<string, { condition: string }>; volumes?: string[]; networks?: Record<string, { ipv4_address?: string }>; build?: unknown; image?: string; read_only?: boolean };
    const out = compose(["config"]);
    expect(out.status, out.stderr).toBe(0);
    const config = YAML.parse(out.stdout) as { services: Record<string, Svc> };
    expect(Object.keys(config.services).sort()).toEqual(["nginx", "postgres", "redis", "warroom-1", "warroom-2", "warroom-agent"]);
    // The probe agent is opt-in (a profile), runs the compiled agent and reaches the replicas through nginx.
    const agent = config.services["warroom-agent"];
    expect(agent.profiles).toEqual(["agents"]);
    expect(agent.command).toEqual(["node", "dist/agent.js"]);
    expect(agent.environment?.WARROOM_SERVER_URL).toBe("http://nginx");
    const nginxIp = config.services.nginx.networks?.backend.ipv4_address ?? "";
    for (const name of ["warroom-1", "warroom-2"]) {
      const s = config.services[name];
      expect(s.image).toBe("warroom:local");
      expect(s.environment?.DATABASE_URL).toMatch(/^postgresql:\/\/warroom:pw@postgres:5432\/warroom$/);
      expect(s.environment?.REDIS_URL).toBe("redis://redis:6379");
      expect(s.environment?.WARROOM_SECRET).toBe("s");
      // nginx's address is inside the trusted proxy range.
      const [net24] = (s.environment?.WARROOM_TRUSTED_PROXIES ?? "").split("/");
      expect(nginxIp.split(".").slice(0, 3)).toEqual(net24.split(".").slice(0, 3));
      expect(s.healthcheck?.test.join(" ")).toContain(READY_PATH);
      expect(s.depends_on).toEqual({ postgres: { condition: "service_healthy" }, redis: { condition: "service_healthy" } });
      expect(s.read_only).toBe(true);
    }
    expect(config.services.nginx.depends_on).toEqual({ "warroom-1": { condition: "service_healthy" }, "warroom-2": { condition: "service_healthy" } });
    expect(config.services.nginx.volumes?.join(" ")).toMatch(/deploy\/nginx\.conf:\/etc\/nginx\/conf\.d\/default\.conf:ro/);
  });
});

async function freePort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((r) => s.listen(0, "127.0.0.1", r));
  const { port } = s.address() as net.AddressInfo;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

/** deploy/nginx.conf inside a minimal nginx.conf, with the test's addresses instead of the compose ones. */
function nginxConfig(prefix: string, port: number, upstreams: [number, number]): string {
  const site = read("deploy/nginx.conf")
    .replace("listen 80;", `listen 127.0.0.1:${port};`)
    .replace("server warroom-1:3000", `server 127.0.0.1:${upstreams[0]}`)
    .replace("server warroom-2:3000", `server 127.0.0.1:${upstreams[1]}`)
    .replace("root /usr/share/nginx/html;", `root ${prefix};`);
  const tmp = path.join(prefix, "tmp");
  return `daemon off;\nworker_processes 1;\npid ${prefix}/nginx.pid;\nerror_log stderr warn;\nevents { worker_connections 256; }\nhttp {\n  access_log off;\n  client_body_temp_path ${tmp}/client;\n  proxy_temp_path ${tmp}/proxy;\n  fastcgi_temp_path ${tmp}/fastcgi;\n  uwsgi_temp_path ${tmp}/uwsgi;\n  scgi_temp_path ${tmp}/scgi;\n${site}\n}\n`;
}

/** A socket.io server that tells each client its name: which upstream nginx chose. */
async function upstream(name: string): Promise<{ port: number; close: () => Promise<void> }> {
  const server = http.createServer((req, res) => res.end(name));
  const io = new IoServer(server);
  io.on("connection", (s) => s.emit("upstream", name));
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return { port: (server.address() as net.AddressInfo).port, close: () => new Promise<void>((r) => io.close(() => r())) };
}

describe("nginx in front", () => {
  it("passes nginx -t, proxies socket.io through long-polling and the websocket upgrade, and answers itself when no replica does", async () => {
    const bin = nginxBinary();
    const prefix = fs.mkdtempSync(path.join(os.tmpdir(), "warroom-deploy-nginx-"));
    fs.chmodSync(prefix, 0o755);
    fs.mkdirSync(path.join(prefix, "tmp"), { mode: 0o777 });
    fs.chmodSync(path.join(prefix, "tmp"), 0o777);
    fs.copyFileSync(path.join(root, "public/maintenance.html"), path.join(prefix, "maintenance.html"));
    fs.chmodSync(path.join(prefix, "maintenance.html"), 0o644);
    const ups = [await upstream("a"), await upstream("b")];
    const port = await freePort();
    const conf = path.join(prefix, "nginx.conf");
    fs.writeFileSync(conf, nginxConfig(prefix, port, [ups[0].port, ups[1].port]));
    const test = spawnSync(bin, ["-t", "-p", prefix, "-c", conf], { encoding: "utf8" });
    expect(test.status, test.stderr).toBe(0);
    expect(test.stderr).toMatch(/syntax is ok/);

    let err = "";
    const nginx = spawn(bin, ["-p", prefix, "-c", conf], { stdio: ["ignore", "ignore", "pipe"] });
    nginx.stderr.on("data", (d: Buffer) => (err += d));
    try {
      for (let i = 0; ; i++) {
        const up = await fetch(`http://127.0.0.1:${port}/`).then(() => true, () => false);
        if (up) break;
        if (nginx.exitCode !== null || i > 200) throw new Error(`nginx did not start: ${err}`);
        await new Promise((r) => setTimeout(r, 50));
      }
      // Polling first (several requests that must reach one upstream), then the upgrade.
      const client = connect(`http://127.0.0.1:${port}`, { transports: ["polling", "websocket"], reconnection: false });
      const name = await new Promise<string>((resolve, reject) => {
        client.once("upstream", resolve);
        client.once("connect_error", reject);
      });
      expect(["a", "b"]).toContain(name);
      await new Promise<void>((resolve) => (client.io.engine.transport.name === "websocket" ? resolve() : client.io.engine.once("upgrade", () => resolve())));
      expect(client.io.engine.transport.name).toBe("websocket");
      client.close();

      // No replica answers: nginx's own page, 503 with Retry-After.
      await Promise.all(ups.map((u) => u.close()));
      const down = await fetch(`http://127.0.0.1:${port}/incidents`);
      expect(down.status).toBe(503);
      expect(down.headers.get("retry-after")).toBe("30");
      expect(await down.text()).toMatch(/Warroom is unavailable/);
    } finally {
      nginx.kill("SIGTERM");
      await new Promise((r) => nginx.once("exit", r));
      fs.rmSync(prefix, { recursive: true, force: true });
    }
  });
});

describe("Kubernetes manifests", () => {
  const dir = path.join(root, "deploy/kubernetes");
  const docs = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(".yaml") && f !== "kustomization.yaml")
    .flatMap((f) => YAML.parseAllDocuments(fs.readFileSync(path.join(dir, f), "utf8")).map((d) => d.toJS() as { kind: string; apiVersion: string; metadata: { name: string } }));
  const models = { Deployment, Service, Ingress, PodDisruptionBudget } as const;
  const one = <K extends keyof typeof models>(kind: K) => docs.find((d) => d.kind === kind) as unknown as ConstructorParameters<(typeof models)[K]>[0] & object;

  it("validate against the Kubernetes API schemas, and kustomization lists every file", () => {
    expect(docs.map((d) => `${d.apiVersion}/${d.kind}`).sort()).toEqual(["apps/v1/Deployment", "networking.k8s.io/v1/Ingress", "policy/v1/PodDisruptionBudget", "v1/Service"]);
    for (const d of docs) expect(() => new models[d.kind as keyof typeof models](d as never).validate(), `${d.kind} ${d.metadata.name}`).not.toThrow();
    const kustomization = YAML.parse(fs.readFileSync(path.join(dir, "kustomization.yaml"), "utf8")) as { resources: string[] };
    expect(kustomization.resources.sort()).toEqual(fs.readdirSync(dir).filter((f) => f.endsWith(".yaml") && f !== "kustomization.yaml").sort());
    // The validator is not vacuous.
    const broken = structuredClone(one("Deployment")) as { spec: { replicas: unknown } };
    broken.spec.replicas = "two";
    expect(() => new Deployment(broken as never).validate()).toThrow(/replicas must be integer/);
  });

  it("probe liveness and readiness on the real paths, run non-root and read-only, and agree on labels, ports and names", () => {
    const dep = one("Deployment");
    const pod = dep.spec!.template.spec!;
    const c = pod.containers[0];
    const portNames = (c.ports ?? []).map((p) => p.name);
    expect(c.livenessProbe?.httpGet?.path).toBe(LIVE_PATH);
    expect(c.startupProbe?.httpGet?.path).toBe(LIVE_PATH);
    expect(c.readinessProbe?.httpGet?.path).toBe(READY_PATH);
    for (const p of [c.livenessProbe, c.readinessProbe, c.startupProbe]) expect(portNames).toContain(p?.httpGet?.port);
    expect(c.command).toBeUndefined(); // the image's CMD: node dist/server.js
    expect(pod.securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: 1000 });
    expect(c.securityContext).toMatchObject({ allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ["ALL"] } });
    expect((c.volumeMounts ?? []).map((m) => m.mountPath).sort()).toEqual(["/app/.next/cache", "/tmp"]);
    expect(pod.terminationGracePeriodSeconds).toBeGreaterThan(10);
    const labels = dep.spec!.template.metadata!.labels!;
    expect(dep.spec!.selector.matchLabels).toEqual(labels);
    const svc = one("Service");
    expect(svc.spec!.selector).toEqual(labels);
    expect(portNames).toContain(svc.spec!.ports![0].targetPort);
    const pdb = one("PodDisruptionBudget");
    expect(pdb.spec!.selector!.matchLabels).toEqual(labels);
    expect(Number(pdb.spec!.minAvailable)).toBeLessThan(dep.spec!.replicas!);
    const backend = one("Ingress").spec!.rules![0].http!.paths[0].backend.service!;
    expect(backend.name).toBe(svc.metadata!.name);
    expect(backend.port!.name).toBe(svc.spec!.ports![0].name);
  });
});
