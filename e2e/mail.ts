// Where the e2e SMTP sink (tests/integration/helpers/smtp-sink.ts, started by playwright.config.ts)
// listens and writes the messages it receives. Per e2e port, so parallel runs do not share it.
import os from "node:os";
import path from "node:path";

const appPort = Number(process.env.E2E_PORT ?? 3999);
export const E2E_SMTP_PORT = Number(process.env.E2E_SMTP_PORT ?? appPort + 20_000);
export const E2E_MAIL_DIR = path.join(os.tmpdir(), `warroom-e2e-mail-${appPort}`);
