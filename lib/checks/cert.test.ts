import { describe, expect, it } from "vitest";
import { certDaysLeft, describeExpiry, isTlsErrorCode } from "./cert";

describe("cert helpers", () => {
  const now = Date.parse("2026-01-01T00:00:00Z");
  it("counts whole days left, negative once expired", () => {
    expect(certDaysLeft("Jan 31 00:00:00 2026 GMT", now)).toBe(30);
    expect(certDaysLeft("Jan 30 23:59:59 2026 GMT", now)).toBe(29);
    expect(certDaysLeft("Dec 30 00:00:00 2025 GMT", now)).toBe(-2);
    expect(() => certDaysLeft("garbage", now)).toThrow();
  });
  it("describes expiry", () => {
    expect(describeExpiry(1)).toBe("certificate expires in 1 day");
    expect(describeExpiry(-3)).toBe("certificate expired 3 days ago");
  });
  it("recognises TLS error codes", () => {
    expect(isTlsErrorCode("DEPTH_ZERO_SELF_SIGNED_CERT")).toBe(true);
    expect(isTlsErrorCode("ERR_TLS_CERT_ALTNAME_INVALID")).toBe(true);
    expect(isTlsErrorCode("ECONNREFUSED")).toBe(false);
  });
});
