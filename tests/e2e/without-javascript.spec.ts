import { demo, DEMO_PASSWORD, expect, test } from "./fixtures.ts";
import hr from "../../app/locales/hr.json" with { type: "json" };

test.use({ javaScriptEnabled: false });

test("forms work without JavaScript: errors, login, language and logout", async ({ page }) => {
  await page.goto("/register");
  await page.locator("#language-select").selectOption("hr");
  await page.locator(".language-form button").click();
  await expect(page.locator("html")).toHaveAttribute("lang", "hr");

  await page.locator("#email").fill("not an address");
  await page.locator("main form button[type=submit]").click();
  await expect(page.locator("#email-error")).toHaveText(hr.errors.email);
  await expect(page.locator("#name-error")).toHaveText(hr.errors.required);
  await expect(page.locator("#email")).toHaveAttribute("aria-invalid", "true");

  await page.goto("/login");
  await page.locator("#email").fill(demo.mentor);
  await page.locator("#password").fill(DEMO_PASSWORD);
  await page.locator("main form button[type=submit]").click();
  await expect(page).toHaveURL(/\/mentor$/);
  await page.locator("header form[action='/logout'] button").click();
  await expect(page).toHaveURL(/\/login/);
});
