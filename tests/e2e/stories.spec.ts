// Issue 15's journey: Ivana writes an anonymised story about Ana (in Danish), Ana approves it on an
// old phone (360 px, no scripts), the coordinator publishes it, a visitor finds it by a typo and
// reads it, Ana takes it back with one button and the story's page answers 410. A mentee without
// an account (Ahmed, Mette's mentee) answers through the one-time link on the same old phone.
// Every page on the way is checked with axe, in two languages.
import type { Browser, BrowserContext, Page } from "@playwright/test";
import { chooseLanguage, demo, DEMO_PASSWORD, expect, expectNoAxeViolations, insertCoordinator, logIn, OUTBOX_DEADLINE, test } from "./fixtures.ts";
import da from "../../app/locales/da.json" with { type: "json" };
import en from "../../app/locales/en.json" with { type: "json" };
import hr from "../../app/locales/hr.json" with { type: "json" };

const phone = { javaScriptEnabled: false, viewport: { width: 360, height: 640 } };

async function newPage(browser: Browser, options: Parameters<Browser["newContext"]>[0] = {}): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ baseURL: process.env.E2E_BASE_URL, ...options });
  return { context, page: await context.newPage() };
}

/**
 * axe runs as a script in the page, which a phone without scripts does not run: the same address
 * (and session) is checked in a context of its own with scripts, at the same width.
 */
async function expectNoAxeViolationsOnPhone(phonePage: Page) {
  const withScripts = await phonePage.context().browser()!.newContext({ baseURL: process.env.E2E_BASE_URL, viewport: phone.viewport, storageState: await phonePage.context().storageState() });
  try {
    const page = await withScripts.newPage();
    const errors: string[] = [];
    page.on("console", (message) => {
      if (message.type() === "error" && !/status of 4\d\d/.test(message.text())) errors.push(message.text());
    });
    await page.goto(phonePage.url());
    await expectNoAxeViolations(page);
    expect(errors, "browser console errors").toEqual([]);
  } finally {
    await withScripts.close();
  }
}

/** The page does not scroll sideways on a 360 px phone. */
async function expectFitsPhone(page: Page) {
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
}

/** A mentor writes a draft for the mentee named `menteeName`, in Danish; returns the story's editor address. */
async function draftDanishStory(page: Page, menteeName: string, story: { title: string; body: string }) {
  await page.goto("/mentor/stories");
  await expect(page.locator("h1")).toBeVisible();
  await expectNoAxeViolations(page);
  await page.locator("a[href^='/mentor/stories/new?mentee=']", { hasText: menteeName }).click();
  await expect(page.locator("#title")).toBeVisible();
  await expectNoAxeViolations(page);
  await page.locator("#title").fill(story.title);
  await page.locator("#body").fill(story.body);
  await page.locator("#language").selectOption("da");
  await page.locator("#placementKind").selectOption({ index: 1 });
  await page.locator("#sector").selectOption({ index: 1 });
  await page.locator("main form button[value=save]").click();
  await expect(page).toHaveURL(/\/mentor\/stories\/[0-9a-f]{24}\?saved=1$/);
  return new URL(page.url()).pathname;
}

test("a story goes from the mentor's draft through her yes and the coordinator to the public, and is gone when she takes it back", async ({ browser, page }) => {
  test.slow();
  const title = "Hun bager igen";
  // "kanelsnegle" is the word the visitor looks for, with one letter wrong.
  const body = "Efter mange år uden arbejde startede hun med to timer om ugen i et lille bageri.\n\nNu bager hun kanelsnegle hver morgen og har sine egne penge.";

  // Ivana (Croatian) writes it; the preview shows neither Ana's surname nor her town.
  await logIn(page, demo.mentor);
  const editor = await draftDanishStory(page, "Ana", { title, body });
  const preview = page.locator("section[aria-labelledby=preview-heading]");
  await expect(preview.locator("h3")).toHaveText(title);
  await expect(preview).toContainText("kanelsnegle");
  await expect(preview).not.toContainText("Marić");
  await expect(preview).not.toContainText("Varaždin");
  await expect(preview).not.toContainText("Zrno");
  await expectNoAxeViolations(page);
  await page.locator("button[value=submit]").click();
  await expect(page).toHaveURL(`${editor}?submitted=1`);
  await expect(page.locator(".notice[role=status]")).toHaveText(hr.stories.notice.submitted.replace("{{name}}", "Ana"));
  await expectNoAxeViolations(page);
  // A one-time link too (to print): it shows the story until she has answered, wherever she answers.
  await page.goto(`${editor}/decision-link`);
  await expectNoAxeViolations(page);
  await page.locator("main form button[type=submit]").click();
  const link = (await page.locator(".print-link").innerText()).trim();
  await expectNoAxeViolations(page);
  const linkPath = new URL(link).pathname;

  // Ana, on her old phone and signed in as herself, reads exactly what the public would and says yes.
  const ana = await newPage(browser, phone);
  await ana.page.goto(linkPath);
  await expect(ana.page.locator(".story-preview h2")).toHaveText(title);
  await logIn(ana.page, demo.mentee);
  await ana.page.goto("/me/stories");
  const herStory = ana.page.locator("article", { hasText: title });
  await expect(herStory.locator(".story-preview")).not.toContainText("Marić");
  await expectNoAxeViolationsOnPhone(ana.page);
  await expectFitsPhone(ana.page);
  await herStory.locator("button[value=approve]").click();
  await expect(ana.page.locator(".notice[role=status]")).toHaveText(hr.storyDecision.notices.approved);
  await expect(herStory.locator("h2")).toHaveText(hr.storyDecision.statuses.approved);
  await expectNoAxeViolationsOnPhone(ana.page);
  await expectFitsPhone(ana.page);
  // The printed link no longer asks anything: she has answered.
  const usedLink = await ana.page.goto(linkPath);
  expect(usedLink?.status()).toBe(410);
  await expect(ana.page.locator("main")).toContainText(hr.storyDecision.linkUnusable);

  // The coordinator publishes it.
  const coordinator = await newPage(browser);
  await logIn(coordinator.page, demo.coordinator);
  await coordinator.page.goto("/coordinator/stories");
  await expectNoAxeViolations(coordinator.page);
  await coordinator.page.locator("li", { hasText: title }).locator("button[value=publish]").click();
  await expect(coordinator.page.locator(".notice[role=status]")).toHaveText(en.stories.notice.published);
  await expectNoAxeViolations(coordinator.page);

  // A visitor who reads Danish finds it by a typo once the index has it, and opens it.
  const visitor = await newPage(browser, { locale: "da-DK" });
  const v = visitor.page;
  const card = v.locator(".story-cards a", { hasText: title });
  await expect(async () => {
    await v.goto(`/stories?q=${encodeURIComponent("kanelsnagle")}`);
    await expect(card).toHaveCount(1, { timeout: 1_000 });
  }).toPass(OUTBOX_DEADLINE);
  await expect(v.locator("html")).toHaveAttribute("lang", "da");
  await expectNoAxeViolations(v);
  await card.click();
  await expect(v.locator("h1")).toHaveText(title);
  await expect(v.locator("article.story")).toContainText("kanelsnegle");
  await expect(v.locator("article.story")).not.toContainText("Marić");
  await expect(v.locator("article.story")).not.toContainText("Varaždin");
  const storyPath = new URL(v.url()).pathname;
  await expectNoAxeViolations(v);
  // The home page features it next to the programme's results; the Croatian page lists it too.
  await v.goto("/");
  await expect(v.locator("#results-title")).toHaveText(da.campaign.resultsTitle);
  await expect(v.locator("section[aria-labelledby=stories-title]").locator(`a[href="${storyPath}"]`)).toBeVisible();
  await expectNoAxeViolations(v);
  await v.goto("/hr");
  await expect(v.locator(`a[href="${storyPath}"]`).first()).toBeVisible();
  await expectNoAxeViolations(v);
  // The same pages in English.
  for (const path of ["/stories?lng=en", `${storyPath}?lng=en`, "/?lng=en", "/hr?lng=en"]) {
    await v.goto(path);
    await expect(v.locator("html")).toHaveAttribute("lang", "en");
    await expectNoAxeViolations(v);
  }

  // Ana takes it back with one button.
  await ana.page.goto("/me/stories");
  await herStory.locator("button[value=withdraw]").click();
  await expect(ana.page.locator(".notice[role=status]")).toHaveText(hr.storyDecision.notices.withdrawn);
  await expectNoAxeViolationsOnPhone(ana.page);
  await expectFitsPhone(ana.page);

  // Its page is gone (410), saying so in the visitor's language, and search no longer finds it.
  for (const [language, texts] of [["da", da], ["en", en]] as const) {
    const gone = await v.goto(`${storyPath}?lng=${language}`);
    expect(gone?.status()).toBe(410);
    await expect(v.locator("h1")).toHaveText(texts.publicStories.goneTitle);
    await expect(v.locator("main")).not.toContainText("kanelsnegle");
    await expectNoAxeViolations(v);
  }
  await expect(async () => {
    await v.goto(`/stories?q=${encodeURIComponent("kanelsnagle")}`);
    await expect(card).toHaveCount(0, { timeout: 1_000 });
  }).toPass(OUTBOX_DEADLINE);
  await v.goto("/");
  await expect(v.locator(`a[href="${storyPath}"]`)).toHaveCount(0);
  await expect(v.locator("#results-title")).toBeVisible();

  // Her page at her mentor's desk, where the screen may read English (her account stays Croatian).
  await page.goto("/mentor/mentees");
  await page.locator("a", { hasText: "Ana Marić" }).first().click();
  await page.locator("#deskPassword").fill(DEMO_PASSWORD);
  await page.locator("button[value=desk]").click();
  await expect(page).toHaveURL(/\/me\/offers$/);
  await chooseLanguage(page, "en");
  await page.goto("/me/stories");
  await expect(page.locator("h1")).toHaveText(en.storyDecision.title);
  await expectNoAxeViolations(page);
  await page.locator(".desk-banner button").click();
  await expect(page).toHaveURL(/\/login/);

  // The review page of a coordinator who reads Danish.
  const danishCoordinator = await newPage(browser);
  await logIn(danishCoordinator.page, await insertCoordinator("da"));
  await danishCoordinator.page.goto("/coordinator/stories");
  await expect(danishCoordinator.page.locator("h1")).toHaveText(da.stories.reviewTitle);
  await expectNoAxeViolations(danishCoordinator.page);

  for (const opened of [ana, coordinator, visitor, danishCoordinator]) await opened.context.close();
});

test("a mentee without an account says yes through the one-time link on an old phone", async ({ browser, page }) => {
  test.slow();
  const title = "Tilbage i køkkenet";
  // Mette (Danish) writes about Ahmed, who has no account, and prints the link for him.
  await logIn(page, "mentor.da@demo.placements.test");
  const editor = await draftDanishStory(page, "Ahmed", { title, body: "Han startede med opvask to dage om ugen.\n\nI dag laver han frokost til hele holdet." });
  await expect(page.locator("section[aria-labelledby=preview-heading]")).not.toContainText("Hassan");
  await expect(page.locator("section[aria-labelledby=preview-heading]")).not.toContainText("Aarhus");
  await expectNoAxeViolations(page);
  await page.locator("button[value=submit]").click();
  await expect(page.locator(".notice[role=status]")).toHaveText(da.stories.notice.submitted.replace("{{name}}", "Ahmed"));
  await page.goto(`${editor}/decision-link`);
  await expect(page.locator("h1")).toHaveText(da.storyDecision.linkRequestTitle);
  await expectNoAxeViolations(page);
  await page.locator("main form button[type=submit]").click();
  const linkPath = new URL((await page.locator(".print-link").innerText()).trim()).pathname;

  // Ahmed opens it on a 360 px phone without scripts, in Danish; a page in English reads the same.
  const ahmed = await newPage(browser, { ...phone, locale: "da-DK" });
  await ahmed.page.goto(`${linkPath}?lng=en`);
  await expect(ahmed.page.locator("h1")).toHaveText(en.storyDecision.linkTitle);
  await expectNoAxeViolationsOnPhone(ahmed.page);
  await ahmed.page.goto(linkPath);
  await expect(ahmed.page.locator("h1")).toHaveText(da.storyDecision.linkTitle);
  await expect(ahmed.page.locator(".story-preview h2")).toHaveText(title);
  await expect(ahmed.page.locator(".story-preview")).not.toContainText("Hassan");
  await expectNoAxeViolationsOnPhone(ahmed.page);
  await expectFitsPhone(ahmed.page);
  await ahmed.page.locator("button[value=approve]").click();
  await expect(ahmed.page.locator(".notice[role=status]")).toHaveText(da.storyDecision.notices.approved);
  await expectNoAxeViolationsOnPhone(ahmed.page);
  await expectFitsPhone(ahmed.page);
  // Used once: it asks nothing more.
  const again = await ahmed.page.goto(linkPath);
  expect(again?.status()).toBe(410);
  await expect(ahmed.page.locator("main")).toContainText(da.storyDecision.linkUnusable);
  await ahmed.context.close();

  // Mette's editor says he approved.
  await page.goto(editor);
  await expect(page.locator("main")).toContainText(da.stories.status.approved);
  await expectNoAxeViolations(page);
});

for (const [email, texts] of [
  [demo.employer, hr],
  ["employer.da@demo.placements.test", da],
] as const) {
  test(`the employer's stories page has no axe violations (${email})`, async ({ page }) => {
    await logIn(page, email);
    await page.goto("/employer/stories");
    await expect(page.locator("h1")).toHaveText(texts.stories.employerTitle);
    await expectNoAxeViolations(page);
  });
}
