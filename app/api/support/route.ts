import { route } from "@/lib/http/route";
import { supportView } from "@/lib/incidents/support";

export const GET = route({ access: "support" }, async () => supportView());
