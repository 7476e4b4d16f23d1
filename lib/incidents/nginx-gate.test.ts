import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { GATE_PATH, nginxSnippet } from "./nginx-gate";

describe("nginx gate snippet", () => {
  const snippet = nginxSnippet("https://warroom.example.com/some/path?x=1");

  it("points the gate and the page at Warroom's origin only", () => {
    expect(snippet).toContain(`proxy_pass https://warroom.example.com${GATE_PATH};`);
    expect(snippet).toContain("proxy_pass https://warroom.example.com;");
    expect(snippet).not.toContain("/some/path");
  });

  it("is what the README shows", () => {
    const readme = fs.readFileSync(path.join(__dirname, "../../README.md"), "utf8");
    expect(readme).toContain(nginxSnippet("https://warroom.example.com").trimEnd());
  });
});
