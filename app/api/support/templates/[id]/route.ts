import { route } from "@/lib/http/route";
import { deleteTemplate, updateTemplate } from "@/lib/support/templates";
import { deletedResponse, templatePatchInput, templateResponse } from "@/lib/support/schemas";

export const PATCH = route({ access: "admin", body: templatePatchInput, response: templateResponse }, async ({ body, params }) => ({ template: await updateTemplate(params.id, body) }));

export const DELETE = route({ access: "admin", response: deletedResponse }, async ({ params }) => {
  await deleteTemplate(params.id);
  return { deleted: true };
});
