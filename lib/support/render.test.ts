import { describe, expect, it } from "vitest";
import { ageWords, nextUpdatePhrase, renderReplies, renderTemplate, templateProblems, type ReplyFacts } from "./render";
import { DEFAULT_TEMPLATES } from "./defaults";
import { PLACEHOLDERS } from "./placeholders";
import { affectedComponents } from "./affected";
import type { PublicComponent } from "../public/state";

const facts: ReplyFacts = {
  title: "Payments are failing",
  status: "identified",
  components: [
    { name: "Checkout", status: "major_outage" },
    { name: "Emails", status: "degraded_performance" },
  ],
  latestUpdate: { body: "Card payments fail at the last step.", age: "12 minutes ago" },
  nextUpdate: "by 14:30 UTC",
  maintenance: { enabled: false, message: "" },
  statusUrl: "https://status.example.test/status",
};
const templates = DEFAULT_TEMPLATES.map((t, i) => ({ ...t, id: `t${i}` }));

describe("reply templates", () => {
  it("fills every placeholder from the public facts", () => {
    const all = PLACEHOLDERS.map((p) => `[${p.name}={{${p.name}}}]`).join(" ");
    expect(renderTemplate(all, { ...facts, maintenance: { enabled: true, message: "Back soon." } })).toBe(
      [
        "[title=Payments are failing]",
        "[status=We have found the cause and are working on a fix.]",
        "[components=Checkout and Emails]",
        "[component_statuses=Checkout: major outage; Emails: degraded performance]",
        "[latest_update=Card payments fail at the last step.]",
        "[latest_update_age=12 minutes ago]",
        "[next_update=by 14:30 UTC]",
        "[maintenance_message=Back soon.]",
        "[status_url=https://status.example.test/status]",
      ].join(" "),
    );
    expect(renderTemplate("{{ title }}!", facts)).toBe("Payments are failing!");
  });

  it("offers each template only when it applies", () => {
    expect(renderReplies(templates, facts).map((r) => r.title)).toEqual(["We know about it", "Latest update", "No workaround yet"]);
    expect(renderReplies(templates, { ...facts, latestUpdate: null }).map((r) => r.title)).toEqual(["We know about it", "No workaround yet"]);
    expect(renderReplies(templates, { ...facts, maintenance: { enabled: true, message: "Back soon." } }).map((r) => r.title)).toContain("Maintenance page");
  });

  it("gives one next-update time in every default reply, and the same word when it is late", () => {
    const now = new Date("2026-11-20T14:00:00Z");
    const due = new Date("2026-11-20T14:30:00Z");
    expect(nextUpdatePhrase(due, now, false)).toEqual({ text: "by 14:30 UTC", clock: "14:30 UTC", overdue: false });
    expect(nextUpdatePhrase(due, new Date("2026-11-20T14:31:00Z"), false)).toMatchObject({ text: "shortly", overdue: true });
    expect(nextUpdatePhrase(due, now, true).text).toBe("shortly");
    const on = { ...facts, maintenance: { enabled: true, message: "Back soon." } };
    for (const r of renderReplies(templates, on)) {
      expect(r.text).toContain("by 14:30 UTC");
      expect(r.text.match(/\d\d:\d\d UTC/g)).toEqual(["14:30 UTC"]);
    }
    for (const r of renderReplies(templates, { ...on, nextUpdate: "shortly" })) expect(r.text).not.toMatch(/\d\d:\d\d/);
  });

  it("refuses empty bodies, empty titles and unknown or unclosed placeholders, naming the field", () => {
    expect(templateProblems({ title: "A", body: "Hi {{title}}" })).toEqual({});
    expect(templateProblems({ title: "", body: "  " })).toEqual({ title: "is required", body: "is required" });
    expect(templateProblems({ title: "A", body: "About {{layer_name}} and {{impact}}" }).body).toMatch(/^uses unknown placeholders \{\{layer_name\}\}, \{\{impact\}\}; known: \{\{title\}\}/);
    expect(templateProblems({ title: "A", body: "About {{title}" }).body).toBe("has a {{ or }} that does not close a placeholder");
    for (const t of DEFAULT_TEMPLATES) expect(templateProblems(t)).toEqual({});
  });

  it("says ages the way customers read them", () => {
    expect(ageWords(20_000)).toBe("just now");
    expect(ageWords(60_000)).toBe("1 minute ago");
    expect(ageWords(12 * 60_000)).toBe("12 minutes ago");
    expect(ageWords(125 * 60_000)).toBe("2 hours 5 minutes ago");
    expect(ageWords(50 * 3600_000)).toBe("2 days ago");
  });
});

describe("affected components", () => {
  const c = (id: string, status: PublicComponent["status"]): PublicComponent => ({ id, key: id, name: id.toUpperCase(), description: "", group: null, position: 0, status, overridden: false, createdAt: "", updatedAt: "" });
  const components = [c("web", "operational"), c("pay", "operational"), c("mail", "degraded_performance")];
  const mapping = new Map([
    ["web", new Set(["L1"])],
    ["pay", new Set(["L2", "L3"])],
    ["mail", new Set(["L4"])],
  ]);
  it("maps an unpublished incident's layers, adds what is not operational, keeps the page order", () => {
    expect(affectedComponents(components, mapping, { layerIds: ["L3"], publishedComponentIds: null }).map((x) => x.id)).toEqual(["pay", "mail"]);
  });
  it("takes a published incident's own component list", () => {
    expect(affectedComponents(components, mapping, { layerIds: ["L3"], publishedComponentIds: ["web"] }).map((x) => x.id)).toEqual(["web", "mail"]);
  });
});
