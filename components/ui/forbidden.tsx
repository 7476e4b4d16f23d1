export function Forbidden({ need }: { need: string }) {
  return (
    <section className="card" aria-labelledby="forbidden-title">
      <h1 id="forbidden-title" className="text-lg font-semibold">Not available to your role</h1>
      <p className="text-sm text-slate-600 dark:text-slate-400">This page needs the {need} role. Ask an admin if you need access.</p>
    </section>
  );
}
