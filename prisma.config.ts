import path from "node:path";
import { defineConfig } from "prisma/config";

// The Prisma CLI would download a native schema engine; this machine class is offline, so the CLI
// is pointed at a Node stand-in that runs Prisma's WebAssembly engine (scripts/prisma-wasm/).
process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= path.resolve("scripts/prisma-wasm/schema-engine.mjs");

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "" },
});
