// Severity and status chips: colour + icon + word, so they read without colour too.
import { Icon } from "./icons";
import { SEVERITY_LOOK, STATUS_LOOK } from "./format";
import type { IncidentStatus, Severity } from "./types";

const chip = "inline-flex items-center gap-1 rounded px-2 py-0.5 text-xs font-semibold whitespace-nowrap";

export function SeverityBadge({ severity }: { severity: Severity }) {
  const look = SEVERITY_LOOK[severity];
  return (
    <span className={`${chip} ${look.tone}`}>
      <span aria-hidden="true">{look.icon}</span>
      {look.label}
    </span>
  );
}

export function StatusBadge({ status }: { status: IncidentStatus }) {
  const look = STATUS_LOOK[status];
  return (
    <span className={`${chip} ${look.tone}`}>
      <Icon name={look.icon} />
      {look.label}
    </span>
  );
}
