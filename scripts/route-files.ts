// The API's route files (app/api/**/route.ts), in a stable order: read by the OpenAPI generator and
// by the generator of the production server's route table.
import fs from "node:fs";
import path from "node:path";

export function routeFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((d) => {
      const p = path.join(dir, d.name);
      return d.isDirectory() ? routeFiles(p) : d.name === "route.ts" ? [p] : [];
    });
}

/** "app/api/incidents/[id]/route.ts" → "/api/incidents/[id]" */
export function routePath(root: string, file: string): string {
  return "/" + path.relative(path.join(root, "app"), path.dirname(file)).split(path.sep).join("/");
}
