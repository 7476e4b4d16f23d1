import { requireActor } from "@/lib/auth/current";
import { atLeast } from "@/lib/auth/roles";
import { listWindows } from "@/lib/maintenance-windows/admin";
import { WindowsAdmin } from "@/components/maintenance-windows/windows-admin";
import { Forbidden } from "@/components/ui/forbidden";

export const metadata = { title: "Maintenance windows" };

export default async function MaintenanceWindowsPage() {
  const actor = await requireActor("/admin/maintenance");
  if (!atLeast(actor.role, "admin")) return <Forbidden need="admin" />;
  return <WindowsAdmin initial={await listWindows()} />;
}
