import { demo, expect, logIn, logOut, test } from "./fixtures.ts";

// A library PC: the mentee looks at her data, signs out and walks away; the next person presses Back.
for (const javaScriptEnabled of [true, false]) {
  test.describe(`${javaScriptEnabled ? "with" : "without"} JavaScript`, () => {
    test.use({ javaScriptEnabled });

    test("Back after signing out does not show the mentee's data again", async ({ page }) => {
      await logIn(page, demo.mentee);
      await page.goto("/me/data");
      await expect(page.locator("#data-account")).toBeVisible();
      await logOut(page);
      await page.goBack();
      await expect(page.locator("#email, #data-account").first()).toBeVisible();
      await expect(page.locator("#data-account")).toHaveCount(0);
      await expect(page.getByText(demo.mentee)).toHaveCount(0);
    });
  });
}
