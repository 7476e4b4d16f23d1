// Email goes out over SMTP (SMTP_URL, e.g. smtp://user:pass@mail.example.com:587 or smtps://…)
// from SMTP_FROM. Without SMTP_URL email subscriptions are refused at sign-up and queued email
// stays unsent (a replica without SMTP never takes email rows from one that has it).
import nodemailer from "nodemailer";
import type { EmailMessage } from "./render";
import { pageName } from "./links";

type Transport = ReturnType<typeof nodemailer.createTransport>;
let cached: { url: string; transport: Transport } | null = null;

export function emailEnabled(): boolean {
  return !!process.env.SMTP_URL?.trim();
}

export function mailFrom(): string {
  const from = process.env.SMTP_FROM?.trim();
  return from || `"${pageName().replace(/["\\]/g, "")}" <status@localhost>`;
}

function transport(timeoutMs: number): Transport {
  const url = process.env.SMTP_URL?.trim();
  if (!url) throw new Error("SMTP_URL is not set");
  if (cached?.url !== url) {
    cached?.transport.close();
    // Timeouts bounded by the dispatcher's lease, so a hung server cannot make two replicas send one message.
    cached = { url, transport: nodemailer.createTransport({ url, connectionTimeout: timeoutMs, greetingTimeout: timeoutMs, socketTimeout: timeoutMs }) };
  }
  return cached.transport;
}

export async function sendEmail(to: string, msg: EmailMessage, timeoutMs: number): Promise<void> {
  await transport(timeoutMs).sendMail({ from: mailFrom(), to, subject: msg.subject, text: msg.text, html: msg.html, headers: msg.headers });
}

/** A description safe for the admin's delivery log: SMTP replies and codes, never the SMTP_URL (it may hold a password). */
export function describeMailError(err: unknown): string {
  if (!(err instanceof Error)) return "mail error";
  const e = err as Error & { code?: unknown; responseCode?: unknown; response?: unknown };
  if (typeof e.response === "string") return `SMTP ${typeof e.responseCode === "number" ? e.responseCode : ""} ${e.response}`.replace(/\s+/g, " ").trim().slice(0, 200);
  if (typeof e.code === "string") return `mail error: ${e.code}`;
  return "mail error";
}
