import { route } from "@/lib/http/route";
import { updateWindow } from "@/lib/maintenance-windows/admin";
import { windowPatchInput, windowResponse, type WindowResponse } from "@/lib/maintenance-windows/schemas";

export const PATCH = route({ access: "admin", body: windowPatchInput, response: windowResponse }, async ({ body, params }): Promise<WindowResponse> => ({ window: await updateWindow(params.id, body) }));
