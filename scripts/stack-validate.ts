// npm run stack:validate -- FILE: checks a stack.yaml (or .json) without starting the app.
import fs from "node:fs";
import { checkStackText } from "../lib/stack/io";

const file = process.argv[2];
if (!file) {
  console.error("usage: npm run stack:validate -- stack.yaml");
  process.exit(2);
}
let text: string;
try {
  text = fs.readFileSync(file, "utf8");
} catch (err) {
  console.error(`cannot read ${file}: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(2);
}
const result = checkStackText(text);
if (result.ok) {
  const checks = result.stack.layers.reduce((n, l) => n + l.checks.length, 0);
  console.log(`OK: ${file}: "${result.stack.name}", ${result.stack.layers.length} layers, ${checks} checks`);
} else {
  console.error(`${file}: ${result.errors.length} problem${result.errors.length > 1 ? "s" : ""}`);
  for (const e of result.errors) console.error(`  ${e.path}: ${e.message}`);
  process.exit(1);
}
