import { demo, expect, expectErrorSummaryNamesFields, expectNoAxeViolations, logIn, logOut, test, uniqueEmail } from "./fixtures.ts";
import hr from "../../app/locales/hr.json" with { type: "json" };

test.describe.configure({ mode: "serial" });

const tag = Date.now().toString(36);
const placementTitle = `Kuhinja${tag} pomoćni rad`;
const firstName = `Zora${tag}`;
const fullName = `Zora Tajnovita${tag}`;
const skillMarker = `vjestina${tag}`;
// A word only this placement and this mentee share, so that it ranks first among the demo data.
const sharedWord = `kolaci${tag}`;
const menteeEmail = uniqueEmail("zora");
const password = "zora's own password";
let introductionPath = "";
// A month from now, at 09:30, as a datetime-local input holds it.
const meetingAt = `${new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10)}T09:30`;

test("the whole loop: post, match, propose, interest, consent with two fields, meeting, withdrawal", async ({ page, mailbox }) => {
  // Four people, a dozen pages, e-mails and the search index on a busy machine.
  test.slow();
  // The employer posts a placement.
  await logIn(page, demo.employer);
  await page.goto("/employer/placements/new");
  await page.locator("#title").fill(placementTitle);
  await page.locator("#description").fill(`Kuhanje, ${sharedWord} i priprema jela u maloj kuhinji, uz kolegicu koja pokazuje posao.`);
  await page.locator("#kind").selectOption("work_trial");
  await page.locator("#sector").selectOption("hospitality");
  await page.locator("#town").fill("Varaždin");
  await page.locator("#country").selectOption("HR");
  await page.locator("#hoursMin").fill("10");
  await page.locator("#hoursMax").fill("20");
  await page.locator("#scheduleFlexibility").selectOption("some");
  await page.locator("#readiness").selectOption("activity_ready");
  await page.locator("#physicalDemands").selectOption("low");
  await page.locator("#languages-hr").check();
  await page.locator("button[value=publish]").click();
  await expect(page.locator(".notice")).toHaveText(hr.notices.placementPublished);
  await logOut(page);

  // The mentor adds the mentee, finds the placement among the matches, proposes it and invites her.
  await logIn(page, demo.mentor);
  await page.goto("/mentor/mentees/new");
  await page.locator("#firstName").fill(firstName);
  await page.locator("#fullName").fill(fullName);
  await page.locator("#email").fill(menteeEmail);
  await page.locator("#readiness").selectOption("activity_ready");
  await page.locator("#interests").fill(`kuhanje, ${sharedWord}`);
  await page.locator("#skills").fill(skillMarker);
  await page.locator("#town").fill("Varaždin");
  await page.locator("#country").selectOption("HR");
  await page.locator("#travelKm").fill("30");
  await page.locator("#hoursMin").fill("5");
  await page.locator("#hoursMax").fill("30");
  await page.locator("#languages-hr").check();
  await page.locator("main form button[type=submit]").click();
  await expect(page.locator(".notice")).toHaveText(hr.notices.menteeSaved);
  const menteePath = new URL(page.url()).pathname;
  await expect(async () => {
    await page.goto(`${menteePath}/matches`);
    await expect(page.locator("ol.matches > li", { hasText: placementTitle })).toHaveCount(1);
  }).toPass({ timeout: 15_000 });
  await page.locator("ol.matches > li", { hasText: placementTitle }).locator("button").click();
  await expect(page.locator(".notice")).toHaveText(hr.notices.proposed);
  await page.goto(menteePath);
  await page.locator("button[value=invite]").click();
  await expect(page.locator(".notice")).toHaveText(hr.notices.menteeInvited);
  await logOut(page);

  // The mentee sets her password from the invitation and says she is interested.
  const invitation = await mailbox.waitFor(menteeEmail);
  await page.goto(mailbox.linkIn(invitation, "/reset-password?token="));
  await page.locator("#password").fill(password);
  await page.locator("#confirmPassword").fill(password);
  await page.locator("main form button[type=submit]").click();
  await expect(page).toHaveURL(/notice=passwordChanged/);
  await logIn(page, menteeEmail, password);
  await page.goto("/me/offers");
  const offer = page.locator("article.offer", { hasText: placementTitle });
  await offer.locator("input[value=interested]").check();
  await offer.locator("button[type=submit]").click();
  await expect(page.locator(".notice")).toHaveText(hr.notices.answered);
  await logOut(page);

  // Mentor and mentee go through the consent screen together: first name and availability.
  await logIn(page, demo.mentor);
  await page.goto(menteePath);
  await page.locator(".proposal", { hasText: placementTitle }).locator("button[value=introduce]").click();
  await page.waitForURL(/\/mentor\/introductions\//);
  introductionPath = new URL(page.url()).pathname;
  await expect(page.locator("#field-firstName")).toBeChecked();
  for (const field of ["fullName", "ownContact", "skillsSummary", "availability", "supportNeeded", "note"]) await expect(page.locator(`#field-${field}`)).not.toBeChecked();
  await expectNoAxeViolations(page);
  await page.locator("#field-availability").check();
  await page.locator("button[value=consent]").click();
  await expect(page.locator(".notice")).toHaveText(hr.notices.introduced);
  await logOut(page);

  // The employer's e-mail and page carry exactly those two fields.
  const introductionMail = await mailbox.waitFor("employer.hr@demo.placements.test", (m) => m.text.includes(placementTitle) && m.text.includes(firstName));
  expect(introductionMail.text).toContain("5–30");
  for (const leak of [fullName, skillMarker, menteeEmail]) expect(introductionMail.text).not.toContain(leak);
  await logIn(page, demo.employer);
  await page.goto("/employer/introductions");
  await expectNoAxeViolations(page);
  await page.locator(".cards a", { hasText: placementTitle }).click();
  await page.waitForURL(/\/employer\/introductions\/[a-f0-9]{24}$/);
  const employerView = await page.locator("main").innerText();
  expect(employerView).toContain(firstName);
  expect(employerView).toContain("5–30");
  for (const leak of [fullName, skillMarker, menteeEmail]) expect(employerView).not.toContain(leak);
  await expectNoAxeViolations(page);
  const employerIntroduction = page.url();
  // Declining without a reason, or a meeting in the past: each answer names its field and what would be right.
  await page.locator("button[value=declined]").click();
  expect(await expectErrorSummaryNamesFields(page)).toEqual([`${hr.introductions.declineReason}: ${hr.errors.required}`]);
  await page.locator("#at").fill("2025-01-10T10:00");
  await page.locator("#place").fill("Pekara Zrno, Varaždin");
  await page.locator("button[value=meeting_proposed]").click();
  await expect(page.locator("#at-error")).toBeVisible();
  await expectErrorSummaryNamesFields(page);
  await expect(page.locator("#at-error")).toContainText(hr.errors.meetingInPast.split(" (")[0]);
  await expectNoAxeViolations(page);
  await page.locator("#at").fill(meetingAt);
  await page.locator("#place").fill("Pekara Zrno, Varaždin");
  await page.locator("button[value=meeting_proposed]").click();
  await expect(page.locator(".notice")).toHaveText(hr.notices.introductionAnswered);
  await logOut(page);

  // Mentor and mentee both see the meeting, and are told by e-mail in their language.
  const toldMentee = await mailbox.waitFor(menteeEmail, (m) => m.subject.includes("Pekara Zrno"));
  expect(toldMentee.text).toContain(hr.introductionStatus.meeting_proposed);
  await mailbox.waitFor(demo.mentor, (m) => m.subject.includes("Pekara Zrno") && m.text.includes(placementTitle));
  await logIn(page, demo.mentor);
  await page.goto(introductionPath);
  await expect(page.locator("main")).toContainText("Pekara Zrno, Varaždin");
  await logOut(page);
  await logIn(page, menteeEmail, password);
  await page.goto("/me/consents");
  await expect(page.locator("article.offer", { hasText: placementTitle })).toContainText("Pekara Zrno, Varaždin");
  await expectNoAxeViolations(page);

  // The mentee withdraws with one button; the employer's page keeps nothing of her.
  await page.locator("article.offer", { hasText: placementTitle }).locator("button.danger").click();
  await expect(page.locator(".notice")).toHaveText(hr.notices.consentWithdrawn);
  await logOut(page);
  await logIn(page, demo.employer);
  await page.goto(employerIntroduction);
  await expect(page.locator(".alert")).toHaveText(hr.introductions.withdrawn);
  const afterWithdrawal = await page.locator("main").innerText();
  expect(afterWithdrawal).not.toContain(firstName);
  expect(afterWithdrawal).not.toContain("5–30");
});
