import { demo, DEMO_PASSWORD, expect, expectNoAxeViolations, logIn, test } from "./fixtures.ts";
import hr from "../../app/locales/hr.json" with { type: "json" };

// Ana has her own account; her lead mentor is Ivana Kovačević. Both work in Croatian.
const mentorName = "Ivana Kovačević";

test("a desk session for a mentee with her own account opens with her password, shows whose screen it is, and ends by signing out", async ({ page, mailbox }) => {
  await logIn(page, demo.mentor);
  await page.goto("/mentor/mentees");
  await page.locator("a", { hasText: "Ana Marić" }).first().click();
  await expect(page.locator("h1")).toHaveText("Ana Marić");
  const menteePath = new URL(page.url()).pathname;
  await expectNoAxeViolations(page);

  // Without her password nothing opens.
  await page.locator("button[value=desk]").click();
  await expect(page.locator("#deskPassword-error")).toHaveText(hr.errors.required);
  await expect(page).toHaveURL(menteePath);

  // She types it herself; the screen is hers, with the banner, until the session ends.
  await page.locator("#deskPassword").fill(DEMO_PASSWORD);
  await page.locator("button[value=desk]").click();
  await expect(page).toHaveURL(/\/me\/offers$/);
  const banner = page.locator(".desk-banner");
  await expect(banner).toContainText(hr.mentee.deskBanner.split("{{mentor}}")[0] + mentorName);
  await expect(banner.locator("button")).toHaveText(hr.mentee.deskEnd);
  await expectNoAxeViolations(page);
  await page.goto("/me/consents");
  await expect(banner).toBeVisible();
  await expect(page.locator('a[href="/me/data"]')).toHaveCount(0);
  // The download is a file, not a page: refused with a bare 403.
  const download = await page.goto("/me/data");
  expect(download?.status()).toBe(403);
  await page.goto("/me");
  await expect(banner).toBeVisible();

  // Ending it signs out; the mentor signs in again and is back on Ana's page. Ana is told by e-mail.
  await banner.locator("button").click();
  await expect(page).toHaveURL(/\/login/);
  await expect(page.locator(".notice")).toHaveText(hr.notices.deskEnded);
  await expect(page.locator(".desk-banner")).toHaveCount(0);
  const told = await mailbox.waitFor(demo.mentee, (m) => m.subject === hr.email.deskSession.subject.replace("{{mentor}}", mentorName));
  expect(told.text).toContain(hr.mentee.deskNothingDone);
  await page.locator("#email").fill(demo.mentor);
  await page.locator("#password").fill(DEMO_PASSWORD);
  await page.locator("main form button[type=submit]").click();
  await expect(page).toHaveURL(menteePath);
});
