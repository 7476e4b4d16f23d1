// A real SMTP server for tests (smtp-server, by nodemailer's author), run as its own process:
// accepts every message on a loopback port and writes it as an .eml file into a directory.
//   node --import tsx tests/integration/helpers/smtp-sink.ts --dir <dir> [--port <n>]
// Prints "listening <port>" once ready. Files appear atomically (written aside, then renamed).
import fs from "node:fs";
import path from "node:path";
import { SMTPServer } from "smtp-server";

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
}

const dir = path.resolve(arg("dir") ?? "mail");
const port = Number(arg("port") ?? 0);
fs.rmSync(dir, { recursive: true, force: true });
fs.mkdirSync(dir, { recursive: true });
let n = 0;

const server = new SMTPServer({
  authOptional: true,
  disabledCommands: ["STARTTLS", "AUTH"],
  logger: false,
  size: 5 * 1024 * 1024,
  onData(stream, session, callback) {
    const chunks: Buffer[] = [];
    stream.on("data", (c: Buffer) => chunks.push(c));
    stream.on("end", () => {
      const name = `${Date.now()}-${String(++n).padStart(5, "0")}`;
      const rcpt = session.envelope.rcptTo.map((r) => r.address).join(",");
      const tmp = path.join(dir, `.${name}.tmp`);
      fs.writeFileSync(tmp, Buffer.concat([Buffer.from(`X-Sink-Rcpt-To: ${rcpt}\r\n`), ...chunks]));
      fs.renameSync(tmp, path.join(dir, `${name}.eml`));
      callback();
    });
  },
});

server.listen(port, "127.0.0.1", () => {
  const addr = server.server.address();
  console.log(`listening ${typeof addr === "object" && addr ? addr.port : port}`);
});
const stop = () => server.close(() => process.exit(0));
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
