import { demo, expect, logIn, test, uniqueEmail } from "./fixtures.ts";

// A pasted link or a key held down: one word of 900 letters must not make a phone's page scroll sideways.
const phone = { width: 360, height: 740 };
const longWord = "a".repeat(900);

test.use({ viewport: phone });

test("a 900-letter word in a mentee's plan does not widen the mentor's page on a phone", async ({ page }) => {
  await logIn(page, demo.mentor);
  await page.goto("/mentor/mentees/new");
  await page.locator("#firstName").fill("Dora");
  await page.locator("#email").fill(uniqueEmail("long-word"));
  await page.locator("#readiness").selectOption("activity_ready");
  await page.locator("#goals").fill(longWord);
  await page.locator("#town").fill("Varaždin");
  await page.locator("#country").selectOption("HR");
  await page.locator("#travelKm").fill("20");
  await page.locator("#hoursMin").fill("5");
  await page.locator("#hoursMax").fill("20");
  await page.locator("#languages-hr").check();
  await page.locator("#barriers").fill(longWord);
  await page.locator("#notes").fill(longWord);
  await page.locator("main form button[type=submit]").click();
  await expect(page.locator(".notice")).toBeVisible();
  await expect(page.locator("main")).toContainText(longWord);
  expect(await page.evaluate(() => document.documentElement.scrollWidth), "the page's width").toBeLessThanOrEqual(phone.width);
});
