import { created, route } from "@/lib/http/route";
import { createWindow, listWindows } from "@/lib/maintenance-windows/admin";
import { newWindowInput, windowListResponse, windowResponse, type WindowResponse } from "@/lib/maintenance-windows/schemas";

export const GET = route({ access: "viewer", response: windowListResponse }, async () => listWindows());

export const POST = route({ access: "admin", body: newWindowInput, response: windowResponse }, async ({ actor, body }) => created({ window: await createWindow(actor, body) } satisfies WindowResponse));
