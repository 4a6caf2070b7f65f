// Every page gets only the sections of the messages its route declares (app/i18n/sections.ts).
// A section left out shows to people as a raw key ("placements.searchTitle"). This walks every
// role's pages, by client-side navigation where a link leads there (the messages must arrive with
// the new page) and by loading the page otherwise, forms with their errors included, and looks for
// any translation key in the text and the labels. A missing key also fails a test through the
// browser console (fixtures.ts), as the i18n instance reports it there.
import type { Page } from "@playwright/test";
import { demo, expect, logIn, test } from "./fixtures.ts";
import en from "../../app/locales/en.json" with { type: "json" };

function keyPaths(value: unknown, prefix = ""): string[] {
  if (typeof value === "string") return [prefix];
  return Object.entries(value as Record<string, unknown>).flatMap(([key, child]) => [
    ...(prefix ? [prefix] : []),
    ...keyPaths(child, prefix ? `${prefix}.${key}` : key),
  ]);
}
const knownKeys = new Set(keyPaths(en));

async function rawKeysOn(page: Page): Promise<string[]> {
  const shown = await page.evaluate(() => {
    const labels = [...document.querySelectorAll("[aria-label], [title], [placeholder], [alt], input[type=submit], input[type=button]")].flatMap((element) =>
      ["aria-label", "title", "placeholder", "alt", "value"].map((name) => element.getAttribute(name) ?? ""),
    );
    return [document.title, document.body.innerText, ...labels].join("\n");
  });
  return [...new Set(shown.match(/\b[a-z][A-Za-z]*(?:\.[A-Za-z0-9_]+)+\b/g) ?? [])].filter((token) => knownKeys.has(token));
}

/**
 * Opens `path`: by clicking a link to it when the page has one (client-side navigation), else by
 * loading it. The address changes a moment before the new page is drawn, so after a click it
 * waits until the old page's heading has gone (every page has one, and each path here is
 * another route, drawn anew).
 */
async function visit(page: Page, path: string) {
  const link = page.locator(`a[href="${path}"]`).first();
  if ((await link.count()) > 0 && (await link.isVisible())) {
    await page.locator("h1").first().evaluate((heading) => heading.setAttribute("data-left-behind", ""));
    await link.click();
    await page.waitForURL((url) => url.pathname + url.search === path);
    await expect(page.locator("[data-left-behind]")).toHaveCount(0);
  } else await page.goto(path);
}

async function expectNoRawKeys(page: Page, where = new URL(page.url()).pathname) {
  expect(await rawKeysOn(page), `raw translation keys on ${where}`).toEqual([]);
}

async function submitEmptyForm(page: Page) {
  await page.locator("main form[method=post] button[type=submit]").first().click();
  await expect(page.locator(".field-error, .form-alert, [role=alert]").first()).toBeVisible();
}

test.describe("the key scan itself", () => {
  // Without scripts: a word added to the page before React has hydrated it would make React
  // report a mismatch, which is the page's hydration racing the test, not a finding.
  test.use({ javaScriptEnabled: false });
  test("finds a raw key when one is shown", async ({ page }) => {
    await page.goto("/");
    await page.evaluate(() => document.querySelector("main")!.append("placements.searchTitle"));
    expect(await rawKeysOn(page)).toEqual(["placements.searchTitle"]);
  });
});

test("public pages show no raw translation keys", async ({ page }) => {
  await page.goto("/");
  await expectNoRawKeys(page);
  for (const path of ["/placements", "/login", "/register", "/register/mentor", "/forgot-password", "/placements?q=zzzzqqq", "/no-such-page"]) {
    await visit(page, path);
    await expectNoRawKeys(page);
  }
  await visit(page, "/placements");
  await page.locator("ul.results a").first().click();
  await page.waitForURL(/\/placements\/[0-9a-f]{24}/);
  await expectNoRawKeys(page);
  for (const path of ["/register", "/register/mentor", "/login", "/forgot-password"]) {
    await visit(page, path);
    await submitEmptyForm(page);
    await expectNoRawKeys(page, `${path} with errors`);
  }
});

test("an employer's pages show no raw translation keys", async ({ page }) => {
  await logIn(page, demo.employer);
  await expectNoRawKeys(page);
  for (const path of ["/employer/placements", "/employer/introductions", "/employer/import", "/account/password", "/employer/placements/new", "/placements"]) {
    await visit(page, path);
    await expectNoRawKeys(page);
  }
  await visit(page, "/employer/placements/new");
  await submitEmptyForm(page);
  await expectNoRawKeys(page, "new placement with errors");
  await visit(page, "/employer/placements");
  await page.locator("main a[href^='/employer/placements/']:not([href$='/new'])").first().click();
  await page.waitForURL(/\/employer\/placements\/[0-9a-f]{24}$/);
  await expectNoRawKeys(page);
  await page.locator("main a[href$='/edit']").first().click();
  await page.waitForURL(/\/edit$/);
  await expectNoRawKeys(page);
});

test("a mentor's pages show no raw translation keys", async ({ page }) => {
  await logIn(page, demo.mentor);
  await expectNoRawKeys(page);
  for (const path of ["/mentor/mentees", "/mentor/import", "/mentor/mentees/new"]) {
    await visit(page, path);
    await expectNoRawKeys(page);
  }
  await submitEmptyForm(page);
  await expectNoRawKeys(page, "new mentee with errors");
  await visit(page, "/mentor/mentees");
  await page.locator("main .cards a").first().click();
  await page.waitForURL(/\/mentor\/mentees\/[0-9a-f]{24}$/);
  await expectNoRawKeys(page);
  const plan = new URL(page.url()).pathname;
  for (const path of [`${plan}/matches`, `${plan}/edit`]) {
    await visit(page, path);
    await expectNoRawKeys(page);
  }
});

test("a mentee's pages show no raw translation keys", async ({ page }) => {
  await logIn(page, demo.mentee);
  await expectNoRawKeys(page);
  for (const path of ["/me/offers", "/me/consents", "/me"]) {
    await visit(page, path);
    await expectNoRawKeys(page);
  }
});

test("a coordinator's pages show no raw translation keys", async ({ page }) => {
  await logIn(page, demo.coordinator);
  await expectNoRawKeys(page);
  for (const path of ["/coordinator/placements", "/coordinator/mentees", "/coordinator/import", "/account/password", "/coordinator"]) {
    await visit(page, path);
    await expectNoRawKeys(page);
  }
  await visit(page, "/coordinator/mentees");
  await page.locator("main .cards a").first().click();
  await page.waitForURL(/\/coordinator\/mentees\/[0-9a-f]{24}$/);
  await expectNoRawKeys(page);
  await visit(page, "/me");
  await expectNoRawKeys(page, "403 page");
});
