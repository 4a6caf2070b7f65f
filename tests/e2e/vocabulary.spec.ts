import { expect, expectNoAxeViolations, logIn, test, whenScriptsHandle } from "./fixtures.ts";
import sl from "../../app/locales/sl.json" with { type: "json" };

// Nina, a mentor in Maribor whose portal is in Slovenian, writes a plan: she types the beginning
// of a word in the interests field, takes the vocabulary's suggestion with the keyboard, saves,
// and the matches name that interest as the reason for a gardening placement of the demo data.

test("a mentor picks an interest from the vocabulary with the keyboard, and the matches name it", async ({ page }) => {
  await logIn(page, "mentor.sl@demo.placements.test");
  await page.goto("/mentor/mentees/new");
  await expect(page.locator("html")).toHaveAttribute("lang", "sl");
  await page.locator("#firstName").fill("Maja");
  await page.locator("#readiness").selectOption("activity_ready");

  const interests = page.locator("#interests");
  await whenScriptsHandle(interests);
  await interests.pressSequentially("vrtn");
  const suggestion = page.getByRole("option", { name: /^vrtnarjenje/ });
  await expect(suggestion).toBeVisible();
  await expect(interests).toHaveAttribute("aria-expanded", "true");
  await expectNoAxeViolations(page);
  await interests.press("ArrowDown");
  await expect(interests).toHaveAttribute("aria-activedescendant", (await suggestion.getAttribute("id"))!);
  await interests.press("Enter");
  await expect(interests).toHaveValue("vrtnarjenje, ");
  await expect(interests).toHaveAttribute("aria-expanded", "false");

  await page.locator("#town").fill("Maribor");
  await page.locator("#country").selectOption("SI");
  await page.locator("#travelKm").fill("20");
  await page.locator("#hoursMin").fill("4");
  await page.locator("#hoursMax").fill("20");
  await page.locator("#languages-sl").check();
  await page.locator("main form button[type=submit]").click();
  await expect(page.locator(".notice")).toHaveText(sl.notices.menteeSaved);

  await page.locator(`a[href$="/matches"]`).first().click();
  const gardening = page.locator("ol.matches > li", { has: page.locator("h3", { hasText: /Pomočnik vrtnarja|Delo v drevesnici/ }) }).first();
  await expect(gardening.locator(".why")).toContainText(sl.matching.matchedTerms.replace("{{terms}}", "vrtnarjenje"));
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the interests field is a plain text field that saves what is typed", async ({ page }) => {
    await logIn(page, "mentor.sl@demo.placements.test");
    await page.goto("/mentor/mentees/new");
    await expect(page.locator("#interests")).not.toHaveAttribute("role", "combobox");
    await expect(page.getByRole("listbox")).toHaveCount(0);
    await page.locator("#firstName").fill("Tina");
    await page.locator("#readiness").selectOption("activity_ready");
    await page.locator("#interests").fill("vrtnarjenje, kolesa");
    await page.locator("#town").fill("Maribor");
    await page.locator("#country").selectOption("SI");
    await page.locator("#travelKm").fill("20");
    await page.locator("#hoursMin").fill("4");
    await page.locator("#hoursMax").fill("20");
    await page.locator("main form button[type=submit]").click();
    await expect(page.locator(".notice")).toHaveText(sl.notices.menteeSaved);
    await expect(page.locator("main")).toContainText("vrtnarjenje, kolesa");
  });
});
