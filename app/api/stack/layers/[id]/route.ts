import { route } from "@/lib/http/route";
import { atLeast } from "@/lib/auth/roles";
import { getLayerDetail } from "@/lib/stack/read";
import { layerDetailResponse } from "@/lib/stack/views";

export const GET = route({ access: "viewer", response: layerDetailResponse }, async ({ actor, params }) => getLayerDetail(params.id, { showHeartbeatPath: atLeast(actor.role, "admin") }));
