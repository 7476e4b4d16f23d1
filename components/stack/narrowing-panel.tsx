// Names where the failure starts from the user's side and where it most likely comes from.
import type { StackView } from "@/lib/stack/view";

export function NarrowingPanel({ view }: { view: StackView }) {
  const name = (id: string | null) => view.layers.find((l) => l.id === id)?.name ?? null;
  const n = view.narrowing;
  const first = name(n.firstFailingLayerId);
  const cause = name(n.likelyCauseLayerId);
  const symptoms = n.symptomLayerIds.map(name).filter(Boolean);
  return (
    <section aria-labelledby="narrowing-title" className={`card ${first ? "border-red-400 dark:border-red-700" : ""}`}>
      <h2 id="narrowing-title" className="font-semibold">
        Narrowing
      </h2>
      {!first ? (
        <p className="text-sm">
          <span aria-hidden="true">✓ </span>No layer is failing.
        </p>
      ) : (
        <dl className="mt-1 grid gap-x-3 gap-y-1 text-sm sm:grid-cols-[auto_1fr]">
          <dt className="font-medium">First failing from the top</dt>
          <dd>{first}</dd>
          <dt className="font-medium">Likely cause (deepest failing)</dt>
          <dd className="font-semibold text-red-800 dark:text-red-300">{cause}</dd>
          <dt className="font-medium">Symptoms above it</dt>
          <dd>{symptoms.length ? symptoms.join(", ") : "none"}</dd>
          {n.sideFailingLayerIds.length > 0 && (
            <>
              <dt className="font-medium">Also failing on side branches</dt>
              <dd>{n.sideFailingLayerIds.map(name).join(", ")}</dd>
            </>
          )}
        </dl>
      )}
    </section>
  );
}
