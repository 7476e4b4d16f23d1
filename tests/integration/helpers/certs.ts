import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

export type Cert = { key: string; cert: string };

/**
 * Real self-signed certificates from the openssl CLI. `days: -1` yields a certificate whose
 * notAfter is yesterday (openssl x509 re-signs with a negative validity), i.e. already expired.
 */
export function makeCert(opts: { cn: string; san: string[]; days: number }): Cert {
  const dir = mkdtempSync(path.join(tmpdir(), "warroom-cert-"));
  try {
    const key = path.join(dir, "key.pem");
    const cert = path.join(dir, "cert.pem");
    const san = `subjectAltName=${opts.san.join(",")}`;
    const run = (args: string[]) => execFileSync("openssl", args, { stdio: "pipe" });
    run(["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", cert, "-subj", `/CN=${opts.cn}`, "-days", String(Math.max(1, opts.days)), "-addext", san]);
    if (opts.days < 1) {
      const resigned = path.join(dir, "resigned.pem");
      run(["x509", "-in", cert, "-signkey", key, "-days", String(opts.days), "-out", resigned]);
      return { key: readFileSync(key, "utf8"), cert: readFileSync(resigned, "utf8") };
    }
    return { key: readFileSync(key, "utf8"), cert: readFileSync(cert, "utf8") };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
