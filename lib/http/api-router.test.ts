import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { generateApiRoutes } from "../../scripts/api-routes";
import { ApiRouter, type RouteModule } from "./api-router";

const handler = (name: string) => Object.assign(async () => new Response(name), { label: name });
const mod = (methods: Record<string, string>): RouteModule => Object.fromEntries(Object.entries(methods).map(([m, n]) => [m, handler(n)]));

const router = new ApiRouter([
  { path: "/api/incidents/[id]", module: mod({ GET: "one", PATCH: "edit" }) },
  { path: "/api/incidents", module: mod({ GET: "list", POST: "create" }) },
  { path: "/api/incidents/[id]/updates/[kind]", module: mod({ GET: "by-kind" }) },
  { path: "/api/incidents/[id]/updates/draft", module: mod({ GET: "draft" }) },
  { path: "/api/files/[...path]", module: mod({ GET: "file" }) },
  { path: "/api/docs/[[...page]]", module: mod({ GET: "docs" }) },
]);
const label = (method: string, p: string) => {
  const found = router.find(method, p);
  return found && { name: (found.handler as unknown as { label: string }).label, params: found.params };
};

describe("the API router", () => {
  it("is generated from every route file (the committed table is current)", () => {
    expect(fs.readFileSync("lib/http/api-routes.generated.ts", "utf8")).toBe(generateApiRoutes());
  });

  it("matches static segments before [params] before [...rest], as Next does", () => {
    expect(label("GET", "/api/incidents/abc/updates/draft")).toEqual({ name: "draft", params: { id: "abc" } });
    expect(label("GET", "/api/incidents/abc/updates/public")).toEqual({ name: "by-kind", params: { id: "abc", kind: "public" } });
    expect(label("GET", "/api/incidents")).toEqual({ name: "list", params: {} });
    expect(label("PATCH", "/api/incidents/a%20b")).toEqual({ name: "edit", params: { id: "a b" } });
    expect(label("GET", "/api/files/a/b/c")).toEqual({ name: "file", params: { path: ["a", "b", "c"] } });
    expect(label("GET", "/api/files")).toBeNull();
    expect(label("GET", "/api/docs")).toEqual({ name: "docs", params: {} });
    expect(label("GET", "/api/docs/x/y")).toEqual({ name: "docs", params: { page: ["x", "y"] } });
  });

  it("leaves to Next what the table does not answer: other methods, HEAD, trailing slashes, unknown paths, bad escapes", () => {
    expect(label("DELETE", "/api/incidents/abc")).toBeNull();
    expect(label("HEAD", "/api/incidents")).toBeNull();
    expect(label("OPTIONS", "/api/incidents")).toBeNull();
    expect(label("GET", "/api/incidents/")).toBeNull();
    expect(label("GET", "/api/incidents/abc/nothing")).toBeNull();
    expect(label("GET", "/api/incidents/%E0%A4%A")).toBeNull();
  });
});
