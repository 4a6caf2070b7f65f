import { demo, expect, logIn, test } from "./fixtures.ts";

// After a success the address keeps ?notice=…, and the next form on the page posts back to it.
for (const javaScriptEnabled of [true, false]) {
  test.describe(`${javaScriptEnabled ? "with" : "without"} JavaScript`, () => {
    test.use({ javaScriptEnabled });

    test("a refused form shows its problems, not the last success's green confirmation", async ({ page }) => {
      await logIn(page, demo.employer);
      await page.goto("/account/password?notice=passwordUpdated");
      await expect(page.locator(".notice")).toBeVisible();
      await page.locator("main form button[type=submit]").click();
      await expect(page.locator(".error-summary")).toBeVisible();
      await expect(page.locator(".notice")).toBeHidden();
    });
  });
}
