import { redirect } from "next/navigation";
import { currentActor } from "@/lib/auth/current";
import { homeFor } from "@/lib/auth/roles";
import { LoginForm } from "@/components/auth/login-form";

export const metadata = { title: "Sign in" };
export const dynamic = "force-dynamic";

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ next?: string }> }) {
  const actor = await currentActor();
  if (actor) redirect(homeFor(actor.role));
  const { next } = await searchParams;
  return (
    <main className="mx-auto flex min-h-screen max-w-sm flex-col justify-center gap-6 p-6">
      <div>
        <h1 className="text-2xl font-semibold">Warroom</h1>
        <p className="text-sm text-slate-600 dark:text-slate-400">Sign in to the incident war room.</p>
      </div>
      <LoginForm next={next && next.startsWith("/") && !next.startsWith("//") ? next : undefined} />
    </main>
  );
}
