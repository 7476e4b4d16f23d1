// The embedded database's lock file: a live holder keeps a second opener out; a holder killed with
// kill -9 (no chance to remove its lock) leaves a stale lock that the next opener takes over,
// and what the killed process had committed is there. Always PGlite, whatever WARROOM_TEST_DB says.
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { openDb } from "@/lib/db/open";
import { DataDirInUseError } from "@/lib/db/lock";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "warroom-lock-"));
const dataDir = path.join(dir, "pglite");
const lockFile = `${dataDir}.lock`;
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("embedded database lock", () => {
  it("refuses a second opener while the holder lives, and takes over the stale lock after kill -9", async () => {
    const child = spawn(process.execPath, ["--import", "tsx", "tests/integration/fixtures/hold-db.ts", dataDir], { stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on("exit", (_code, signal) => resolve(signal)));
    try {
      await new Promise<void>((resolve, reject) => {
        const onData = (d: Buffer) => {
          out += d;
          if (/holding \d+/.test(out)) resolve();
        };
        child.stdout.on("data", onData);
        child.stderr.on("data", onData);
        void exited.then(() => reject(new Error(`holder exited early:\n${out}`)));
      });
      expect(fs.readFileSync(lockFile, "utf8").trim()).toBe(String(child.pid));
      await expect(openDb({ databaseUrl: undefined, dataDir })).rejects.toBeInstanceOf(DataDirInUseError);
    } finally {
      child.kill("SIGKILL");
    }
    expect(await exited).toBe("SIGKILL");
    // The dead process could not clean up: its lock is still there, naming it.
    expect(fs.readFileSync(lockFile, "utf8").trim()).toBe(String(child.pid));

    const db = await openDb({ databaseUrl: undefined, dataDir });
    try {
      expect(fs.readFileSync(lockFile, "utf8").trim()).toBe(String(process.pid));
      expect(await db.prisma.setting.findUnique({ where: { key: "written-before-kill" } })).toMatchObject({ value: String(child.pid) });
    } finally {
      await db.close();
    }
    expect(fs.existsSync(lockFile)).toBe(false);
  }, 120_000);
});
