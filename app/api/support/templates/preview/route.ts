import { route } from "@/lib/http/route";
import { previewTemplate } from "@/lib/support/templates";
import { previewInput, previewResponse } from "@/lib/support/schemas";

// Renders against made-up public facts; writes nothing.
export const POST = route({ access: "admin", body: previewInput, response: previewResponse }, async ({ body }) => previewTemplate(body.body));
