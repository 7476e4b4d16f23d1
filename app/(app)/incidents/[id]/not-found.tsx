import { NotFoundCard } from "@/components/ui/not-found";

export const metadata = { title: "Incident not found" };

export default function IncidentNotFound() {
  return <NotFoundCard what="Incident" back={{ href: "/incidents", label: "See all incidents" }} />;
}
