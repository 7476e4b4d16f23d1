// The metric check examples in the README and the layer checklists are meant to be pasted into
// stack.yaml as they are: every one must pass the same validation an import does.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import YAML from "yaml";
import { validateStack } from "./schema";

const root = process.cwd();

function metricExamples(file: string): unknown[] {
  const text = fs.readFileSync(file, "utf8");
  const at = text.indexOf("\n## Metric checks");
  if (at < 0) return [];
  const section = text.slice(at + 1).split(/\n## /)[0];
  return [...section.matchAll(/```yaml\n([\s\S]*?)```/g)].flatMap((m) => {
    const doc: unknown = YAML.parse(m[1]);
    return Array.isArray(doc) ? doc : ((doc as { checks?: unknown[] }).checks ?? []);
  });
}

const files = ["README.md", ...fs.readdirSync(path.join(root, "playbooks/layers")).map((f) => `playbooks/layers/${f}`)];

describe("metric check examples", () => {
  it("the README has one for each runbook red flag", () => {
    const keys = metricExamples(path.join(root, "README.md")).map((c) => (c as { key: string }).key);
    expect(keys).toEqual(["cpu", "memory", "open-fds", "errors-5xx", "p95", "provider-429", "fds-page"]);
  });

  it.each(files.filter((f) => metricExamples(path.join(root, f)).length > 0))("%s: every example validates as a stack check", (file) => {
    const checks = metricExamples(path.join(root, file));
    const result = validateStack({ name: "examples", layers: [{ key: "examples", name: "Examples", checks }] });
    expect(result.ok ? [] : result.errors).toEqual([]);
  });

  it("the layer checklists carry examples for the app server and third parties", () => {
    expect(metricExamples(path.join(root, "playbooks/layers/app-server.md")).length).toBeGreaterThanOrEqual(5);
    expect(metricExamples(path.join(root, "playbooks/layers/third-party.md")).length).toBeGreaterThanOrEqual(2);
  });
});
