import { z } from "zod";
import { getContext, hasContext } from "../runtime/context";

export type Health = { status: "ok" | "unavailable"; live: true; database: "ok" | "down"; dbMode?: string; uptimeSec: number; error?: string };

/** GET /api/health (200 ok, 503 unavailable). Probes should prefer /api/health/live and /api/health/ready (lib/ops/probes.ts). */
export const healthResponse = z.object({
  status: z.enum(["ok", "unavailable"]),
  live: z.literal(true),
  database: z.enum(["ok", "down"]),
  dbMode: z.string().optional(),
  uptimeSec: z.number().int(),
  error: z.string().optional(),
});
export const healthConforms = (h: Health): z.input<typeof healthResponse> => h;

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
