// Stack rows written straight to the database, and an engine tuned for test time scales
// (1 s intervals, short jitter, fast flushes and lease renewals).
import pino, { type Logger } from "pino";
import type { Prisma } from "@/lib/generated/prisma/client";
import { CheckEngine, type EngineOptions } from "@/lib/checks/engine/engine";
import type { RunResult } from "@/lib/checks/run";
import type { TestCore } from "./helpers/core";

export async function makeLayer(core: TestCore, name = "Web") {
  const stack = (await core.ctx.prisma.stack.findFirst()) ?? (await core.ctx.prisma.stack.create({ data: { name: "Test stack" } }));
  const position = await core.ctx.prisma.layer.count();
  return core.ctx.prisma.layer.create({ data: { stackId: stack.id, key: `layer-${position}`, position, name } });
}

export async function addCheck(core: TestCore, layerId: string, data: Omit<Prisma.CheckUncheckedCreateInput, "layerId" | "name"> & { name?: string }) {
  return core.ctx.prisma.check.create({ data: { intervalSec: 1, timeoutMs: 1000, name: data.key, ...data, layerId } });
}

/** Every run the engine made, per check: lag and result. */
export class RunLog {
  readonly lags = new Map<string, number[]>();
  readonly results = new Map<string, RunResult[]>();
  /** Outcome of every lease attempt, in order (true: this engine holds the lease). */
  readonly leaseAttempts: boolean[] = [];
  observer = {
    runStarted: (id: string, lag: number) => void (this.lags.get(id) ?? this.lags.set(id, []).get(id)!).push(lag),
    runFinished: (id: string, r: RunResult) => void (this.results.get(id) ?? this.results.set(id, []).get(id)!).push(r),
    leaseAttempted: (held: boolean) => void this.leaseAttempts.push(held),
  };
  count(id: string): number {
    return this.results.get(id)?.length ?? 0;
  }
}

/** A logger whose JSON lines the test can read. */
export function captureLog(): { log: Logger; lines: Array<Record<string, unknown>> } {
  const lines: Array<Record<string, unknown>> = [];
  const log = pino({ level: "info" }, { write: (s: string) => void lines.push(JSON.parse(s) as Record<string, unknown>) });
  return { log, lines };
}

export function testEngine(opts: EngineOptions = {}): CheckEngine {
  return new CheckEngine({
    minIntervalMs: 100,
    maxJitterMs: 50,
    flushMs: 200,
    leaseTtlMs: 2000,
    leaseRenewMs: 250,
    pollMs: 250,
    maintenanceMs: 3_600_000,
    log: pino({ level: "silent" }),
    ...opts,
  });
}

export async function waitFor<T>(what: string, fn: () => Promise<T | undefined | null | false>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export function checkState(core: TestCore, id: string, state: string) {
  return waitFor(`check ${id} to be ${state}`, async () => {
    const row = await core.ctx.prisma.check.findUnique({ where: { id } });
    return row?.state === state ? row : undefined;
  });
}
