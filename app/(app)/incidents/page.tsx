import { requireActor, allowed } from "@/lib/auth/current";
import { IncidentList } from "@/components/incidents/incident-list";

export const metadata = { title: "Incidents" };

export default async function IncidentsPage() {
  const actor = await requireActor("/incidents");
  return <IncidentList canDeclare={allowed(actor, "responder")} />;
}
