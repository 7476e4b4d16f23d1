const DAY_MS = 86_400_000;

/** Whole days until `validTo` (a PeerCertificate date string); negative once expired. */
export function certDaysLeft(validTo: string, now: number = Date.now()): number {
  const end = Date.parse(validTo);
  if (Number.isNaN(end)) throw new Error(`unparseable certificate expiry "${validTo}"`);
  return Math.floor((end - now) / DAY_MS);
}

export function describeExpiry(daysLeft: number): string {
  if (daysLeft < 0) return `certificate expired ${-daysLeft} day${-daysLeft === 1 ? "" : "s"} ago`;
  return `certificate expires in ${daysLeft} day${daysLeft === 1 ? "" : "s"}`;
}

/** OpenSSL / Node TLS error codes, so a bad certificate reads as a TLS problem, not a network one. */
export function isTlsErrorCode(code: string | undefined): boolean {
  return !!code && /CERT|SELF_SIGNED|TLS|SSL|UNABLE_TO_VERIFY|UNABLE_TO_GET_ISSUER/.test(code);
}
