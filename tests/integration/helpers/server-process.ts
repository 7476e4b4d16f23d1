// The real server process as production runs it: server.ts compiled to dist/server.js
// (scripts/build-server.mjs, the step `npm run build` runs), started with `node dist/server.js`.
// Next runs in dev mode here unless the caller says otherwise (a production .next build takes
// minutes; the compiled entry, the HTTP server, sockets and shutdown are the same either way).
import { execFileSync, spawn } from "node:child_process";
import net from "node:net";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "../../..");
let compiled = false;

/** Compiles server.ts once per test process, so a test always runs the current code. */
export function compiledServer(): string {
  if (!compiled) {
    execFileSync(process.execPath, ["scripts/build-server.mjs"], { cwd: root, stdio: "ignore" });
    compiled = true;
  }
  return path.join(root, "dist/server.js");
}

export function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, "127.0.0.1", () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

export type ServerProcess = ReturnType<typeof startServerProcess>;

/** `env` is merged over the test's environment; NEXT_DIST_DIR must differ per concurrent process. */
export function startServerProcess(env: Record<string, string>) {
  const child = spawn(process.execPath, [compiledServer()], {
    cwd: root,
    env: { ...process.env, HOST: "127.0.0.1", NODE_ENV: "development", NEXT_TELEMETRY_DISABLED: "1", ...env },
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (d: Buffer) => void (stdout += d));
  child.stderr.on("data", (d: Buffer) => void (stderr += d));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  /** Resolves once stdout matches `re`; rejects if the process exits first. */
  const waitFor = async (re: RegExp, what = String(re), timeoutMs = 120_000): Promise<void> => {
    const end = Date.now() + timeoutMs;
    while (!re.test(stdout)) {
      if (child.exitCode !== null) throw new Error(`server exited (${child.exitCode}) before ${what}:\n${stdout}\n${stderr}`);
      if (Date.now() > end) throw new Error(`timed out waiting for ${what}:\n${stdout}\n${stderr}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  /** Every stdout line as parsed JSON (all log lines are JSON). */
  const lines = () =>
    stdout
      .split("\n")
      .filter((l) => l.trim())
      .map((l) => JSON.parse(l) as Record<string, unknown> & { msg?: string });
  return { child, exited, waitFor, lines, stdout: () => stdout, stderr: () => stderr };
}
