import { demo, expect, expectNoAxeViolations, logIn, test } from "./fixtures.ts";
import type { Locator, Page } from "@playwright/test";
import hr from "../../app/locales/hr.json" with { type: "json" };

const phone = { width: 360, height: 740 };

/** Where an element starts, from the top of the page (not of the scrolled screen). */
function topOnPage(element: Locator) {
  return element.evaluate((e) => e.getBoundingClientRect().top + window.scrollY);
}

async function searchFromTheBox(page: Page, words: string) {
  const box = page.locator("#q");
  const { height } = (await box.boundingBox())!;
  expect(height, "the search box's height").toBeGreaterThanOrEqual(44);
  expect(await box.evaluate((e) => parseFloat(getComputedStyle(e).fontSize)), "the search box's text size").toBeGreaterThanOrEqual(16);
  await box.fill(words);
  await box.press("Enter");
  await expect(page).toHaveURL((url) => url.pathname === "/placements" && url.searchParams.get("q") === words);
}

for (const javaScriptEnabled of [true, false]) {
  test.describe(`on a phone, ${javaScriptEnabled ? "with" : "without"} JavaScript`, () => {
    test.use({ viewport: phone, javaScriptEnabled });

    test("the first result of a search starts on the first screen, and the folded filters open and tick by their labels", async ({ page }) => {
      await logIn(page, demo.mentor);
      await page.goto("/placements");
      expect((await page.locator("header").boundingBox())!.height, "the header's height").toBeLessThan(100);
      await searchFromTheBox(page, "kuhinja");
      const first = page.locator(".results > li").first();
      await expect(first).toBeVisible();
      expect(await topOnPage(first), "where the first result starts").toBeLessThan(phone.height);

      const filters = page.locator("details.filters");
      await expect(page.locator("#town")).toBeHidden();
      await filters.locator("summary").click();
      await expect(page.locator("#town")).toBeVisible();
      const box = page.locator("#support-gradual_start");
      const size = (await box.boundingBox())!;
      expect(Math.min(size.width, size.height), "a filter box's size").toBeGreaterThanOrEqual(24);
      await page.locator("label[for=support-gradual_start]").click();
      await expect(box).toBeChecked();
    });

    test("the header's menu folds under one button that opens it", async ({ page }) => {
      await logIn(page, demo.mentor);
      const logout = page.locator("header form[action='/logout'] button");
      await expect(logout).toBeHidden();
      await page.locator("header summary").click();
      await expect(logout).toBeVisible();
      await expect(page.locator("header nav a[href='/placements']")).toBeVisible();
      await logout.click();
      await expect(page).toHaveURL(/\/login/);
    });

    test("the home page leads a person looking for a placement to the search", async ({ page }) => {
      await page.goto("/");
      await expect(page.locator("main a[href='/placements']")).toBeVisible();
      await searchFromTheBox(page, "vrtlar");
      await expect(page.locator("#q")).toHaveValue("vrtlar");
      await expect(page.locator(".results > li").first()).toBeVisible();
    });
  });
}

test.describe("on a phone", () => {
  test.use({ viewport: phone });
  test("the home page and the search have no axe violations", async ({ page }) => {
    await page.goto("/?lng=hr");
    await expect(page.locator("#search-title")).toHaveText(hr.home.searchTitle);
    await expectNoAxeViolations(page);
    await page.goto("/placements?lng=hr&q=kuhinja");
    await page.locator("details.filters summary").click();
    await page.locator("header summary").click();
    await expectNoAxeViolations(page);
  });
});
