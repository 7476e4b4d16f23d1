// Sign-ups per client address (every attempt counts, accepted or not), in memory per replica.
import { FailureLimiter } from "../auth/rate-limit";

export const signupLimiter = new FailureLimiter({ max: Number(process.env.WARROOM_SUBSCRIBE_MAX_PER_IP ?? 10), windowMs: 15 * 60_000 });
