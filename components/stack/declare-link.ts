// "Declare incident" from the stack map: the declare form opens with the failing layers ticked, the
// likely cause as the title and the diagnosis (causes, evidence, symptoms) as the symptoms text.
import type { StackView } from "@/lib/stack/view";

export const failingLayerIds = (view: StackView) => view.layers.filter((l) => l.status === "down" || l.status === "degraded").map((l) => l.id);

export function declareHref(view: StackView): string {
  const d = view.diagnosis;
  const name = (id: string) => view.layers.find((l) => l.id === id)?.name ?? "?";
  const ids = [...new Set([...d.causes.flatMap((c) => [...c.layerIds, ...c.symptomLayerIds]), ...failingLayerIds(view)])];
  const first = d.causes[0];
  const title = d.verdict === "checker" ? "Checks failing everywhere: checker or its network?" : first ? first.headline.split(" — ")[0] : `${ids.map(name).join(", ")} failing`;
  const lines =
    d.verdict === "checker" && d.checker
      ? [`The checker or its network is the likely problem: ${d.checker.reason}.`]
      : d.causes.flatMap((c) => [`Likely cause: ${c.headline}`, ...c.evidence.map((e) => `  ${name(e.layerId)} / ${e.checkName}: ${e.message}`)]);
  const q = new URLSearchParams({ title: title.slice(0, 200), symptoms: lines.join("\n"), layers: ids.join(",") });
  return `/incidents/new?${q.toString()}`;
}
