// Writes schema/stack.schema.json, the JSON Schema of stack.yaml (`npm run schema`; a unit test
// fails when the committed file is stale).
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { stackJsonSchema } from "../lib/stack/json-schema";

export const STACK_SCHEMA_FILE = "schema/stack.schema.json";

export function renderStackSchema(): string {
  return JSON.stringify(stackJsonSchema(), null, 2) + "\n";
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  fs.writeFileSync(path.resolve(STACK_SCHEMA_FILE), renderStackSchema());
  console.log(`wrote ${STACK_SCHEMA_FILE}`);
}
