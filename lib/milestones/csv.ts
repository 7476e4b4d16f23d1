// CSV for spreadsheets (RFC 4180), safe to open: a text cell that a spreadsheet would read as a
// formula (=, +, -, @, tab, carriage return first) is prefixed with an apostrophe, so an incident
// titled "=HYPERLINK(…)" stays text. Numbers are written as numbers.

const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "";
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(header: string[], rows: (string | number | null | undefined)[][]): string {
  return [header, ...rows].map((r) => r.map(csvCell).join(",")).join("\r\n") + "\r\n";
}
