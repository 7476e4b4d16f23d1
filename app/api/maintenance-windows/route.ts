import { created, route } from "@/lib/http/route";
import { createWindow, listWindows } from "@/lib/maintenance-windows/admin";
import { newWindowInput, type WindowResponse } from "@/lib/maintenance-windows/schemas";

export const GET = route({ access: "viewer" }, async () => listWindows());

export const POST = route({ access: "admin", body: newWindowInput }, async ({ actor, body }) => created({ window: await createWindow(actor, body) } satisfies WindowResponse));
