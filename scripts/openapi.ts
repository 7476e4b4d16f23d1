// Writes lib/ops/openapi.generated.json from every app/api route handler (run by `npm run build`;
// a test fails when the committed file is stale).
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { buildOpenApi, type RouteModule } from "../lib/ops/openapi";
import { publicOpenApiPaths } from "../lib/public/openapi";
import { probeOpenApiPaths } from "../lib/ops/probes";
import { routeFiles, routePath } from "./route-files";

const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"];

// The lib files a route imports directly (the HTTP plumbing aside): where the errors it can raise are written.
function depsOf(root: string, text: string): string {
  const libs = [...text.matchAll(/from "@\/(lib\/[^"]+)"/g)].filter((m) => !m[1].startsWith("lib/http/")).map((m) => path.join(root, `${m[1]}.ts`)).filter((f) => fs.existsSync(f));
  return libs.map((f) => fs.readFileSync(f, "utf8")).join("\n");
}

export async function generateOpenApi(root = process.cwd()): Promise<string> {
  const modules: RouteModule[] = [];
  for (const file of routeFiles(path.join(root, "app/api"))) {
    const mod = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
    const methods = Object.fromEntries(METHODS.filter((m) => typeof mod[m] === "function").map((m) => [m, mod[m] as RouteModule["methods"][string]]));
    modules.push({ path: routePath(root, file).replace(/\[(\w+)\]/g, "{$1}"), methods, source: fs.readFileSync(file, "utf8"), deps: depsOf(root, fs.readFileSync(file, "utf8")) });
  }
  const pkg = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")) as { version: string };
  return JSON.stringify(buildOpenApi(modules, pkg.version, { ...publicOpenApiPaths(), ...probeOpenApiPaths() }), null, 2) + "\n";
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const out = path.resolve("lib/ops/openapi.generated.json");
  const text = await generateOpenApi();
  // Unchanged output is not rewritten: \`npm test\` builds while the type check and the unit tests
  // read this file, and a rewrite is an instant of an empty file.
  if (fs.existsSync(out) && fs.readFileSync(out, "utf8") === text) console.log(`${path.relative(process.cwd(), out)} is up to date`);
  else {
    fs.writeFileSync(out, text);
    console.log(`wrote ${path.relative(process.cwd(), out)}`);
  }
}
