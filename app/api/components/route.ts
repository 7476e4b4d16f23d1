import { route } from "@/lib/http/route";
import { listComponents } from "@/lib/components/read";

/** Response: ComponentsView (lib/components/view.ts). */
export const GET = route({ access: "viewer" }, async () => listComponents());
