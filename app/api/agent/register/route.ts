import { route } from "@/lib/http/route";
import { registerInput, registerResponse } from "@/lib/agents/api";
import { registerAgent } from "@/lib/agents/contact";
import { assignmentPollMs, MAX_RESULTS_PER_PUSH, pushMs } from "@/lib/agents/config";
import { maxBodyBytes } from "@/lib/http/body-limit";

/** An agent says hello at start: its name must be the one its token was made for. */
export const POST = route({ access: "agent", body: registerInput, response: registerResponse }, async ({ agent, body }) => {
  await registerAgent(agent, body);
  return { agent, pollMs: assignmentPollMs(), pushMs: pushMs(), maxResultsPerPush: MAX_RESULTS_PER_PUSH, maxPushBytes: maxBodyBytes() };
});
