// Which database the integration tests run on, shared by the per-run template (template-db.ts) and
// the per-file copies (core.ts).
export const TEST_PG_URL = process.env.TEST_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/test";
export const testDbKind = (process.env.WARROOM_TEST_DB ?? "postgres") as "postgres" | "pglite";

/** The URL of another database on the same PostgreSQL server. */
export function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}
