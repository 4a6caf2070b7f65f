import { DEMO_PASSWORD, expect, expectNoAxeViolations, logIn, test } from "./fixtures.ts";
import en from "../../app/locales/en.json" with { type: "json" };
import hr from "../../app/locales/hr.json" with { type: "json" };

test("a forgotten password is reset through a single-use link from the e-mail", async ({ page, browser, mailbox }) => {
  const email = "employer.sl@demo.placements.test";
  // A browser elsewhere that is still signed in: the reset ends its session.
  const elsewhere = await browser.newContext({ baseURL: process.env.E2E_BASE_URL });
  const elsewherePage = await elsewhere.newPage();
  await logIn(elsewherePage, email);
  await expect(elsewherePage).toHaveURL(/\/employer$/);

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
  // Ending every session is the default, and the hint says why.
  const signOutEverywhere = page.getByRole("checkbox", { name: en.reset.signOutEverywhere });
  await expect(signOutEverywhere).toBeChecked();
  await expect(signOutEverywhere).toHaveAccessibleDescription(en.reset.signOutEverywhereHint);
  await page.locator("#password").fill("a brand new password");
  await page.locator("#confirmPassword").fill("a brand new password");
  await page.locator("main form button[type=submit]").click();
  await expect(page).toHaveURL(/notice=passwordChangedEverywhere/);
  await expect(page.getByText(en.notices.passwordChangedEverywhere)).toBeVisible();

  await page.goto(link);
  await expect(page.locator("main .alert")).toBeVisible();
  await expect(page.locator("#password")).toHaveCount(0);

  await page.goto("/login");
  await page.locator("#email").fill(email);
  await page.locator("#password").fill(DEMO_PASSWORD);
  await page.locator("main form button[type=submit]").click();
  await expect(page.locator("main [role=alert]")).toBeVisible();

  await logIn(page, email, "a brand new password");
  await expect(page).toHaveURL(/\/employer$/);

  await elsewherePage.reload();
  await expect(elsewherePage).toHaveURL(/\/login\?redirectTo=%2Femployer/);
  await elsewhere.close();
});

test("a signed-in person changes the password from the header, stays signed in here and signs out elsewhere", async ({ page, browser }) => {
  // A Croatian account: the pages follow the account's language.
  const email = "social.hr@demo.placements.test";
  const elsewhere = await browser.newContext({ baseURL: process.env.E2E_BASE_URL });
  const elsewherePage = await elsewhere.newPage();
  await logIn(elsewherePage, email);

  await logIn(page, email);
  await page.getByRole("link", { name: hr.nav.changePassword }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(hr.account.passwordTitle);
  await expect(page.getByRole("checkbox", { name: hr.account.signOutOthers })).toBeChecked();
  await expectNoAxeViolations(page);

  // A wrong current password changes nothing and says which field is wrong.
  await page.getByLabel(hr.account.currentPassword).fill("not the current one");
  await page.getByLabel(hr.fields.newPassword).fill("a changed password");
  await page.getByLabel(hr.fields.confirmPassword).fill("a changed password");
  await page.getByRole("button", { name: hr.account.changePassword }).click();
  await expect(page.locator("#currentPassword-error")).toHaveText(hr.errors.currentPasswordWrong);
  await expectNoAxeViolations(page);

  await page.getByLabel(hr.account.currentPassword).fill(DEMO_PASSWORD);
  await page.getByLabel(hr.fields.newPassword).fill("a changed password");
  await page.getByLabel(hr.fields.confirmPassword).fill("a changed password");
  await page.getByRole("button", { name: hr.account.changePassword }).click();
  await expect(page.getByText(hr.notices.passwordUpdatedOthersSignedOut)).toBeVisible();

  await page.goto("/employer");
  await expect(page).toHaveURL(/\/employer$/);
  await elsewherePage.reload();
  await expect(elsewherePage).toHaveURL(/\/login\?redirectTo=%2Femployer/);
  await logIn(elsewherePage, email, "a changed password");
  await expect(elsewherePage).toHaveURL(/\/employer$/);
  await elsewhere.close();
});
