import pino from "pino";

// Keys whose values never reach a log line, wherever they appear.
const REDACT = ["password", "passwordHash", "token", "secret", "cookie", "authorization", "*.password", "*.token", "*.secret", "req.headers.cookie", "req.headers.authorization"];

export function createLogger(level = process.env.LOG_LEVEL ?? "info") {
  return pino({ level, base: { app: "warroom" }, redact: { paths: REDACT, censor: "[redacted]" }, timestamp: pino.stdTimeFunctions.isoTime });
}
