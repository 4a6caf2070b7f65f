import { readFile } from "node:fs/promises";
import { demo, expect, expectErrorSummaryNamesFields, expectNoAxeViolations, logIn, logOut, OUTBOX_DEADLINE, test, uniqueEmail } from "./fixtures.ts";
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
// The meeting the employer proposes, and how the pages write it in Croatian.
const meetingDay = `${new Date().getUTCFullYear() + 1}-03-04`;
const meetingDayInWords = new Date(`${meetingDay}T09:30:00Z`).toLocaleDateString("hr", { timeZone: "UTC", weekday: "long", day: "numeric", month: "long", year: "numeric" });
const todayInWords = () => new Date().toLocaleDateString("hr", { timeZone: "UTC", day: "numeric", month: "long", year: "numeric" });

test("the whole loop: post, match, propose, interest, consent with two fields, meeting, withdrawal", async ({ page, mailbox }) => {
  // Four people and a dozen pages in one story: more than the default minute on a busy machine.
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
  }).toPass(OUTBOX_DEADLINE);
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
  // Without her name the employer would meet nobody: refused, with the reason at the list, and her choices kept.
  await page.locator("#field-firstName").uncheck();
  await page.locator("#field-availability").check();
  await page.locator("button[value=consent]").click();
  await expect(page.locator("#fields-error")).toHaveText(hr.errors.consentNeedsName);
  await expect(page.locator(".error-summary a[href='#fields']")).toHaveText(`${hr.consent.fieldsIntro.replace(/:$/, "")}: ${hr.errors.consentNeedsName}`);
  await expect(page.locator("main .status")).toHaveText(hr.introductionStatus.proposed);
  await expect(page.locator("#field-availability")).toBeChecked();
  await expectNoAxeViolations(page);
  await page.locator("#field-firstName").check();
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
  // The address changes a moment before the page does: what it shows is checked once its title is there.
  await expect(page.locator("h1")).toHaveText(hr.introductions.detailTitle.replace("{{placement}}", placementTitle));
  const employerView = page.locator("main");
  await expect(employerView).toContainText(firstName);
  await expect(employerView).toContainText("5–30");
  for (const leak of [fullName, skillMarker, menteeEmail]) await expect(employerView).not.toContainText(leak);
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
  await page.locator("#at").fill(`${meetingDay}T09:30`);
  await page.locator("#place").fill("Pekara Zrno, Varaždin");
  await page.locator("button[value=meeting_proposed]").click();
  await expect(page.locator(".notice")).toHaveText(hr.notices.introductionAnswered);

  // The page says where it stands, with the meeting, and offers only what can still be answered.
  const state = page.locator(".introduction-state");
  await expect(state).toContainText(hr.introductionStatus.meeting_proposed);
  await expect(state).toContainText(hr.introductions.meetingWhen.replace("{{date}}", meetingDayInWords).replace("{{time}}", "09:30").replace("{{place}}", "Pekara Zrno, Varaždin"));
  await expect(page.locator("#at")).toHaveCount(0);
  await expect(page.locator("button[value=meeting_proposed]")).toHaveCount(0);
  await expect(page.locator("button[value=accepted]")).toBeVisible();
  await expect(page.locator("button[value=declined]")).toBeVisible();
  await expectNoAxeViolations(page);
  // Each answer keeps its field and button together, one under the other.
  const decline = page.locator(".answer-option", { has: page.locator("button[value=declined]") });
  const [box, reasonBox, buttonBox] = await Promise.all([decline.boundingBox(), decline.locator("textarea").boundingBox(), decline.locator("button").boundingBox()]);
  for (const inner of [reasonBox!, buttonBox!]) {
    expect(inner.x).toBeGreaterThanOrEqual(box!.x);
    expect(inner.x + inner.width).toBeLessThanOrEqual(box!.x + box!.width);
  }
  expect(buttonBox!.y).toBeGreaterThanOrEqual(reasonBox!.y + reasonBox!.height);
  // A refused answer stands alone, not under the earlier "sent".
  await decline.locator("button").click();
  await expect(page.locator("#reason-error")).toBeVisible();
  await expect(page.locator(".notice")).toHaveCount(0);
  await expect(state).toContainText(hr.introductionStatus.meeting_proposed);
  await logOut(page);

  // Mentor and mentee both see the meeting, and are told by e-mail in their language.
  const toldMentee = await mailbox.waitFor(menteeEmail, (m) => m.subject.includes("Pekara Zrno"));
  expect(toldMentee.text).toContain(hr.introductionStatus.meeting_proposed);
  await mailbox.waitFor(demo.mentor, (m) => m.subject.includes("Pekara Zrno") && m.text.includes(placementTitle));
  await logIn(page, demo.mentor);
  // The mentor's list of introductions has the employer's answer; the introduction is a link away.
  await page.goto("/mentor/introductions");
  const entry = page.locator("ul.introductions > li", { hasText: placementTitle });
  await expect(entry).toContainText(firstName);
  await expect(entry.locator(".status")).toHaveText(hr.introductionStatus.meeting_proposed);
  await expect(entry).toContainText("Pekara Zrno, Varaždin");
  await expectNoAxeViolations(page);
  await entry.locator("h2 a").click();
  await expect(page).toHaveURL(introductionPath);
  await expect(page.locator("main")).toContainText("Pekara Zrno, Varaždin");
  // Her page no longer offers to introduce her again: it says how the introduction stands.
  await page.goto(menteePath);
  const proposal = page.locator(".proposal", { hasText: placementTitle });
  await expect(proposal.locator("button[value=introduce]")).toHaveCount(0);
  await expect(proposal.locator(`a[href="${introductionPath}"]`)).toBeVisible();
  await expect(proposal).toContainText(hr.introductionStatus.meeting_proposed);
  await logOut(page);
  await logIn(page, menteeEmail, password);
  await page.goto("/me/consents");
  await expect(page.locator("article.offer", { hasText: placementTitle })).toContainText("Pekara Zrno, Varaždin");
  await expectNoAxeViolations(page);

  // The mentee withdraws with one button; her page says when, and what was shared until then.
  const consent = page.locator("article.offer", { hasText: placementTitle });
  await consent.locator("button.danger").click();
  await expect(page.locator(".notice")).toHaveText(hr.notices.consentWithdrawn);
  await expect(consent).toContainText(hr.introductions.withdrawnOn.replace("{{date}}", todayInWords()).replace("{{organisation}}", "Pekara Zrno d.o.o."));
  await expect(consent).toContainText(hr.introductions.youSharedUntil.replace("{{organisation}}", "Pekara Zrno d.o.o."));
  await expect(consent.locator("button.danger")).toHaveCount(0);

  // Her data, readable in Croatian, with the same as a file beside it.
  await page.getByRole("link", { name: hr.privacy.seeMyData }).click();
  await expect(page.locator("h1")).toHaveText(hr.privacy.dataTitle);
  for (const heading of Object.values(hr.privacy.sections)) await expect(page.getByRole("heading", { name: heading, exact: true })).toBeVisible();
  const data = page.locator("main");
  for (const shown of [firstName, fullName, placementTitle, hr.introductionStatus.withdrawn, hr.consent.fields.availability, hr.privacy.methods.with_mentor, hr.vocab.readiness.activity_ready]) await expect(data).toContainText(shown);
  for (const code of ["readinessChangedAt", "withdrawnAt", "hoursMin", "activity_ready", "meeting_proposed", "with_mentor", "supportNeeded"]) await expect(data).not.toContainText(code);
  await expectNoAxeViolations(page);
  const [file] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: hr.privacy.downloadJson }).click()]);
  const json = JSON.parse(await readFile((await file.path())!, "utf8"));
  expect(json.plan.fullName).toBe(fullName);
  expect(json.consents[0].withdrawnAt).toBeTruthy();
  await logOut(page);

  // The employer learns that access ended, and nothing about her; the mentor, that she changed her mind.
  const toEmployer = await mailbox.waitFor(demo.employer, (m) => m.subject === hr.email.consentWithdrawnEmployer.subject.replace("{{placement}}", placementTitle));
  expect(toEmployer.text).toContain(hr.email.consentWithdrawnEmployer.body.replace("{{placement}}", placementTitle));
  for (const leak of [firstName, fullName, skillMarker, menteeEmail, "5–30"]) expect(toEmployer.text).not.toContain(leak);
  const toMentor = await mailbox.waitFor(demo.mentor, (m) => m.subject === hr.email.consentWithdrawnMentor.subject.replace("{{mentee}}", firstName));
  expect(toMentor.text).toContain(introductionPath);
  await logIn(page, demo.employer);
  await page.goto(employerIntroduction);
  await expect(page.locator(".alert")).toHaveText(hr.introductions.withdrawn);
  await expect(page.locator("main")).not.toContainText(firstName);
  await expect(page.locator("main")).not.toContainText("5–30");
});
