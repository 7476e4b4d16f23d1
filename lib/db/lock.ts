// An embedded database directory opened by two processes loses acknowledged writes, so the first
// opener holds a lock file with its PID; a lock whose process is gone is stale and taken over.
import fs from "node:fs";

const held = new Set<string>();

export class DataDirInUseError extends Error {
  constructor(readonly pid: number, readonly lockFile: string) {
    super(
      `The embedded database is in use by process ${pid} (lock file ${lockFile}). ` +
        `Only one Warroom process may open it: stop that process, or set DATABASE_URL to use PostgreSQL.`,
    );
    this.name = "DataDirInUseError";
  }
}

function errCode(e: unknown): string | undefined {
  return typeof e === "object" && e !== null && "code" in e ? String((e as { code: unknown }).code) : undefined;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return errCode(e) === "EPERM";
  }
}

export function acquireLock(lockFile: string): () => void {
  for (;;) {
    const tmp = `${lockFile}.${process.pid}.tmp`;
    try {
      fs.writeFileSync(tmp, `${process.pid}\n`);
      fs.linkSync(tmp, lockFile); // atomic: fails when the lock exists
      held.add(lockFile);
      return () => {
        held.delete(lockFile);
        fs.rmSync(lockFile, { force: true });
      };
    } catch (e) {
      if (errCode(e) !== "EEXIST") throw e;
      let pid: number;
      try {
        pid = Number.parseInt(fs.readFileSync(lockFile, "utf8"), 10);
      } catch {
        continue;
      }
      // Our own PID without holding it here means an earlier incarnation (PID 1 in a restarted container).
      if (held.has(lockFile) || (pid !== process.pid && isAlive(pid))) throw new DataDirInUseError(pid, lockFile);
      fs.rmSync(lockFile, { force: true });
    } finally {
      fs.rmSync(tmp, { force: true });
    }
  }
}
