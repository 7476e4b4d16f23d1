// What bench/checks.ts reads from the real server's /metrics, as Prometheus would: series summed
// over their labels, a histogram's cumulative buckets, and quantiles estimated from those buckets
// the way PromQL's histogram_quantile does (linear inside the bucket that holds the rank).

export type Scrape = { text: string; at: number };

export async function scrape(base: string, token: string): Promise<Scrape> {
  const res = await fetch(`${base}/metrics`, { headers: { authorization: `Bearer ${token}` } });
  if (!res.ok) throw new Error(`GET /metrics: ${res.status} ${await res.text()}`);
  return { text: await res.text(), at: performance.now() };
}

const SAMPLE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{[^}]*\})? (\S+)/;

/** Sum of every sample of `name` whose labels contain `labelFilter` (e.g. `result="failed"`). */
export function sum(s: Scrape, name: string, labelFilter = ""): number {
  let total = 0;
  for (const line of s.text.split("\n")) {
    const m = SAMPLE.exec(line);
    if (m && m[1] === name && (m[2] ?? "").includes(labelFilter)) total += Number(m[3]);
  }
  return total;
}

/** Cumulative counts per upper bound (`le`), +Inf last; an unlabelled histogram. */
export function buckets(s: Scrape, name: string): Array<{ le: number; count: number }> {
  const out: Array<{ le: number; count: number }> = [];
  for (const line of s.text.split("\n")) {
    const m = SAMPLE.exec(line);
    const le = m && m[1] === `${name}_bucket` ? /le="([^"]+)"/.exec(m[2] ?? "")?.[1] : undefined;
    if (m && le !== undefined) out.push({ le: le === "+Inf" ? Infinity : Number(le), count: Number(m[3]) });
  }
  return out.sort((a, b) => a.le - b.le);
}

/** Buckets of what was observed between two scrapes. */
export function delta(before: Array<{ le: number; count: number }>, after: Array<{ le: number; count: number }>): Array<{ le: number; count: number }> {
  return after.map((b) => ({ le: b.le, count: b.count - (before.find((x) => x.le === b.le)?.count ?? 0) }));
}

/** histogram_quantile: undefined without observations; the highest finite bound when the rank is in +Inf. */
export function quantile(q: number, hist: Array<{ le: number; count: number }>): number | undefined {
  const total = hist.at(-1)?.count ?? 0;
  if (!total) return undefined;
  const rank = q * total;
  let lower = 0;
  let below = 0;
  for (const b of hist) {
    if (b.count >= rank) {
      if (b.le === Infinity) return lower;
      return lower + ((b.le - lower) * (rank - below)) / Math.max(1, b.count - below);
    }
    lower = b.le;
    below = b.count;
  }
  return lower;
}

/** Share of observations at or below `le`, which must be one of the bucket bounds (then it is exact). */
export function shareWithin(le: number, hist: Array<{ le: number; count: number }>): number | undefined {
  const total = hist.at(-1)?.count ?? 0;
  const b = hist.find((x) => x.le === le);
  if (!b) throw new Error(`no bucket with le=${le}`);
  return total ? b.count / total : undefined;
}

/** The smallest bound under which every observation fell (the histogram's view of the maximum). */
export function maxBound(hist: Array<{ le: number; count: number }>): number | undefined {
  const total = hist.at(-1)?.count ?? 0;
  if (!total) return undefined;
  return hist.find((b) => b.count === total)?.le;
}
