import { describe, expect, it } from "vitest";
import { inline, parseMarkdown } from "./markdown";

describe("inline", () => {
  it("finds bold, italics and code, leaving identifiers with underscores alone", () => {
    expect(inline("**Suspect:** pool_size is `100` _really_")).toEqual([
      { kind: "strong", text: "Suspect:" },
      { kind: "text", text: " pool_size is " },
      { kind: "code", text: "100" },
      { kind: "text", text: " " },
      { kind: "em", text: "really" },
    ]);
  });
  it("unescapes what the draft escaped", () => {
    expect(inline("\\# not a heading")).toEqual([{ kind: "text", text: "# not a heading" }]);
  });
});

describe("parseMarkdown", () => {
  it("splits paragraphs and nested lists with task boxes", () => {
    const blocks = parseMarkdown("First line\nsecond line\n\n- [ ] Check the pool\n  - **Suspect:** full\n- [x] Restart\n\n_No decisions._");
    expect(blocks).toEqual([
      { kind: "p", content: [{ kind: "text", text: "First line\nsecond line" }] },
      {
        kind: "list",
        items: [
          { depth: 0, box: "open", content: [{ kind: "text", text: "Check the pool" }] },
          { depth: 1, box: null, content: [{ kind: "strong", text: "Suspect:" }, { kind: "text", text: " full" }] },
          { depth: 0, box: "done", content: [{ kind: "text", text: "Restart" }] },
        ],
      },
      { kind: "p", content: [{ kind: "em", text: "No decisions." }] },
    ]);
  });
});
