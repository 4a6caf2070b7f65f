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
  // Her data is not for the mentor's screen: refused.
  const data = await page.goto("/me/data");
  expect(data?.status()).toBe(403);
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

test("a mentor who goes back to their own pages during a desk session is offered to end it, and after signing in is back there, never met by a 403", async ({ page }) => {
  const refused: string[] = [];
  page.on("response", (response) => {
    if (response.status() === 403) refused.push(`${response.request().method()} ${response.url()}`);
  });
  await logIn(page, demo.mentor);
  await page.goto("/mentor/mentees");
  await page.locator("a", { hasText: "Ana Marić" }).first().click();
  await expect(page.locator("h1")).toHaveText("Ana Marić");
  const menteePath = new URL(page.url()).pathname;
  await page.locator("#deskPassword").fill(DEMO_PASSWORD);
  await page.locator("button[value=desk]").click();
  await expect(page).toHaveURL(/\/me\/offers$/);

  // Ana has answered; the mentor presses Back to her page, as one does.
  await page.goBack();
  await expect(page).toHaveURL(`/me/desk?redirectTo=${encodeURIComponent(menteePath)}`);
  await expect(page.locator("h1")).toHaveText(hr.mentee.deskStillOpenTitle);
  await expect(page.locator(".desk-banner")).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByRole("button", { name: hr.mentee.deskEndAndSignIn }).click();
  await expect(page).toHaveURL(/\/login\?notice=deskEnded/);
  await expect(page.locator(".desk-banner")).toHaveCount(0);
  await page.locator("#email").fill(demo.mentor);
  await page.locator("#password").fill(DEMO_PASSWORD);
  await page.locator("main form button[type=submit]").click();
  await expect(page).toHaveURL(menteePath);
  await expect(page.locator("h1")).toHaveText("Ana Marić");
  await page.goto("/mentor/mentees");
  await expect(page.locator("h1")).toHaveText(hr.mentees.title);
  expect(refused).toEqual([]);
});
