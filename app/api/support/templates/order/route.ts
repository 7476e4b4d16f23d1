import { route } from "@/lib/http/route";
import { reorderTemplates } from "@/lib/support/templates";
import { templateOrderInput, templatesResponse } from "@/lib/support/schemas";

export const PUT = route({ access: "admin", body: templateOrderInput, response: templatesResponse }, async ({ body }) => ({ templates: await reorderTemplates(body.ids) }));
