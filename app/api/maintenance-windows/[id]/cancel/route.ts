import { route } from "@/lib/http/route";
import { cancelWindow } from "@/lib/maintenance-windows/admin";
import { windowResponse, type WindowResponse } from "@/lib/maintenance-windows/schemas";

export const POST = route({ access: "admin", response: windowResponse }, async ({ params }): Promise<WindowResponse> => ({ window: await cancelWindow(params.id) }));
