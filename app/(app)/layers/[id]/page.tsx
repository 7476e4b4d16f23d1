import { notFound } from "next/navigation";
import { requireActor } from "@/lib/auth/current";
import { atLeast } from "@/lib/auth/roles";
import { AppError } from "@/lib/http/errors";
import { getLayerDetail } from "@/lib/stack/read";
import { LayerDetailView } from "@/components/stack/layer-detail";

export const metadata = { title: "Layer" };

export default async function LayerPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await requireActor(`/layers/${id}`);
  const layer = await getLayerDetail(id, { showHeartbeatPath: atLeast(actor.role, "admin") }).catch((err: unknown) => {
    if (err instanceof AppError && err.status === 404) notFound();
    throw err;
  });
  return <LayerDetailView initial={layer} />;
}
