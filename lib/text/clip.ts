/** At most `max` characters, the last one an ellipsis when anything was cut. */
export function clip(s: string, max: number): string {
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}
