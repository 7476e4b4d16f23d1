// What each vantage says about a check run from several places, with the quorum rule; shown on
// the layer detail. State by badge (icon + word), offline agents named as such.
import type { CheckVantages } from "@/lib/agents/view";
import { StatusBadge } from "@/components/stack/status-badge";
import { utcLabel } from "@/components/maintenance-windows/utc";

export function VantageList({ checkName, v }: { checkName: string; v: CheckVantages }) {
  return (
    <div className="flex flex-col gap-1 text-sm">
      {v.disagreement && (
        <p role="note" className="rounded-md border border-amber-400 px-2 py-1">
          <span className="font-medium">Vantages disagree:</span> {v.disagreement}
        </p>
      )}
      <table className="w-full text-left text-sm">
        <caption className="sr-only">Where {checkName} runs and what each vantage says</caption>
        <thead>
          <tr className="text-xs text-slate-600 dark:text-slate-300">
            <th className="py-1 pr-2 font-medium">Vantage</th>
            <th className="py-1 pr-2 font-medium">Says</th>
            <th className="py-1 pr-2 font-medium">Last result</th>
            <th className="py-1 font-medium">Message</th>
          </tr>
        </thead>
        <tbody>
          {v.vantages.map((x) => (
            <tr key={x.vantage} className="border-t border-slate-200 dark:border-slate-800">
              <td className="py-1 pr-2 font-mono">{x.vantage}</td>
              <td className="py-1 pr-2">{x.offline ? <span className="font-semibold">⊘ Agent offline</span> : <StatusBadge status={x.state} small />}</td>
              <td className="py-1 pr-2 text-xs">{x.lastCheckedAt ? utcLabel(x.lastCheckedAt) : "none yet"}</td>
              <td className="py-1 text-xs">{x.message}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="text-xs text-slate-600 dark:text-slate-300">
        Down when {v.needed} of {v.of} vantage{v.of > 1 ? "s" : ""} say down; an offline agent counts as not known, never as down.
      </p>
    </div>
  );
}
