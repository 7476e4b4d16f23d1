// What the stack map shows of a check run from several vantages (no server imports: the browser renders it).
import type { Status } from "../stack/status";

export type VantageView = {
  vantage: string;
  /** "unknown" while the agent is offline, whatever it said last. */
  state: Status;
  offline: boolean;
  message: string;
  lastCheckedAt: string | null;
};

export type CheckVantages = {
  /** Down needs this many of `of` vantages. */
  needed: number;
  of: number;
  /** "down from eu-1, up from office"; null while they agree. */
  disagreement: string | null;
  vantages: VantageView[];
};
