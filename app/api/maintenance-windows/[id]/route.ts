import { route } from "@/lib/http/route";
import { updateWindow } from "@/lib/maintenance-windows/admin";
import { windowPatchInput, type WindowResponse } from "@/lib/maintenance-windows/schemas";

export const PATCH = route({ access: "admin", body: windowPatchInput }, async ({ body, params }): Promise<WindowResponse> => ({ window: await updateWindow(params.id, body) }));
