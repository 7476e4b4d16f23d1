import { mkdtemp, mkdir, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  InvalidPlaybookIdError,
  LAYER_KEYS,
  PlaybookFormatError,
  clearPlaybookCache,
  getLayerChecklist,
  getScenario,
  listLayerChecklists,
  listScenarios,
  parseScenario,
  parseTaskLine,
  validatePlaybooks,
} from "./index";

const EXPECTED_SCENARIOS = ["backend-down", "code-running-down", "dependency-down", "site-does-not-load", "site-slow"];

describe("repository playbooks", () => {
  beforeEach(() => {
    delete process.env.WARROOM_PLAYBOOKS_DIR;
    clearPlaybookCache();
  });

  it("loads every scenario with tasks in at least three tracks", async () => {
    const summaries = await listScenarios();
    expect(summaries.map((s) => s.id).sort()).toEqual(EXPECTED_SCENARIOS);
    for (const summary of summaries) {
      const scenario = await getScenario(summary.id);
      expect(scenario, summary.id).not.toBeNull();
      if (!scenario) continue;
      expect(scenario.id).toBe(summary.id);
      expect(scenario.title.length).toBeGreaterThan(0);
      expect(scenario.summary).not.toContain("\n");
      expect(scenario.body).toContain("## Tasks");
      expect(scenario.tasks.length, summary.id).toBeGreaterThanOrEqual(6);
      expect(scenario.tasks.length, summary.id).toBeLessThanOrEqual(12);
      const tracks = new Set(scenario.tasks.map((t) => t.track));
      expect(tracks.size, `${summary.id} tracks`).toBeGreaterThanOrEqual(3);
      expect(tracks.has("top_down") && tracks.has("bottom_up") && tracks.has("restore") && tracks.has("follow_up")).toBe(true);
      for (const task of scenario.tasks) {
        expect(task.title.length).toBeGreaterThan(0);
        expect(task.details.length).toBeGreaterThan(0);
        expect(task.title).not.toContain(" — ");
      }
      expect(scenario.body).toMatch(/15 minutes/);
      expect(scenario.body.toLowerCase()).toMatch(/suspect/);
    }
  });

  it("has a checklist for every layer key, and every key used by a scenario exists", async () => {
    const layers = await listLayerChecklists();
    expect(layers.map((l) => l.layer)).toEqual([...LAYER_KEYS]);
    for (const layer of layers) {
      expect(layer.items.length, layer.layer).toBeGreaterThanOrEqual(4);
      expect(layer.items.length, layer.layer).toBeLessThanOrEqual(8);
      // KEYS * may only ever be mentioned as something not to do.
      for (const line of layer.body.split("\n").filter((l) => l.includes("KEYS *"))) {
        expect(line, layer.layer).toMatch(/never/i);
      }
    }
    const known = new Set(layers.map((l) => l.layer));
    for (const summary of await listScenarios()) {
      const scenario = await getScenario(summary.id);
      for (const task of scenario?.tasks ?? []) {
        if (task.layerKey) expect(known.has(task.layerKey), `${summary.id}: ${task.layerKey}`).toBe(true);
      }
    }
    expect(await validatePlaybooks()).toEqual([]);
  });

  it("returns null for an unknown id and caches parsed files", async () => {
    expect(await getScenario("no-such-scenario")).toBeNull();
    expect(await getLayerChecklist("no-such-layer")).toBeNull();
    const first = await getScenario("backend-down");
    const second = await getScenario("backend-down");
    expect(second).toBe(first);
    const db = await getLayerChecklist("database");
    expect(db?.title).toBe("Database");
  });
});

describe("task line parsing", () => {
  it("parses a tricky line: layer key, hyphens, a second dash and braces in the details", () => {
    const task = parseTaskLine(
      "- [bottom-up] {app-workers} Re-check the worker pool — sample it twice — use {LLEN queue} or DBSIZE, never KEYS *",
    );
    expect(task).toEqual({
      track: "bottom_up",
      layerKey: "app-workers",
      title: "Re-check the worker pool",
      details: "sample it twice — use {LLEN queue} or DBSIZE, never KEYS *",
    });
  });

  it("maps every track label and allows a missing layer key", () => {
    expect(parseTaskLine("- [top-down] A — b")).toEqual({ track: "top_down", title: "A", details: "b" });
    expect(parseTaskLine("- [follow-up] Write it up -- with ASCII dashes")).toEqual({
      track: "follow_up",
      title: "Write it up",
      details: "with ASCII dashes",
    });
    expect(parseTaskLine("- [corrective] X — y")).toMatchObject({ track: "corrective" });
    expect(parseTaskLine("- [restore] X — y")).toMatchObject({ track: "restore" });
  });

  it("reports bad lines", () => {
    expect(parseTaskLine("- [sideways] X — y")).toHaveProperty("problem");
    expect(parseTaskLine("- [restore] {Bad Key} X — y")).toHaveProperty("problem");
    expect(parseTaskLine("- [restore] no separator here")).toHaveProperty("problem");
    expect(parseTaskLine("- Title — details")).toHaveProperty("problem");
  });

  it("throws a named error for a malformed scenario file", () => {
    const good = "---\nid: x\ntitle: X\nsummary: s\nseverity: SEV2\n---\n\n## Tasks\n\n- [restore] A — b\n";
    expect(parseScenario(good, "x.md", "x").tasks).toHaveLength(1);
    expect(() => parseScenario(good.replace("[restore]", "[later]"), "bad.md")).toThrow(/bad\.md.*unknown track/);
    expect(() => parseScenario(good.replace("SEV2", "SEV9"), "bad.md")).toThrow(/bad\.md.*severity/);
    expect(() => parseScenario(good, "bad.md", "y")).toThrow(PlaybookFormatError);
    expect(() => parseScenario(good.replace("## Tasks", "## Steps"), "bad.md")).toThrow(/missing '## Tasks'/);
    expect(() => parseScenario("no front matter", "bad.md")).toThrow(/bad\.md.*front matter/);
    expect(() => parseScenario("---\nid: [x\n---\n", "bad.md")).toThrow(/bad\.md.*YAML/);
  });
});

describe("id validation and directory override", () => {
  let dir = "";

  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), "warroom-playbooks-"));
    await mkdir(path.join(dir, "scenarios"));
    await mkdir(path.join(dir, "layers"));
    process.env.WARROOM_PLAYBOOKS_DIR = dir;
    clearPlaybookCache();
  });

  afterEach(async () => {
    delete process.env.WARROOM_PLAYBOOKS_DIR;
    clearPlaybookCache();
    await rm(dir, { recursive: true, force: true });
  });

  it("rejects ids that could escape the directory", async () => {
    for (const bad of ["../etc/passwd", "..", "a/b", "Backend-Down", "", "x.md", "a b"]) {
      await expect(getScenario(bad)).rejects.toBeInstanceOf(InvalidPlaybookIdError);
      await expect(getLayerChecklist(bad)).rejects.toBeInstanceOf(InvalidPlaybookIdError);
    }
  });

  it("reads from WARROOM_PLAYBOOKS_DIR and names a malformed file", async () => {
    await writeFile(
      path.join(dir, "scenarios", "ok.md"),
      "---\nid: ok\ntitle: OK\nsummary: fine\nseverity: SEV3\n---\n\nIntro.\n\n## Tasks\n\n- [top-down] {database} Look — at it\n  continued here\n\n## Notes\n\n- not a task\n",
    );
    await writeFile(path.join(dir, "scenarios", "README.txt"), "ignored");
    const ok = await getScenario("ok");
    expect(ok?.tasks).toEqual([{ track: "top_down", layerKey: "database", title: "Look", details: "at it continued here" }]);
    expect((await listScenarios()).map((s) => s.id)).toEqual(["ok"]);

    await writeFile(path.join(dir, "layers", "broken.md"), "---\nlayer: broken\ntitle: Broken\n---\n\n## Checklist\n\n- no separator\n");
    await expect(getLayerChecklist("broken")).rejects.toThrow(/broken\.md.*checklist item on body line/);
    await expect(listLayerChecklists()).rejects.toThrow(PlaybookFormatError);
  });
});
