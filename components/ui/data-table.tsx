// The admin pages' one table: a labelled, horizontally scrollable table with a message row when
// there is nothing to list. Columns with `hidden` headers (actions) keep a name for screen readers.
import type { ReactNode } from "react";

export type Column = { header: string; hidden?: boolean };

export function DataTable<T>({ label, columns, rows, rowKey, empty, row }: { label: string; columns: Column[]; rows: T[]; rowKey: (r: T) => string; empty: ReactNode; row: (r: T) => ReactNode }) {
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-left text-sm" aria-label={label}>
        <thead className="border-b border-slate-200 dark:border-slate-800">
          <tr>
            {columns.map((c) => (
              <th key={c.header} className="p-2">
                {c.hidden ? <span className="sr-only">{c.header}</span> : c.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 && (
            <tr>
              <td colSpan={columns.length} className="p-2 text-slate-600 dark:text-slate-400">
                {empty}
              </td>
            </tr>
          )}
          {rows.map((r) => (
            <tr key={rowKey(r)} className="border-b border-slate-100 last:border-0 dark:border-slate-800">
              {row(r)}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
