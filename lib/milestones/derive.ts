// Milestones are a pure function of what the incident recorded (declaration, status times, failing
// checks around the declaration) plus what the leader set by hand. No database, no clock.

export const MILESTONES = ["startedAt", "detectedAt", "acknowledgedAt", "mitigatedAt", "resolvedAt"] as const;
export type MilestoneKey = (typeof MILESTONES)[number];
export type Milestones = { startedAt: Date; detectedAt: Date; acknowledgedAt: Date; mitigatedAt: Date | null; resolvedAt: Date | null };

export const MILESTONE_WORD: Record<MilestoneKey, string> = {
  startedAt: "started",
  detectedAt: "detected",
  acknowledgedAt: "acknowledged",
  mitigatedAt: "mitigated",
  resolvedAt: "resolved",
};

/** A run of failures of one check that was still failing at the declaration or began just after it. */
export type FailureRun = {
  layerName: string;
  /** The check's confirmed change to down/degraded: the alert. */
  alertAt: Date;
  /** Its first failed probe of that run (before the fail threshold was crossed). */
  firstFailedAt: Date;
  /** Set when the diagnosis named this layer the likely cause. */
  cause: string | null;
};

export type DeriveInput = {
  declaredAt: Date;
  monitoringAt: Date | null;
  resolvedAt: Date | null;
  failures: FailureRun[];
  declaredLayers: string[];
  /** What the diagnosis named as the cause at the declaration (a layer name or a shared resource). */
  diagnosedCause?: string | null;
};

const min = (ds: Date[]): Date => new Date(Math.min(...ds.map((d) => d.getTime())));

/**
 * started: the first failed probe of the earliest failure run (impact began), else the declaration;
 * detected: the first alert (a check's confirmed failure), else the declaration;
 * acknowledged: the declaration (a person took the incident on);
 * mitigated: the move to monitoring, else the resolution; resolved: the resolution.
 */
export function deriveMilestones(input: DeriveInput): Milestones & { causeLayer: string | null } {
  const detectedAt = min([input.declaredAt, ...input.failures.map((f) => f.alertAt)]);
  const startedAt = min([detectedAt, ...input.failures.map((f) => f.firstFailedAt)]);
  const byTime = [...input.failures].sort((a, b) => a.alertAt.getTime() - b.alertAt.getTime());
  const causeLayer = byTime.find((f) => f.cause)?.layerName ?? input.diagnosedCause ?? byTime[0]?.layerName ?? input.declaredLayers[0] ?? null;
  return { startedAt, detectedAt, acknowledgedAt: input.declaredAt, mitigatedAt: input.monitoringAt ?? input.resolvedAt, resolvedAt: input.resolvedAt, causeLayer };
}

/** The first milestone (in order) that comes before the one preceding it, with that predecessor. */
export function orderViolation(m: Milestones): { key: MilestoneKey; before: MilestoneKey } | null {
  let prev: { key: MilestoneKey; at: Date } | null = null;
  for (const key of MILESTONES) {
    const at = m[key];
    if (!at) continue;
    if (prev && at.getTime() < prev.at.getTime()) return { key, before: prev.key };
    prev = { key, at };
  }
  return null;
}

/**
 * What the leader set stays; derived values fill the rest and are kept in order around the set ones
 * (a derived detection later than a hand-set mitigation is pulled back to it).
 */
export function mergeMilestones(derived: Milestones, stored: Partial<Milestones>, edited: readonly MilestoneKey[]): Milestones {
  const out: Milestones = { ...derived };
  for (const key of edited) if (key in stored) (out as Record<MilestoneKey, Date | null>)[key] = stored[key] ?? null;
  const fixed = new Set(edited);
  // Clamp each derived value between the latest set value before it and the earliest edited value after it.
  let floor = -Infinity;
  MILESTONES.forEach((key, i) => {
    const at = out[key];
    if (!at) return;
    if (!fixed.has(key)) {
      const ceiling = Math.min(...MILESTONES.slice(i + 1).filter((k) => fixed.has(k) && out[k]).map((k) => out[k]!.getTime()));
      const t = Math.max(floor, Math.min(at.getTime(), ceiling));
      (out as Record<MilestoneKey, Date | null>)[key] = new Date(t);
    }
    floor = Math.max(floor, out[key]!.getTime());
  });
  return out;
}

export type Durations = { detectMs: number; acknowledgeMs: number; mitigateMs: number | null; resolveMs: number | null };

/** Time to detect = detected − started; to acknowledge = acknowledged − detected; to mitigate and to resolve are counted from the start of impact. */
export function durationsOf(m: Milestones): Durations {
  const t = (d: Date) => d.getTime();
  return {
    detectMs: t(m.detectedAt) - t(m.startedAt),
    acknowledgeMs: t(m.acknowledgedAt) - t(m.detectedAt),
    mitigateMs: m.mitigatedAt ? t(m.mitigatedAt) - t(m.startedAt) : null,
    resolveMs: m.resolvedAt ? t(m.resolvedAt) - t(m.startedAt) : null,
  };
}
