import { demo, expect, expectNoAxeViolations, logIn, logOut, OUTBOX_DEADLINE, test } from "./fixtures.ts";
import hr from "../../app/locales/hr.json" with { type: "json" };

const tag = Date.now().toString(36);
const title = `Pomoćnik u pekari ${tag}`;
// A word only this placement and this mentee share, so that it ranks among her matches.
const sharedWord = `kifle${tag}`;
const description = `Miješate tijesto, pečete ${sharedWord} i slažete police u maloj pekari. Kolegica Vam pokazuje svaki korak.`;
const supportNotes = `Prva dva tjedna radite samo ujutro ${tag}.`;
const startDate = `${new Date().getUTCFullYear() + 1}-03-01`;
// As the page writes a day: in Croatian, read in UTC (a start date is a day, not a moment).
const startInWords = new Date(`${startDate}T00:00:00Z`).toLocaleDateString("hr", { timeZone: "UTC", day: "numeric", month: "long", year: "numeric" });

test("a mentee's offer says what the work is, where and when, the hours, the support and the employer, and links to the placement, on an old phone", async ({ page, browser }) => {
  await logIn(page, demo.employer);
  await page.goto("/employer/placements/new");
  await page.locator("#title").fill(title);
  await page.locator("#description").fill(description);
  await page.locator("#kind").selectOption("work_trial");
  await page.locator("#sector").selectOption("food_production");
  await page.locator("#town").fill("Varaždin");
  await page.locator("#country").selectOption("HR");
  await page.locator("#hoursMin").fill("12");
  await page.locator("#hoursMax").fill("20");
  await page.locator("#scheduleFlexibility").selectOption("some");
  await page.locator("#startDate").fill(startDate);
  await page.locator("#readiness").selectOption("activity_ready");
  await page.locator("#physicalDemands").selectOption("medium");
  await page.locator("#languages-hr").check();
  await page.locator("#support-onsite_buddy").check();
  await page.locator("#support-gradual_start").check();
  await page.locator("#supportNotes").fill(supportNotes);
  await page.locator("button[value=publish]").click();
  await expect(page.locator(".notice")).toHaveText(hr.notices.placementPublished);
  await logOut(page);

  // The mentor proposes it to a mentee without an account of her own, and opens her offers at the desk.
  await logIn(page, demo.mentor);
  await page.goto("/mentor/mentees/new");
  await page.locator("#firstName").fill(`Vesna${tag}`);
  await page.locator("#readiness").selectOption("activity_ready");
  await page.locator("#interests").fill(`pečenje, ${sharedWord}`);
  await page.locator("#town").fill("Varaždin");
  await page.locator("#country").selectOption("HR");
  await page.locator("#travelKm").fill("20");
  await page.locator("#hoursMin").fill("10");
  await page.locator("#hoursMax").fill("25");
  await page.locator("#languages-hr").check();
  await page.locator("main form button[type=submit]").click();
  await expect(page.locator(".notice")).toHaveText(hr.notices.menteeSaved);
  const menteePath = new URL(page.url()).pathname;
  await expect(async () => {
    await page.goto(`${menteePath}/matches`);
    await expect(page.locator("ol.matches > li", { hasText: title })).toHaveCount(1);
  }).toPass(OUTBOX_DEADLINE);
  await page.locator("ol.matches > li", { hasText: title }).locator("button").click();
  await expect(page.locator(".notice")).toHaveText(hr.notices.proposed);
  await page.goto(menteePath);
  await page.locator("button[value=desk]").click();
  await expect(page).toHaveURL(/\/me\/offers$/);

  // The same offers on an old phone: 360 px wide, nothing runs.
  const phone = await browser.newContext({
    baseURL: process.env.E2E_BASE_URL,
    storageState: await page.context().storageState(),
    javaScriptEnabled: false,
    viewport: { width: 360, height: 740 },
  });
  const small = await phone.newPage();
  await small.goto("/me/offers");
  const offer = small.locator("article.offer", { hasText: title });
  await expect(offer).toContainText(description);
  await expect(offer).toContainText("Varaždin");
  await expect(offer).toContainText(hr.offers.startsOn.replace("{{date}}", startInWords));
  await expect(offer).toContainText(hr.offers.hours.range.replace("{{min}}", "12").replace("{{max}}", "20"));
  await expect(offer).toContainText(hr.vocab.flexibilityPlain.some);
  await expect(offer).toContainText(hr.vocab.supportPlain.onsite_buddy);
  await expect(offer).toContainText(hr.vocab.supportPlain.gradual_start);
  await expect(offer).toContainText(supportNotes);
  await expect(offer.locator(".offer-facts")).toContainText("Pekara Zrno d.o.o.");
  // Nothing sticks out of the screen.
  for (const part of [offer, offer.locator(".offer-facts"), offer.getByRole("link", { name: hr.offers.more }), offer.locator("button[type=submit]")]) {
    const box = await part.boundingBox();
    expect(box!.x + box!.width).toBeLessThanOrEqual(360);
  }
  // Sent without an answer: the page comes back naming the problem in this offer's own form, with the focus there.
  await offer.locator("button[type=submit]").click();
  await expect(offer.locator(".error-summary")).toBeFocused();
  await expect(offer.locator(".field-error")).toBeVisible();
  await offer.getByRole("link", { name: hr.offers.more }).click();
  await expect(small.locator("h1")).toHaveText(title);
  await phone.close();

  // On the mentor's screen: no accessibility violations, then the desk session ends.
  await page.goto("/me/offers");
  await expect(page.locator("article.offer", { hasText: title })).toContainText(description);
  await expectNoAxeViolations(page);
  await page.locator(".desk-banner button").click();
  await expect(page).toHaveURL(/\/login/);
});
