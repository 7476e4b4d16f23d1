// Signs each demo role in through the real login form once and keeps the session for the journeys
// (fixtures.ts `resumeSession`, `contextAs`); foundation.spec.ts still signs in and out through the form.
import { test as setup } from "@playwright/test";
import { DEMO, sessionFile, signIn, type DemoRole } from "./fixtures";

for (const role of Object.keys(DEMO) as DemoRole[]) {
  setup(`${role} signs in through the form`, async ({ page }) => {
    await signIn(page, DEMO[role]);
    await page.context().storageState({ path: sessionFile(role) });
  });
}
