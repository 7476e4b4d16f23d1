// The schedule form works in UTC, said so on every label: an ops team spread over time zones (and
// the public page) share one clock. <input type="datetime-local"> has no zone, so we add "Z".

/** "2026-12-01T22:00:00.000Z" → "2026-12-01T22:00:00" for a datetime-local input with seconds. */
export function toInput(iso: string): string {
  return iso ? iso.slice(0, 19) : "";
}

/** A datetime-local value read as UTC → ISO; "" stays "" so the server names the empty field. */
export function fromInput(value: string): string {
  if (!value) return "";
  return `${value.length === 16 ? `${value}:00` : value}Z`;
}

export function utcLabel(iso: string): string {
  return `${iso.slice(0, 16).replace("T", " ")} UTC`;
}
