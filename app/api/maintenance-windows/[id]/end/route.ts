import { route } from "@/lib/http/route";
import { endWindowNow } from "@/lib/maintenance-windows/admin";
import { windowResponse, type WindowResponse } from "@/lib/maintenance-windows/schemas";

export const POST = route({ access: "admin", response: windowResponse }, async ({ actor, params }): Promise<WindowResponse> => ({ window: await endWindowNow(actor, params.id) }));
