// Database and cache probes time the connection and the query apart: a server slow to accept
// connections is as broken for the app as a slow query, and the message must say which it is.

const ms = (n: number) => `${Math.round(n).toLocaleString("en-US")} ms`;

/** "connect 1,204 ms, SELECT 1 1 ms". */
export function timingMessage(connectMs: number, query: string, queryMs: number): string {
  return `connect ${ms(connectMs)}, ${query} ${ms(queryMs)}`;
}
