import { requireActor } from "@/lib/auth/current";

export const metadata = { title: "Stack map" };

export default async function HomePage() {
  await requireActor("/");
  return (
    <section aria-labelledby="stack-title">
      <h1 id="stack-title" className="text-xl font-semibold">Stack map</h1>
    </section>
  );
}
