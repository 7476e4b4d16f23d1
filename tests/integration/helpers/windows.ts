// A stack with components for maintenance-window tests, written straight to the database.
import type { TestCore } from "./core";

export async function windowStack(core: TestCore) {
  const p = core.ctx.prisma;
  const stack = await p.stack.create({ data: { name: "prod" } });
  const layer = (key: string, name: string, position: number) => p.layer.create({ data: { stackId: stack.id, key, name, position } });
  const layers = {
    web: await layer("web", "nginx pool zx-internal", 0),
    app: await layer("app", "Rails app zx-internal", 1),
    db: await layer("db", "Primary Postgres zx-internal", 2),
    mail: await layer("mail", "Postfix relay zx-internal", 3),
  };
  await p.component.createMany({
    data: [
      { stackId: stack.id, key: "website", name: "Website", position: 0, layers: [{ layer: "web", impact: "major" }, { layer: "app", impact: "major" }] },
      { stackId: stack.id, key: "checkout", name: "Checkout", position: 1, layers: [{ layer: "app", impact: "major" }, { layer: "db", impact: "major" }] },
      { stackId: stack.id, key: "emails", name: "Emails", position: 2, layers: [{ layer: "mail", impact: "partial" }] },
    ],
  });
  return { stack, layers };
}

/** ISO time `ms` from now. */
export const fromNow = (ms: number) => new Date(Date.now() + ms).toISOString();
export const MIN = 60_000;
