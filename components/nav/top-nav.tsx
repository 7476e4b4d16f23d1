"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";
import type { Role } from "@/lib/auth/roles";
import { apiFetch } from "@/components/ui/api";
import { useLive } from "@/components/live/live-provider";

const LINKS: { href: string; label: string; roles: Role[] }[] = [
  { href: "/", label: "Stack map", roles: ["viewer", "responder", "admin", "support"] },
  { href: "/incidents", label: "Incidents", roles: ["viewer", "responder", "admin", "support"] },
  { href: "/follow-ups", label: "Follow-ups", roles: ["viewer", "responder", "admin", "support"] },
  { href: "/insights", label: "Insights", roles: ["viewer", "responder", "admin", "support"] },
  { href: "/support", label: "Support", roles: ["support", "responder", "admin"] },
  { href: "/admin/stack", label: "Stack config", roles: ["admin"] },
  { href: "/admin/users", label: "Users", roles: ["admin"] },
  { href: "/admin/webhooks", label: "Webhooks", roles: ["admin"] },
  { href: "/admin/agents", label: "Agents", roles: ["admin"] },
  { href: "/admin/subscribers", label: "Subscribers", roles: ["admin"] },
  { href: "/admin/maintenance", label: "Maintenance", roles: ["admin"] },
];

export function TopNav({ user }: { user: { name: string; role: Role } }) {
  const path = usePathname();
  const { connected } = useLive();
  async function signOut() {
    await apiFetch("/api/auth/logout", { method: "POST" }).catch(() => undefined);
    window.location.assign("/login");
  }
  return (
    <header className="border-b border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
      <nav aria-label="Main" className="mx-auto flex max-w-7xl flex-wrap items-center gap-x-4 gap-y-2 px-4 py-2">
        <span className="font-semibold">Warroom</span>
        <ul className="flex flex-wrap gap-1">
          {LINKS.filter((l) => l.roles.includes(user.role)).map((l) => {
            const active = l.href === "/" ? path === "/" : path.startsWith(l.href);
            return (
              <li key={l.href}>
                <Link prefetch={false} href={l.href} aria-current={active ? "page" : undefined} className={`rounded px-2 py-1 text-sm ${active ? "bg-slate-200 dark:bg-slate-700" : "hover:bg-slate-100 dark:hover:bg-slate-800"}`}>
                  {l.label}
                </Link>
              </li>
            );
          })}
        </ul>
        <div className="ml-auto flex items-center gap-3 text-sm">
          <span role="status" aria-label={connected ? "Live updates connected" : "Live updates disconnected"} className={connected ? "text-emerald-700 dark:text-emerald-400" : "text-amber-700 dark:text-amber-400"}>
            {connected ? "● live" : "○ reconnecting"}
          </span>
          <Link prefetch={false} href="/account" className="hover:underline" aria-label={`Account: ${user.name} (${user.role})`}>
            {user.name} <span className="text-slate-500">({user.role})</span>
          </Link>
          <button type="button" className="btn-secondary" onClick={signOut}>
            Sign out
          </button>
        </div>
      </nav>
    </header>
  );
}
