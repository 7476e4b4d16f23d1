// Where a check runs (stack.yaml `runOn`, `spread`, `quorum`): on the server, on named probe
// agents, on every agent, or everywhere; optionally on only K of its agents (scale-out); and how
// many of its vantages must say down before the check is down.
import { z } from "zod";

export const vantageName = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, "use lowercase letters, digits and dashes").max(64);

/** Words with a meaning of their own; an agent cannot be called "all" or "agents". */
export const RUN_ON_WORDS = ["server", "all", "agents"] as const;

export const runOnSchema = z.union([z.enum(RUN_ON_WORDS), z.array(vantageName).min(1, "name at least one vantage")], {
  error: 'use "server", "all", "agents" or a list of vantage names',
});
export type RunOn = z.output<typeof runOnSchema>;

export const vantageCheckFields = {
  /** server (default): the Warroom server; a list: those vantages ("server" and agent names); agents: every agent; all: the server and every agent. */
  runOn: runOnSchema.default("server"),
  /** Run on only K of the agents named by runOn, chosen among the online ones; adding an agent takes load off the others. */
  spread: z.number().int().min(1).max(64).optional(),
  /** Down when at least this many of its vantages say down (default: a majority). */
  quorum: z.number().int().min(1).max(64).optional(),
};

type Issue = { path: string; message: string };
const asObject = (v: unknown): Record<string, unknown> => (v !== null && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : {});
const asArray = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

/** Rules across fields: a heartbeat is received by the server, spread picks agents, quorum fits the vantages. */
export function vantageIssues(input: unknown): Issue[] {
  const issues: Issue[] = [];
  asArray(asObject(input).layers).forEach((rawLayer, li) => {
    asArray(asObject(rawLayer).checks).forEach((rawCheck, ci) => {
      const c = asObject(rawCheck);
      const cp = `layers[${li}].checks[${ci}]`;
      const runOn = c.runOn;
      const list = Array.isArray(runOn) ? runOn.filter((v): v is string => typeof v === "string") : null;
      if (list && new Set(list).size !== list.length) issues.push({ path: `${cp}.runOn`, message: "a vantage is listed twice" });
      if (list?.some((v) => v === "all" || v === "agents")) issues.push({ path: `${cp}.runOn`, message: '"all" and "agents" stand alone, not inside a list' });
      if (c.type === "heartbeat" && runOn !== undefined && runOn !== "server")
        issues.push({ path: `${cp}.runOn`, message: "a heartbeat is received by the server: it can only run on the server" });
      const spread = typeof c.spread === "number" ? c.spread : undefined;
      if (spread !== undefined) {
        if (runOn === undefined || runOn === "server" || runOn === "all" || list?.includes("server"))
          issues.push({ path: `${cp}.spread`, message: 'spread picks agents: use runOn "agents" or a list of agent names' });
        else if (list && spread > list.length) issues.push({ path: `${cp}.spread`, message: `only ${list.length} vantage${list.length > 1 ? "s" : ""} listed in runOn` });
      }
      const quorum = typeof c.quorum === "number" ? c.quorum : undefined;
      const m = spread ?? list?.length ?? (runOn === undefined || runOn === "server" ? 1 : undefined);
      if (quorum !== undefined && m !== undefined && quorum > m) issues.push({ path: `${cp}.quorum`, message: `the check runs on ${m} vantage${m > 1 ? "s" : ""}: the quorum cannot be more` });
    });
  });
  return issues;
}
