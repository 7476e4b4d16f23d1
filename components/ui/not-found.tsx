import Link from "next/link";

/** A page for something that does not exist (or no longer does): says which, and where to go instead. */
export function NotFoundCard({ what, back }: { what: string; back: { href: string; label: string } }) {
  return (
    <section className="card" aria-labelledby="not-found-title">
      <h1 id="not-found-title" className="text-lg font-semibold">
        {what} not found
      </h1>
      <p className="text-sm text-slate-600 dark:text-slate-400">
        It may have been removed, or the link is wrong.{" "}
        <Link className="underline" href={back.href}>
          {back.label}
        </Link>
      </p>
    </section>
  );
}
