// Sign-ups per client address (every attempt counts, accepted or not), counted atomically in the
// store every replica shares (Redis when REDIS_URL, else the database), like sign-in attempts.
import { attemptStore } from "../auth/login-limit";

const WINDOW_MS = 15 * 60_000;
const maxPerClient = () => Number(process.env.WARROOM_SUBSCRIBE_MAX_PER_IP ?? 10);

/** Counts this sign-up; seconds to wait when the address is over the limit, else 0. */
export async function countSignup(client: string): Promise<number> {
  const hit = await (await attemptStore()).hit(`signup:${client}`, WINDOW_MS);
  return hit.count > maxPerClient() ? hit.retryAfterSec : 0;
}
