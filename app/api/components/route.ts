import { route } from "@/lib/http/route";
import { listComponents } from "@/lib/components/read";
import { componentsViewResponse } from "@/lib/components/schemas";

/** Response: ComponentsView (lib/components/view.ts). */
export const GET = route({ access: "viewer", response: componentsViewResponse }, async () => listComponents());
