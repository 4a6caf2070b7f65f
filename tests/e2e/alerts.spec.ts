// Saved searches and the morning digest, end to end (issue 16): the mentor saves Ana's matches
// with a daily e-mail; an employer publishes a placement that fits her plan; the next morning the
// digest arrives, and its link opens Ana's matches with that placement marked new.
//
// The night must pass, so this spec runs a portal of its own with a clock it moves (tests/support/own-portal.ts).
import { DAY } from "../support/clock.ts";
import { startOwnPortal, type OwnPortal } from "../support/own-portal.ts";
import { demo, expect, expectNoAxeViolations, logIn, logOut, OUTBOX_DEADLINE, test } from "./fixtures.ts";
import hr from "../../app/locales/hr.json" with { type: "json" };

let own: OwnPortal | undefined;
let anaId = "";

test.use({ baseURL: async ({}, use) => use(own?.portal.url ?? process.env.E2E_BASE_URL) });

test.beforeAll(async () => {
  test.setTimeout(300_000);
  own = await startOwnPortal("alerts");
  anaId = String((await own.database.collection("mentees").findOne({ key: "mentee-ana" }))!._id);
});

test.afterAll(async () => {
  await own?.stop();
});

const zagrebToday = () => new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Zagreb", year: "numeric", month: "2-digit", day: "2-digit" }).format(new Date());
const plusDays = (day: string, days: number) => new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);

test("a saved search, a new placement, the next morning's digest, and its link to the placement marked new", async ({ page, mailbox }) => {
  test.slow();
  const url = own!.portal.url;
  const title = `Pomoć u pekari ${Date.now().toString(36)}`;
  const matchesPath = `/mentor/mentees/${anaId}/matches`;

  // Ivana saves Ana's matches: an e-mail each day something new fits.
  await logIn(page, demo.mentor);
  await page.goto(matchesPath);
  const alerts = page.locator("section[aria-labelledby=alert-heading]");
  await expect(alerts.locator("h2")).toHaveText(hr.alerts.heading);
  await expect(alerts).toContainText(hr.alerts.notSaved);
  await alerts.locator("#cadence-daily").check();
  await alerts.locator("button[value=saveAlert]").click();
  await expect(page.locator(".notice")).toHaveText(hr.notices.alertSaved);
  await expect(alerts).toContainText(hr.alerts.saved.daily);
  await expect(alerts.locator("button[value=stopAlert]")).toHaveText(hr.alerts.stop);
  await expectNoAxeViolations(page);
  await logOut(page);

  // The employer publishes a placement that fits Ana's plan (Varaždin, her hours, a gradual start).
  await logIn(page, demo.employer);
  await page.goto("/employer/placements/new");
  await page.locator("#title").fill(title);
  await page.locator("#description").fill("Pomoć pekaru u jutarnjoj smjeni: priprema tijesta, pečenje i pakiranje kruha, uz kolegicu koja pokazuje posao.");
  await page.locator("#kind").selectOption("work_trial");
  await page.locator("#sector").selectOption("food_production");
  await page.locator("#town").fill("Varaždin");
  await page.locator("#country").selectOption("HR");
  await page.locator("#hoursMin").fill("10");
  await page.locator("#hoursMax").fill("20");
  await page.locator("#scheduleFlexibility").selectOption("some");
  await page.locator("#readiness").selectOption("activity_ready");
  await page.locator("#physicalDemands").selectOption("low");
  await page.locator("#languages-hr").check();
  await page.locator("#support-gradual_start").check();
  await page.locator("button[value=publish]").click();
  await expect(page.locator(".notice")).toHaveText(hr.notices.placementPublished);
  await logOut(page);

  // The next morning (09:00 or 10:00 in Zagreb, after the 07:00 digest run), the digest arrives.
  own!.clock.moveTo(Date.parse(`${plusDays(zagrebToday(), 1)}T08:00:00Z`));
  const digest = await mailbox.waitFor(demo.mentor, (m) => m.text.includes(url) && m.text.includes(title));
  expect(digest.subject).toBe(hr.email.alertsDigest.subject.replace("{{count}}", "1"));
  expect(digest.text).toContain(hr.email.alertsDigest.forMentee.replace("{{mentee}}", "Ana").replace("{{count}}", "1"));
  expect(digest.text).not.toContain("Marić");
  const link = mailbox.linkIn(digest, matchesPath);

  // Its link opens Ana's matches with the placement marked new, in words.
  await logIn(page, demo.mentor);
  await page.goto(link);
  const card = page.locator("ol.matches > li", { hasText: title });
  await expect(card).toHaveCount(1, OUTBOX_DEADLINE);
  await expect(card.locator(".status.new")).toHaveText(hr.alerts.new);
  await expectNoAxeViolations(page);
});
