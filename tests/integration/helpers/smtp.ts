// Starts the SMTP sink (smtp-sink.ts) as a child process and reads what it received with mailparser.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { simpleParser, type ParsedMail } from "mailparser";

export type Mail = ParsedMail & { file: string; raw: string; rcptTo: string };

export type SmtpSink = {
  url: string;
  dir: string;
  /** Every message received so far, oldest first. */
  messages: () => Promise<Mail[]>;
  /** Waits until `pred` holds for some message (and returns it); fails after `timeoutMs`. */
  waitFor: (pred: (m: Mail) => boolean, timeoutMs?: number) => Promise<Mail>;
  close: () => Promise<void>;
};

export async function readMailDir(dir: string): Promise<Mail[]> {
  const files = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith(".eml")).sort() : [];
  return Promise.all(
    files.map(async (f) => {
      const raw = fs.readFileSync(path.join(dir, f), "utf8");
      const parsed = await simpleParser(raw);
      const rcpt = parsed.headers.get("x-sink-rcpt-to");
      return Object.assign(parsed, { file: f, raw, rcptTo: typeof rcpt === "string" ? rcpt : "" });
    }),
  );
}

export async function startSmtpSink(): Promise<SmtpSink> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "warroom-mail-"));
  const script = path.resolve(import.meta.dirname, "smtp-sink.ts");
  const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", script, "--dir", dir], { stdio: ["ignore", "pipe", "inherit"] });
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("the SMTP sink did not start within 15 s")), 15_000);
    child.once("exit", (code) => reject(new Error(`the SMTP sink exited with ${code}`)));
    child.stdout?.on("data", (d: Buffer) => {
      const m = /listening (\d+)/.exec(d.toString());
      if (m) {
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    });
  });
  const messages = () => readMailDir(dir);
  return {
    url: `smtp://127.0.0.1:${port}`,
    dir,
    messages,
    waitFor: async (pred, timeoutMs = 10_000) => {
      const end = Date.now() + timeoutMs;
      for (;;) {
        const hit = (await messages()).find(pred);
        if (hit) return hit;
        if (Date.now() > end) throw new Error("no matching message arrived at the SMTP sink");
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    close: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once("exit", r));
        child.kill("SIGTERM");
        await exited;
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
