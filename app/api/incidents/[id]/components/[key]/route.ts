import { route } from "@/lib/http/route";
import { componentOverrideResponse, overrideInput } from "@/lib/components/schemas";
import { overrideComponent } from "@/lib/components/override";

/** Body: { status: ComponentStatus | null }. Response: ComponentOverrideResult (lib/components/view.ts). Leader or admin only. */
export const PUT = route({ access: "responder", body: overrideInput, response: componentOverrideResponse }, async ({ actor, body, params }) => overrideComponent(actor, params.id, params.key, body.status));
