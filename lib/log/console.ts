// Libraries (Next among them) write to the console; in the server every line must be JSON, so the
// console is routed into the logger. Text meant for a person at a terminal uses toTerminal().
import { format } from "node:util";
import type { Logger } from "pino";

// eslint-disable-next-line no-control-regex -- ANSI colour escapes are control sequences
const ANSI = /\u001b\[[0-9;]*m/g;

export function routeConsoleToLog(log: Logger): void {
  const as = (level: "info" | "warn" | "error" | "debug") => (...args: unknown[]) => {
    const msg = format(...args).replace(ANSI, "").trim();
    if (msg) log[level]({ source: "console" }, msg);
  };
  console.log = as("info");
  console.info = as("info");
  console.warn = as("warn");
  console.error = as("error");
  console.debug = as("debug");
}
