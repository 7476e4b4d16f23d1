// A visitor subscribes by email, confirms through the link in the message the real SMTP server
// received, gets the next public update by email, and unsubscribes through its link.
import { expect, test, type APIRequestContext } from "@playwright/test";
import { readMailDir, type Mail } from "../tests/integration/helpers/smtp";
import { E2E_MAIL_DIR } from "./mail";
import { DEMO, openHome } from "./fixtures";

async function waitForMail(to: string, pred: (m: Mail) => boolean): Promise<Mail> {
  let hit: Mail | undefined;
  await expect
    .poll(async () => {
      hit = (await readMailDir(E2E_MAIL_DIR)).find((m) => m.rcptTo === to && pred(m));
      return !!hit;
    }, { timeout: 20_000, message: `a message to ${to}` })
    .toBe(true);
  return hit!;
}

const mailTo = async (to: string) => (await readMailDir(E2E_MAIL_DIR)).filter((m) => m.rcptTo === to);

function link(m: Mail, path: string): string {
  const found = new RegExp(`https?://[^\\s"<>]+${path}\\?token=[\\w.-]+`).exec(m.text ?? "")?.[0];
  if (!found) throw new Error(`no ${path} link in "${m.subject}"`);
  return found;
}

async function subscribe(request: APIRequestContext, email: string): Promise<void> {
  const res = await request.post("/api/public/subscriptions", { data: { email } });
  expect(res.status()).toBe(202);
  expect(await res.json()).toMatchObject({ status: "pending_confirmation" });
}

test("subscribe by email, confirm in the browser, receive an update, unsubscribe with one click", async ({ page, request, baseURL }) => {
  test.setTimeout(120_000);
  const stamp = Date.now();
  const visitor = `visitor-${stamp}@example.test`;
  // A second subscriber who stays subscribed proves the dispatcher ran for the update the first one no longer gets.
  const control = `control-${stamp}@example.test`;
  const publicTitle = `Sign-in is slow ${stamp}`;

  // The visitor signs up on the public page's own form (plain HTML, no script needed).
  await page.goto("/status");
  const form = page.getByRole("region", { name: "Get updates" });
  await form.getByLabel("Email address").fill(visitor);
  await form.getByRole("button", { name: "Subscribe by email" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText(/inbox/i);
  await subscribe(request, control);
  const confirmation = await waitForMail(visitor, (m) => /Confirm your subscription/.test(m.subject ?? ""));
  const confirmUrl = link(confirmation, "/status/subscriptions/confirm");
  expect(confirmUrl.startsWith(`${baseURL}/`)).toBe(true);

  // Opening the link shows a button; only pressing it confirms.
  await page.goto(confirmUrl);
  await expect(page.getByRole("heading", { level: 1, name: "Confirm your subscription" })).toBeVisible();
  await page.getByRole("button", { name: "Confirm subscription" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Subscription confirmed" })).toBeVisible();

  const controlConfirm = await waitForMail(control, (m) => /Confirm your subscription/.test(m.subject ?? ""));
  expect((await request.post(link(controlConfirm, "/status/subscriptions/confirm"))).status()).toBe(200);

  // A responder declares an incident and posts a public update through the API.
  const login = await request.post("/api/auth/login", { data: { email: DEMO.responder.email, password: DEMO.responder.password } });
  expect(login.status()).toBe(200);
  const origin = { origin: baseURL! };
  const declared = await request.post("/api/incidents", { headers: origin, data: { title: `idp pool exhausted ${stamp}`, publicTitle, severity: "SEV2", symptoms: `internal symptom ${stamp}` } });
  expect(declared.status()).toBe(201);
  const id = ((await declared.json()) as { incident: { id: string } }).incident.id;
  const post = (body: string) => request.post(`/api/incidents/${id}/updates`, { headers: origin, data: { body, audience: "public" } });
  expect((await post(`Signing in takes longer than usual (${stamp}).`)).status()).toBe(201);

  const notice = await waitForMail(visitor, (m) => (m.subject ?? "").includes(publicTitle));
  expect(notice.subject).toContain("New incident");
  expect(notice.text).toContain(`Signing in takes longer than usual (${stamp}).`);
  expect(notice.text).not.toContain("idp pool exhausted");
  const unsubscribeHeader = notice.raw.split(/\r?\n\r?\n/)[0].replace(/\r?\n[ \t]+/g, " ");
  expect(unsubscribeHeader).toMatch(/^List-Unsubscribe: <http[^>]+\/status\/subscriptions\/unsubscribe\?token=[\w.-]+>$/m);
  expect(unsubscribeHeader).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click$/m);

  await page.goto(link(notice, "/status/subscriptions/unsubscribe"));
  await expect(page.getByRole("heading", { level: 1, name: "Unsubscribe" })).toBeVisible();
  await page.getByRole("button", { name: "Unsubscribe" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "You are unsubscribed" })).toBeVisible();

  const before = (await mailTo(visitor)).length;
  expect((await post(`Sign-in is back to normal speed (${stamp}).`)).status()).toBe(201);
  await waitForMail(control, (m) => (m.text ?? "").includes(`Sign-in is back to normal speed (${stamp}).`));
  expect(await mailTo(visitor)).toHaveLength(before);

  // Admins see the subscriber as unsubscribed.
  await openHome(page, "admin");
  await page.getByRole("link", { name: "Subscribers" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Subscribers" })).toBeVisible();
  await page.getByLabel("Find an email address").fill(visitor);
  const row = page.getByRole("table", { name: "Subscribers" }).getByRole("row").filter({ hasText: visitor });
  await expect(row).toContainText("Unsubscribed");
});
