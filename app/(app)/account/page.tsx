import { requireActor } from "@/lib/auth/current";
import { listApiTokens } from "@/lib/auth/api-tokens";
import { ApiTokens } from "@/components/account/api-tokens";

export const metadata = { title: "Account" };

export default async function AccountPage() {
  const actor = await requireActor("/account");
  return (
    <div className="flex flex-col gap-6">
      <h1 className="text-xl font-semibold">Account</h1>
      <p className="text-sm">
        Signed in as {actor.name} ({actor.email}), role {actor.role}.
      </p>
      <ApiTokens initial={await listApiTokens(actor)} />
    </div>
  );
}
