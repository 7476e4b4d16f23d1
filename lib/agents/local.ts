// The server as one vantage among others: the engine hands the results of checks that also run on
// agents here instead of judging them itself.
import type { RunResult } from "../checks/run";
import { toAgentResult } from "./result";
import { ingestResults } from "./ingest";
import { SERVER } from "./placement";

export async function ingestServerResult(checkId: string, result: RunResult, startedAt: number): Promise<void> {
  await ingestResults(SERVER, [toAgentResult(checkId, result, startedAt)]);
}
