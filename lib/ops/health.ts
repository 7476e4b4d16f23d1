import { getContext, hasContext } from "../runtime/context";

export type Health = { status: "ok" | "unavailable"; live: true; database: "ok" | "down"; dbMode?: string; uptimeSec: number; error?: string };

/** Liveness is answering at all; readiness is the database answering within 2 s. */
export async function checkHealth(): Promise<Health> {
  const uptimeSec = Math.round(process.uptime());
  if (!hasContext()) return { status: "unavailable", live: true, database: "down", uptimeSec, error: "not started" };
  const ctx = getContext();
  try {
    await Promise.race([
      ctx.prisma.$queryRaw`SELECT 1`,
      new Promise((_, reject) => setTimeout(() => reject(new Error("database did not answer within 2 s")), 2000).unref()),
    ]);
    return { status: "ok", live: true, database: "ok", dbMode: ctx.dbMode, uptimeSec };
  } catch (e) {
    return { status: "unavailable", live: true, database: "down", dbMode: ctx.dbMode, uptimeSec, error: e instanceof Error ? e.message : "database error" };
  }
}
