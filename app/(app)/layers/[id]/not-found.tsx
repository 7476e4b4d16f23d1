import { NotFoundCard } from "@/components/ui/not-found";

export const metadata = { title: "Layer not found" };

export default function LayerNotFound() {
  return <NotFoundCard what="Layer" back={{ href: "/", label: "Back to the stack map" }} />;
}
