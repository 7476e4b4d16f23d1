// A real probe agent process (`npm run agent`), its JSON log lines collected so a test waits for
// what the agent says instead of sleeping.
import { spawn, type ChildProcess } from "node:child_process";

export type AgentLine = { msg: string; [k: string]: unknown };
export type AgentProcess = {
  child: ChildProcess;
  lines: AgentLine[];
  /** The first line from index `from` on (default: any line so far) that matches. */
  waitFor: (pred: (l: AgentLine) => boolean, what: string, opts?: { from?: number; timeoutMs?: number }) => Promise<AgentLine>;
  /** SIGTERM: the agent sends what it holds and exits. */
  stop: () => Promise<number | null>;
  kill: () => Promise<void>;
};

export function startAgent(opts: { server: string; token: string; name: string; env?: Record<string, string>; args?: string[] }): AgentProcess {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", "scripts/agent.ts", "--server", opts.server, "--name", opts.name, "--poll-ms", "300", "--push-ms", "200", "--max-jitter-ms", "200", ...(opts.args ?? [])],
    // The token travels in the environment, as the README recommends (not visible in ps).
    { env: { NODE_ENV: "production", PATH: process.env.PATH ?? "", WARROOM_AGENT_TOKEN: opts.token, LOG_LEVEL: "debug", ...opts.env }, stdio: ["ignore", "pipe", "pipe"] },
  );
  const lines: AgentLine[] = [];
  const waiters = new Set<() => void>();
  let rest = "";
  child.stdout!.on("data", (chunk: Buffer) => {
    rest += chunk.toString("utf8");
    const parts = rest.split("\n");
    rest = parts.pop() ?? "";
    for (const p of parts) {
      try {
        lines.push(JSON.parse(p) as AgentLine);
      } catch {
        lines.push({ msg: p });
      }
    }
    for (const w of waiters) w();
  });
  let stderr = "";
  child.stderr!.on("data", (c: Buffer) => (stderr += c.toString("utf8")));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code: number | null) => resolve(code)));
  const waitFor = (pred: (l: AgentLine) => boolean, what: string, o: { from?: number; timeoutMs?: number } = {}) =>
    new Promise<AgentLine>((resolve, reject) => {
      let from = o.from ?? 0;
      const timeoutMs = o.timeoutMs ?? 60_000;
      const check = () => {
        for (; from < lines.length; from++) if (pred(lines[from])) return done(lines[from]);
      };
      const timer = setTimeout(() => {
        waiters.delete(check);
        reject(new Error(`agent ${opts.name}: no "${what}" within ${timeoutMs} ms; stderr: ${stderr.slice(-2000)}; last lines: ${JSON.stringify(lines.slice(-5))}`));
      }, timeoutMs);
      const done = (l: AgentLine) => {
        clearTimeout(timer);
        waiters.delete(check);
        resolve(l);
      };
      waiters.add(check);
      check();
    });
  return {
    child,
    lines,
    waitFor,
    stop: async () => {
      child.kill("SIGTERM");
      return exited;
    },
    kill: async () => {
      child.kill("SIGKILL");
      await exited;
    },
  };
}
