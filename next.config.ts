import type { NextConfig } from "next";

const config: NextConfig = {
  // Server-only packages with native or wasm parts stay outside the bundle.
  serverExternalPackages: [
    "@electric-sql/pglite",
    "@electric-sql/pglite-socket",
    "@prisma/schema-engine-wasm",
    "pino",
    "prom-client",
    "ioredis",
    "mysql2",
    "pg",
  ],
  // Separate build dirs let several dev servers run side by side (NEXT_DIST_DIR=.next-foo).
  distDir: process.env.NEXT_DIST_DIR ?? ".next",
  // Next rewrites its tsconfig per build dir; keep that churn out of the one `tsc` uses.
  typescript: { tsconfigPath: "tsconfig.next.json" },
  poweredByHeader: false,
  // Requests are logged by server.ts as JSON (WARROOM_ACCESS_LOG=1); Next's dev request lines are plain text.
  logging: { incomingRequests: false },
  typedRoutes: false,
};

export default config;
