import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateOpenApi } from "@/scripts/openapi";
import { startTestCore, type TestCore } from "./helpers/core";
import { ORIGIN, sessionFor } from "./helpers/api";
import { dispatch } from "./helpers/dispatch";

type Op = {
  operationId: string;
  "x-warroom-access": string;
  security: unknown[];
  requestBody?: { content: { "application/json": { schema: { properties?: Record<string, unknown> } } } };
  responses: Record<string, { content?: Record<string, { schema: Record<string, unknown> }> }>;
};
type Doc = { openapi: string; servers: unknown[]; info: { license?: { name: string } }; paths: Record<string, Record<string, Op>> };

type RunClient = (fetchImpl: (req: Request) => Promise<Response>, auth: { cookie: string; origin: string }) => Promise<{
  role: string;
  declaredStatus: number;
  fetchedTitle: string;
  missingStatus: number;
  missingCode: string | undefined;
  titles: string[];
  secretPrefix: string;
  webhookNames: string[];
}>;

const BIN = path.resolve("node_modules/.bin");
const NO_NETWORK = path.resolve("tests/integration/helpers/no-network.mjs");

let core: TestCore;
let doc: Doc;
let work: string;
let lint: Promise<Run>;
let generated: Promise<Run>;
beforeAll(async () => {
  core = await startTestCore();
  doc = JSON.parse(await generateOpenApi()) as Doc;
  // Inside node_modules so the generated client resolves openapi-fetch like any project would.
  fs.mkdirSync(path.resolve("node_modules/.cache"), { recursive: true });
  work = fs.mkdtempSync(path.resolve("node_modules/.cache/warroom-openapi-"));
  fs.writeFileSync(path.join(work, "openapi.json"), JSON.stringify(doc));
  // The two tools run side by side; each test awaits the one it checks.
  lint = offline("redocly", ["lint", path.join(work, "openapi.json"), "--config", path.resolve("redocly.yaml"), "--format=summary"]);
  generated = offline("openapi-typescript", [path.join(work, "openapi.json"), "-o", path.join(work, "schema.d.ts")]);
});
afterAll(async () => {
  if (work) fs.rmSync(work, { recursive: true, force: true });
  await core?.shutdown();
});

type Run = { status: number | null; out: string; net: string };

/** Runs a tool from node_modules/.bin with every network attempt refused and logged. */
function offline(tool: string, args: string[], cwd = process.cwd()): Promise<Run> {
  const netLog = path.join(work, `${tool}.net.log`);
  fs.writeFileSync(netLog, "");
  const child = spawn(path.join(BIN, tool), args, { cwd, env: { ...process.env, NODE_OPTIONS: `--import ${pathToFileURL(NO_NETWORK).href}`, WARROOM_NET_LOG: netLog } });
  let out = "";
  child.stdout.on("data", (d: Buffer) => (out += d));
  child.stderr.on("data", (d: Buffer) => (out += d));
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (status) => resolve({ status, out, net: fs.readFileSync(netLog, "utf8") }));
  });
}

describe("OpenAPI description", () => {
  it("describes every route with its access rule, request schema, operationId and answers", () => {
    expect(doc.openapi).toBe("3.1.0");
    expect(doc.servers.length).toBeGreaterThan(0);
    expect(doc.info.license).toEqual({ name: "MIT", identifier: "MIT" });
    const users = doc.paths["/api/users"];
    expect(users.get["x-warroom-access"]).toBe("admin");
    expect(Object.keys(users.post.requestBody!.content["application/json"].schema.properties ?? {}).sort()).toEqual(["email", "name", "password", "role"]);
    expect(doc.paths["/api/users/{id}"].patch["x-warroom-access"]).toBe("admin");
    const login = doc.paths["/api/auth/login"].post;
    expect(login["x-warroom-access"]).toBe("public");
    expect(login.security).toEqual([]);
    expect(Object.keys(login.responses)).toEqual(expect.arrayContaining(["200", "400", "413", "429", "503"]));
    expect(doc.paths["/api/openapi.json"]).toBeDefined();
    const ids = Object.values(doc.paths).flatMap((ops) => Object.values(ops).map((o) => o.operationId));
    expect(ids.every(Boolean)).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    // Status codes follow from the route: created → 201; a path id → 404; a body → 400 and 413; roles → 401 and 403.
    expect(Object.keys(doc.paths["/api/incidents"].post.responses)).toEqual(expect.arrayContaining(["201", "400", "401", "403", "413", "503"]));
    expect(doc.paths["/api/incidents"].post.responses["200"]).toBeUndefined();
    expect(Object.keys(doc.paths["/api/stack"].put.responses)).toEqual(expect.arrayContaining(["200", "401", "403", "413", "422"]));
    expect(Object.keys(doc.paths["/api/tasks/{id}/claim"].post.responses)).toEqual(expect.arrayContaining(["200", "404", "409"]));
    // Routes that declare their response shape document it; the public documents have theirs.
    const draft = doc.paths["/api/incidents/{id}/updates/draft"].get as unknown as { parameters: { name: string }[] } & Op;
    expect(draft.parameters.map((x) => x.name)).toContain("audience");
    const shape = draft.responses["200"].content?.["application/json"].schema as { oneOf?: unknown[]; anyOf?: unknown[] };
    expect((shape?.oneOf ?? shape?.anyOf ?? []).length).toBe(2);
    const sup = doc.paths["/api/support"].get;
    expect(Object.keys((sup.responses["200"].content?.["application/json"].schema.properties as object) ?? {}).sort()).toEqual(["incidents", "maintenance", "statusUrl"]);
    // Every JSON success answer has a schema; none is left as a bare object.
    const undescribed = Object.entries(doc.paths).flatMap(([p, ops]) =>
      Object.entries(ops).flatMap(([m, op]) =>
        Object.entries(op.responses)
          .filter(([status, r]) => status < "300" && r.content?.["application/json"] && (r.content["application/json"].schema.description === "Not described yet" || Object.keys(r.content["application/json"].schema).length === 0))
          .map(([status]) => `${m.toUpperCase()} ${p} ${status}`),
      ),
    );
    expect(undescribed).toEqual([]);
    expect(Object.keys(doc.paths["/api/public/subscriptions"].post.responses)).toEqual(expect.arrayContaining(["202", "400", "429"]));
    expect(doc.paths["/api/health/ready"].get.responses["503"]).toBeDefined();
    const summary = doc.paths["/api/v2/summary.json"].get.responses["200"].content?.["application/json"].schema as { properties?: Record<string, unknown> };
    expect(Object.keys(summary.properties ?? {})).toEqual(expect.arrayContaining(["page", "status", "components", "incidents", "scheduled_maintenances"]));
  });

  it("passes Redocly lint with no errors, offline", async () => {
    const result = await lint;
    expect(result.net).toBe("");
    expect(result.out).toMatch(/Your API description is valid/);
    expect(result.out).not.toMatch(/^error /m);
    expect(result.out).not.toMatch(/info-license/);
    expect(result.status).toBe(0);
  });

  it("generates a typed client (openapi-typescript) that type-checks and calls five real routes", async () => {
    const gen = await generated;
    expect(gen.net).toBe("");
    expect(gen.status).toBe(0);
    fs.copyFileSync(path.resolve("tests/typed-client/client.ts"), path.join(work, "client.ts"));
    // One tsc run: the client must compile cleanly, and a deliberately wrong use of the same generated
    // types must not (so the check has teeth: types that were `never` or `any` would let it pass).
    fs.writeFileSync(path.join(work, "wrong.ts"), `import type { paths } from "./schema";\nexport const role: number = null as unknown as paths["/api/me"]["get"]["responses"][200]["content"]["application/json"]["user"]["role"];\n`);
    const tsconfig = { compilerOptions: { strict: true, noEmit: true, target: "ES2022", module: "ESNext", moduleResolution: "Bundler", lib: ["ES2023", "DOM"], types: [], skipLibCheck: true }, files: ["client.ts", "wrong.ts", "schema.d.ts"] };
    fs.writeFileSync(path.join(work, "tsconfig.json"), JSON.stringify(tsconfig));
    const tsc = await offline("tsc", ["-p", "tsconfig.json"], work);
    const problems = tsc.out.split("\n").filter((l) => /^\S+\.ts\(\d+,\d+\): error/.test(l));
    expect(tsc.status).not.toBe(0);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^wrong\.ts\(2,\d+\): error TS2322: Type '.+' is not assignable to type 'number'/);

    const cookie = (await sessionFor(core, "admin")).cookie!;
    // Imported by a computed path: the repository's own tsc must not follow it to the generated types.
    const client = path.resolve("tests/typed-client/client.ts");
    const { run } = (await import(/* @vite-ignore */ client)) as { run: RunClient };
    const out = await run((req) => dispatch(req), { cookie, origin: ORIGIN });
    expect(out.role).toBe("admin");
    expect(out.declaredStatus).toBe(201);
    expect(out.fetchedTitle).toBe("Typed client incident");
    expect(out.missingStatus).toBe(404);
    expect(out.missingCode).toBe("not_found");
    expect(out.titles).toContain("Typed client incident");
    expect(out.secretPrefix).toBe("whsec_");
    expect(out.webhookNames).toContain("Typed");
  });
});
