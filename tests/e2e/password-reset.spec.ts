import { expect, logIn, test } from "./fixtures.ts";
import en from "../../app/locales/en.json" with { type: "json" };

test("a forgotten password is reset through a single-use link from the e-mail", async ({ page, mailbox }) => {
  const email = "employer.sl@demo.placements.test";
  await page.goto("/login");
  await page.getByRole("link", { name: en.login.forgot }).click();
  // The login page has an e-mail field too: wait until the new page is there before typing.
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(en.forgot.title);
  await page.getByLabel(en.fields.email).fill(email);
  await page.getByRole("button", { name: en.forgot.submit }).click();
  await expect(page.getByText(en.forgot.sent)).toBeVisible();

  const message = await mailbox.waitFor(email);
  // The account's language is Slovenian, so the e-mail is too.
  expect(message.subject).toBe("Izberite novo geslo");
  const link = mailbox.linkIn(message, "/reset-password?token=");
  await page.goto(link);
  await page.locator("#password").fill("a brand new password");
  await page.locator("#confirmPassword").fill("a brand new password");
  await page.locator("main form button[type=submit]").click();
  await expect(page).toHaveURL(/notice=passwordChanged/);

  await page.goto(link);
  await expect(page.locator("main .alert")).toBeVisible();
  await expect(page.locator("#password")).toHaveCount(0);

  await page.goto("/login");
  await page.locator("#email").fill(email);
  await page.locator("#password").fill("demo-placements-2026");
  await page.locator("main form button[type=submit]").click();
  await expect(page.locator("main [role=alert]")).toBeVisible();

  await logIn(page, email, "a brand new password");
  await expect(page).toHaveURL(/\/employer$/);
});
