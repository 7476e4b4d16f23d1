import { route } from "@/lib/http/route";
import { atLeast } from "@/lib/auth/roles";
import { getLayerDetail } from "@/lib/stack/read";

export const GET = route({ access: "viewer" }, async ({ actor, params }) => getLayerDetail(params.id, { showHeartbeatPath: atLeast(actor.role, "admin") }));
