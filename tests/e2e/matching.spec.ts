import { demo, expect, expectErrorSummaryNamesFields, expectNoAxeViolations, logIn, logOut, test, uniqueEmail } from "./fixtures.ts";
import hr from "../../app/locales/hr.json" with { type: "json" };

test.describe.configure({ mode: "serial" });

const menteeEmail = uniqueEmail("mentee");
const password = "my own password 2026";
let menteePath = "";

test("a mentor adds a mentee, sees ranked matches with reasons, proposes two and invites the mentee", async ({ page, mailbox }) => {
  await logIn(page, demo.mentor);
  await page.goto("/mentor/mentees/new");
  await expectNoAxeViolations(page);
  await page.locator("#firstName").fill("Luka");
  await page.locator("#email").fill(menteeEmail);
  await page.locator("#readiness").selectOption("activity_ready");
  await page.locator("#interests").fill("kuhanje, pečenje");
  await page.locator("#town").fill("Varaždin");
  await page.locator("#country").selectOption("HR");
  await page.locator("#travelKm").fill("40");
  await page.locator("#hoursMin").fill("5");
  await page.locator("#hoursMax").fill("30");
  await page.locator("#languages-hr").check();
  await page.locator("#barriers").fill("Dugo nezaposlen");
  await page.locator("main form button[type=submit]").click();
  await expect(page.locator(".notice")).toHaveText(hr.notices.menteeSaved);
  menteePath = new URL(page.url()).pathname;
  await expectNoAxeViolations(page);

  await page.locator(`a[href="${menteePath}/matches"]`).first().click();
  const matches = page.locator("ol.matches > li");
  await expect(matches.nth(1)).toBeVisible();
  await expect(matches.first().locator(".why")).toContainText(/km/);
  await expect(page.locator("ol.matches .why").first()).toContainText(hr.matching.matchedTerms.split(":")[0]);
  await expectNoAxeViolations(page);
  const firstTitle = await matches.nth(0).locator("h3").innerText();
  const secondTitle = await matches.nth(1).locator("h3").innerText();
  await matches.nth(0).locator("button").click();
  await expect(page.locator(".notice")).toHaveText(hr.notices.proposed);
  await page.locator("ol.matches > li").nth(1).locator("button").click();
  await expect(page.locator("ol.matches > li").nth(1)).toContainText(hr.matching.proposed);

  await page.goto(menteePath);
  await expect(page.locator(".proposal h3")).toHaveCount(2);
  for (const title of [firstTitle, secondTitle]) await expect(page.locator(".proposal h3", { hasText: title })).toHaveCount(1);
  await page.locator("button[value=invite]").click();
  await expect(page.locator(".notice")).toHaveText(hr.notices.menteeInvited);
  await logOut(page);

  const invitation = await mailbox.waitFor(menteeEmail);
  expect(invitation.subject).toBe(hr.email.menteeInvitation.subject);
});

test.describe("the mentee, without JavaScript on an old phone", () => {
  test.use({ javaScriptEnabled: false, viewport: { width: 360, height: 640 } });

  test("sets a password from the invitation, sees both offers and answers one", async ({ page, mailbox }) => {
    const invitation = await mailbox.waitFor(menteeEmail);
    await page.goto(mailbox.linkIn(invitation, "/reset-password?token="));
    await page.locator("#password").fill(password);
    await page.locator("#confirmPassword").fill(password);
    await page.locator("main form button[type=submit]").click();
    await expect(page).toHaveURL(/notice=passwordChanged/);
    await page.locator("#email").fill(menteeEmail);
    await page.locator("#password").fill(password);
    await page.locator("main form button[type=submit]").click();
    await expect(page).toHaveURL(/\/me$/);
    await page.goto("/me/offers");
    const offers = page.locator("article.offer");
    await expect(offers).toHaveCount(2);
    // Nothing runs on this phone, so measure the layout from outside: the offer and its button fit the screen.
    for (const part of [offers.first(), offers.first().locator("button[type=submit]")]) {
      const box = await part.boundingBox();
      expect(box!.x + box!.width).toBeLessThanOrEqual(360);
    }
    // Sent without choosing: the question is marked, and the list at the top names it.
    await offers.first().locator("button[type=submit]").click();
    const [answerEntry] = await expectErrorSummaryNamesFields(page);
    // With two offers on the page, the entry first names the offer it is about.
    const firstTitle = (await offers.first().locator("h2").innerText()).trim();
    expect(answerEntry).toBe(`${firstTitle} · ${hr.offers.answer}: ${hr.errors.chooseOne}`);
    await expect(offers.first().locator("fieldset.has-error .field-error")).toHaveText(hr.errors.chooseOne);
    await offers.first().locator("input[value=interested]").check();
    await offers.first().locator("textarea").fill("Volim peći kruh.");
    await offers.first().locator("button[type=submit]").click();
    await expect(page.locator(".notice")).toHaveText(hr.notices.answered);
    await expect(page.locator("article.offer").first().locator(".answered")).toBeVisible();
  });
});

test("the mentor sees the mentee's answer, and is told by e-mail", async ({ page, mailbox }) => {
  const told = await mailbox.waitFor(demo.mentor, (m) => m.subject.includes("Luka"));
  expect(told.text).toContain(hr.proposalStatus.interested);
  await logIn(page, demo.mentor);
  await page.goto(menteePath);
  await expect(page.locator(".proposal").filter({ hasText: hr.proposalStatus.interested })).toHaveCount(1);
  await expect(page.locator(".proposal")).toContainText(["Volim peći kruh."]);
  await logOut(page);
  // axe needs scripts, so the offers page is checked here, with the mentee's own login.
  await logIn(page, menteeEmail, password);
  await page.goto("/me/offers");
  await expect(page.locator("article.offer")).toHaveCount(2);
  await expectNoAxeViolations(page);
});
