import { runCheck, type RunResult } from "@/lib/checks/run";
import type { CheckDefinition } from "@/lib/checks/types";

/** Parses `input` with the type's schema (so defaults apply) and runs it under a deadline. */
export function probe<C>(def: CheckDefinition<C>, input: unknown, timeoutMs = 3000): Promise<RunResult> {
  return runCheck(def, def.schema.parse(input), { timeoutMs });
}

export function failure(result: RunResult): string {
  if (result.ok) throw new Error(`expected failure, got success: ${result.outcome.message}`);
  return result.message;
}

export function success(result: RunResult) {
  if (!result.ok) throw new Error(`expected success, got failure: ${result.message}`);
  return result.outcome;
}
