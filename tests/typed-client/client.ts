// A client of the Warroom API as a third party would write one: types generated from
// /api/openapi.json by openapi-typescript (./schema, written by tests/integration/openapi.test.ts),
// calls through openapi-fetch. That test type-checks this file with tsc against the generated
// types and runs it against the real route handlers.
import createClient from "openapi-fetch";
import type { paths } from "./schema";

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
/** Compiles only when the generated type is exactly what the server's read model says. */
function exact<A, B>(proof: Equal<A, B>): void {
  if (!proof) throw new Error("unreachable");
}

export async function run(fetchImpl: (req: Request) => Promise<Response>, auth: { cookie: string; origin: string }) {
  const api = createClient<paths>({ baseUrl: auth.origin, fetch: fetchImpl, headers: { cookie: auth.cookie, origin: auth.origin } });

  const me = await api.GET("/api/me");
  if (!me.data) throw new Error(`GET /api/me: ${me.response.status}`);
  exact<typeof me.data.user.role, "viewer" | "support" | "responder" | "admin">(true);

  const declared = await api.POST("/api/incidents", { body: { title: "Typed client incident", severity: "SEV3" } });
  if (!declared.data) throw new Error(`POST /api/incidents: ${declared.response.status}`);
  const incident = declared.data.incident;
  exact<typeof incident.number, number>(true);
  exact<typeof incident.publicTitle, string | null>(true);

  const one = await api.GET("/api/incidents/{id}", { params: { path: { id: incident.id } } });
  if (!one.data) throw new Error(`GET /api/incidents/{id}: ${one.response.status}`);
  exact<typeof one.data.incident.status, "investigating" | "identified" | "monitoring" | "resolved">(true);

  const missing = await api.GET("/api/incidents/{id}", { params: { path: { id: "00000000-0000-0000-0000-000000000000" } } });
  const missingCode: string | undefined = missing.error?.error.code;

  const list = await api.GET("/api/incidents", { params: { query: { status: "all" } } });
  if (!list.data) throw new Error(`GET /api/incidents: ${list.response.status}`);
  const titles: string[] = list.data.incidents.map((i) => i.title);

  const hook = await api.POST("/api/webhooks", { body: { name: "Typed", url: "https://hooks.example/typed", events: ["incident.declared"] } });
  if (!hook.data) throw new Error(`POST /api/webhooks: ${hook.response.status}`);
  exact<typeof hook.data.webhook.format, "generic" | "slack">(true);

  const hooks = await api.GET("/api/webhooks");
  if (!hooks.data) throw new Error(`GET /api/webhooks: ${hooks.response.status}`);

  return {
    role: me.data.user.role,
    declaredStatus: declared.response.status,
    incidentId: incident.id,
    fetchedTitle: one.data.incident.title,
    missingStatus: missing.response.status,
    missingCode,
    titles,
    secretPrefix: hook.data.secret.slice(0, 6),
    webhookNames: hooks.data.webhooks.map((w) => w.name),
  };
}
