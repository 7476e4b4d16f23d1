import { route } from "@/lib/http/route";
import { supportView } from "@/lib/support/view";
import { supportViewResponse } from "@/lib/support/schemas";

export const GET = route({ access: "support", response: supportViewResponse }, async () => supportView());
