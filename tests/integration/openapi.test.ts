import { describe, expect, it } from "vitest";
import { generateOpenApi } from "@/scripts/openapi";

type Op = { "x-warroom-access": string; security: unknown[]; requestBody?: { content: { "application/json": { schema: { properties?: Record<string, unknown> } } } } };

describe("OpenAPI description", () => {
  it("describes every route with its access rule and request schema", async () => {
    const doc = JSON.parse(await generateOpenApi()) as { openapi: string; paths: Record<string, Record<string, Op>> };
    expect(doc.openapi).toBe("3.1.0");
    const users = doc.paths["/api/users"];
    expect(users.get["x-warroom-access"]).toBe("admin");
    expect(Object.keys(users.post.requestBody!.content["application/json"].schema.properties ?? {}).sort()).toEqual(["email", "name", "password", "role"]);
    expect(doc.paths["/api/users/{id}"].patch["x-warroom-access"]).toBe("admin");
    const login = doc.paths["/api/auth/login"].post;
    expect(login["x-warroom-access"]).toBe("public");
    expect(login.security).toEqual([]);
    expect(doc.paths["/api/openapi.json"]).toBeDefined();
    // Routes that declare their response shape document it.
    const draft = doc.paths["/api/incidents/{id}/updates/draft"].get as unknown as { parameters: { name: string }[]; responses: { "200": { content?: { "application/json": { schema: { oneOf?: unknown[]; anyOf?: unknown[] } } } } } };
    expect(draft.parameters.map((x) => x.name)).toContain("audience");
    const shape = draft.responses["200"].content?.["application/json"].schema;
    expect((shape?.oneOf ?? shape?.anyOf ?? []).length).toBe(2);
    const sup = doc.paths["/api/support"].get as unknown as { responses: { "200": { content?: { "application/json": { schema: { properties?: Record<string, unknown> } } } } } };
    expect(Object.keys(sup.responses["200"].content?.["application/json"].schema.properties ?? {}).sort()).toEqual(["incidents", "maintenance", "statusUrl"]);
  });
});
