// Where customers follow along: the configured public address, else this server on loopback.
export function publicStatusUrl(): string {
  const base = process.env.WARROOM_PUBLIC_URL?.trim() || `http://127.0.0.1:${process.env.PORT || "3000"}`;
  return `${base.replace(/\/+$/, "")}/status`;
}
