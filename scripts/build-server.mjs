// Compiles the custom server and the operator CLIs to plain JavaScript in dist/, so production
// starts with `node dist/server.js` (no TypeScript compiler at start-up, no tsx in the image).
// npm packages stay external (node_modules is shipped beside dist/); our own code (server.ts, lib/,
// the generated Prisma client) is bundled into one file per entry. The embedded database's thread
// (lib/db/pglite-worker.ts) is an entry of its own: the server starts it from dist/pglite-worker.js,
// and so is the one-off process that creates its cluster on a first start (dist/pglite-initdb.js).
import { build } from "esbuild";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const outdir = process.argv[2] ? path.resolve(process.argv[2]) : path.join(root, "dist");

await build({
  absWorkingDir: root,
  entryPoints: { server: "server.ts", "pglite-worker": "lib/db/pglite-worker.ts", "pglite-initdb": "lib/db/pglite-initdb.ts", "admin-create": "scripts/admin-create.ts", "stack-validate": "scripts/stack-validate.ts", agent: "scripts/agent.ts" },
  outdir,
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  packages: "external",
  sourcemap: "linked",
  logLevel: "warning",
  // The bundle is ESM: a dependency bundled in that still calls require() gets a real one.
  banner: { js: "import { createRequire as __warroomRequire } from 'node:module'; const require = __warroomRequire(import.meta.url);" },
});
console.log(`compiled server.ts, the probe agent and the CLIs to ${path.relative(root, outdir) || "."}/`);
