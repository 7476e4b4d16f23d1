import { requireActor } from "@/lib/auth/current";

export const metadata = { title: "Support" };

export default async function SupportPage() {
  await requireActor("/support");
  return (
    <section aria-labelledby="support-title">
      <h1 id="support-title" className="text-xl font-semibold">Support view</h1>
    </section>
  );
}
