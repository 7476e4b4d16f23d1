// Where the e2e SMTP sink (tests/integration/helpers/smtp-sink.ts, started by playwright.config.ts)
// listens and writes the messages it receives. Per e2e port, so parallel runs do not share it.
import os from "node:os";
import path from "node:path";

// `npm run test:e2e` runs the embedded and the PostgreSQL pass side by side: each pass has its own
// default port (and so its own SMTP port and mail directory) without the script having to say so.
export const E2E_PORT = Number(process.env.E2E_PORT ?? (process.env.E2E_DB === "postgres" ? 3998 : 3999));
const appPort = E2E_PORT;
export const E2E_SMTP_PORT = Number(process.env.E2E_SMTP_PORT ?? appPort + 20_000);
export const E2E_MAIL_DIR = path.join(os.tmpdir(), `warroom-e2e-mail-${appPort}`);
