// A mentee's pages, and a placement's page (where her offers lead), carry no scripts: they are
// whole without them, and React and Remix alone would weigh more than her pages' budget (issue 17).
import { demo, expect, logIn, test } from "./fixtures.ts";

test("a mentee's pages and a placement's page load no script, and their menu and links work on a phone", async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  await logIn(page, demo.mentee);
  const scripts: string[] = [];
  page.on("request", (request) => {
    if (request.resourceType() === "script") scripts.push(new URL(request.url()).pathname);
  });
  for (const path of ["/me", "/me/offers", "/me/consents", "/me/checkins", "/me/stories", "/me/data"]) {
    await page.goto(path);
    await expect(page.locator("main h1")).toBeVisible();
    expect(await page.evaluate(() => document.scripts.length), `scripts on ${path}`).toBe(0);
  }
  // The folded menu opens without scripts, and its links load the next page.
  await page.locator(".site-menu > summary").click();
  await page.locator("header nav a[href='/me/consents']").click();
  await expect(page).toHaveURL(/\/me\/consents$/);
  await page.locator(".site-menu > summary").click();
  await page.locator("header nav a[href='/me/checkins']").click();
  await expect(page).toHaveURL(/\/me\/checkins$/);
  expect(scripts).toEqual([]);

  // The search page has its scripts (results follow the box); the placement it leads to has none.
  await page.goto("/placements");
  expect(scripts.length).toBeGreaterThan(0);
  const placementPath = await page.locator("ul.results a[href^='/placements/']").first().getAttribute("href");
  scripts.length = 0;
  await page.goto(placementPath!);
  await expect(page.locator("#placement-title")).toBeVisible();
  expect(await page.evaluate(() => document.scripts.length)).toBe(0);
  expect(scripts).toEqual([]);
});
