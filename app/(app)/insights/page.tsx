import { requireActor } from "@/lib/auth/current";
import { InsightsView } from "@/components/insights/insights-view";

export const metadata = { title: "Insights" };

export default async function InsightsPage() {
  await requireActor("/insights");
  return <InsightsView />;
}
