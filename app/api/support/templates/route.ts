import { created, route } from "@/lib/http/route";
import { createTemplate, listTemplates } from "@/lib/support/templates";
import { PLACEHOLDERS } from "@/lib/support/placeholders";
import { publicStatusUrl } from "@/lib/support/status-url";
import { templateInput, templateListResponse, templateResponse } from "@/lib/support/schemas";

export const GET = route({ access: "support", response: templateListResponse }, async () => ({ templates: await listTemplates(), placeholders: PLACEHOLDERS, statusUrl: publicStatusUrl() }));

export const POST = route({ access: "admin", body: templateInput, response: templateResponse }, async ({ body }) => created({ template: await createTemplate(body) }));
