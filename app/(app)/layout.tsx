import { headers } from "next/headers";
import { requireActor } from "@/lib/auth/current";
import { AppProviders } from "@/components/live/live-provider";
import { TopNav } from "@/components/nav/top-nav";
import { requestSeq } from "./request-seq";

export const dynamic = "force-dynamic";

export default async function AppLayout({ children }: { children: React.ReactNode }) {
  const actor = await requireActor((await headers()).get("x-warroom-path") ?? undefined);
  const seq = await requestSeq();
  return (
    <AppProviders initialSeq={seq} renderedAt={Date.now()}>
      <TopNav user={{ name: actor.name, role: actor.role }} />
      <main id="main" className="mx-auto max-w-7xl p-4">
        {children}
      </main>
    </AppProviders>
  );
}
