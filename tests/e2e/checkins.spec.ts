// The follow-up of a placement, end to end (issue 13): the mentor records Ana's start; a week
// later Ana answers her week-1 check-in from the e-mailed link on an old phone (360 px, no
// scripts) and the employer answers theirs in Danish; another week on, the mentor's start page
// shows the overdue check-in and Ana going quiet, with the reasons; a coordinator hands Ana to a
// colleague, who then has her check-ins and gets her next reminder.
//
// The story needs weeks to pass, so this spec runs a portal of its own with a clock it moves
// (tests/support/own-portal.ts).
import { DAY } from "../support/clock.ts";
import { startOwnPortal, type OwnPortal } from "../support/own-portal.ts";
import { chooseLanguage, demo, DEMO_PASSWORD, expect, expectErrorSummaryNamesFields, expectNoAxeViolations, logIn, logOut, OUTBOX_DEADLINE, test, uniqueEmail } from "./fixtures.ts";
import da from "../../app/locales/da.json" with { type: "json" };
import en from "../../app/locales/en.json" with { type: "json" };
import hr from "../../app/locales/hr.json" with { type: "json" };

let own: OwnPortal | undefined;

// Ana (the demo mentee, her own account, Croatian) has said yes to a placement of Pekara Zrno that
// her mentor Ivana proposed; Ivana's colleague Petra will take her over.
let anaId = "";
let placementTitle = "";
const colleague = { email: uniqueEmail("mentor.colleague"), name: "Petra Babić" };
let colleagueId = "";

// The test's pages go to this spec's portal. The hooks get pages of their own too (the console
// check is automatic), set up before the portal runs: those stay on the shared one, unused.
test.use({ baseURL: async ({}, use) => use(own?.portal.url ?? process.env.E2E_BASE_URL) });

test.beforeAll(async () => {
  // Starting a portal and seeding it takes a minute or more on a busy machine.
  test.setTimeout(300_000);
  own = await startOwnPortal("checkins");
  const database = own.database;
  const ana = (await database.collection("mentees").findOne({ key: "mentee-ana" }))!;
  const ivana = (await database.collection("users").findOne({ email: demo.mentor }))!;
  const pekara = (await database.collection("organisations").findOne({ key: "pekara-zrno" }))!;
  const placement = (await database.collection("placements").findOne({ organisationId: pekara._id, status: "published" }, { sort: { _id: 1 } }))!;
  anaId = String(ana._id);
  placementTitle = placement.title as string;
  const at = new Date();
  // Proposing and Ana's "yes" have specs of their own (introduction.spec.ts, offers.spec.ts).
  const proposal = await database.collection("proposals").insertOne({
    menteeId: ana._id,
    placementId: placement._id,
    mentorId: ivana._id,
    status: "interested",
    reason: "",
    history: [
      { status: "proposed", at, by: "mentor" },
      { status: "interested", at, by: "mentee" },
    ],
    createdAt: at,
    updatedAt: at,
  });
  // Entered in her list of proposals, as the portal enters one (app/matching/lists.server.ts): her
  // mentor's page of her reads her proposals from it.
  const list = `proposals-of-mentee:${anaId}`;
  const entries = database.collection<{ _id: string; id: unknown }>("idlistentries");
  const listed = await entries.countDocuments({ _id: { $regex: `^${list}#` } });
  await entries.insertOne({ _id: `${list}#${listed + 1}`, id: proposal.insertedId });
  const inserted = await database.collection("users").insertOne({
    email: colleague.email,
    passwordHash: ivana.passwordHash,
    name: colleague.name,
    role: "mentor",
    language: "hr",
    organisationId: ivana.organisationId,
    approval: "approved",
    emailConfirmedAt: at,
    createdAt: at,
    updatedAt: at,
  });
  colleagueId = String(inserted.insertedId);
});

test.afterAll(async () => {
  await own?.stop();
});

// Days as the check-ins have them (calendar days), and a moment on such a day: 11:00 UTC is
// noon or one o'clock in Zagreb, after the reminders of the day (09:00 there) are due.
const zagrebToday = () => new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Zagreb", year: "numeric", month: "2-digit", day: "2-digit" }).format(new Date());
const plusDays = (day: string, days: number) => new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);
const isWeekend = (day: string) => [0, 6].includes(new Date(`${day}T00:00:00Z`).getUTCDay());
const lateMorningOf = (day: string) => Date.parse(`${day}T11:00:00Z`);
// As the pages write a day.
const inWords = (day: string, language: string) => new Date(`${day}T00:00:00Z`).toLocaleDateString(language === "en" ? "en-GB" : language, { timeZone: "UTC" });

test("a start, the week-1 answers by e-mailed link, going quiet, and a handover that takes the check-ins along", async ({ page, browser, mailbox }) => {
  // Five people, a month of the clock and three rounds of e-mails: longer than the default.
  test.slow();
  const url = own!.portal.url;
  const fromThisPortal = (text: string) => text.includes(url);
  // The start is the next working day, so week 1 and week 2 fall on working days, 7 and 14 days on.
  let start = plusDays(zagrebToday(), 1);
  while (isWeekend(start)) start = plusDays(start, 1);
  const week1 = plusDays(start, 7);
  const goesWell = "Kolegice su drage i pokazuju mi sve.";
  const needsSupport = "Teško mi je rano ustati.";
  const concern = "Kommer nogle gange lidt for sent om morgenen.";

  // Ivana introduces Ana with her first name (the consent screen's default); the employer says yes.
  await logIn(page, demo.mentor);
  await page.goto(`/mentor/mentees/${anaId}`);
  await page.locator(".proposal", { hasText: placementTitle }).locator("button[value=introduce]").click();
  await page.waitForURL(/\/mentor\/introductions\/[a-f0-9]{24}$/);
  const introductionPath = new URL(page.url()).pathname;
  await expect(page.locator("#field-firstName")).toBeChecked();
  await page.locator("button[value=consent]").click();
  await expect(page.locator(".notice")).toHaveText(hr.notices.introduced);
  await logOut(page);
  await logIn(page, demo.employer);
  // The introduction reaches the employer through the outbox.
  await expect(async () => {
    await page.goto(introductionPath.replace("/mentor/", "/employer/"));
    await expect(page.locator("button[value=accepted]")).toBeVisible({ timeout: 5_000 });
  }).toPass(OUTBOX_DEADLINE);
  await page.locator("button[value=accepted]").click();
  await expect(page.locator(".notice")).toHaveText(hr.notices.introductionAnswered);
  // The employer works in Danish from now on: the account's language, for pages and e-mails.
  await chooseLanguage(page, "da");
  await logOut(page);

  // Ivana records the start. A form sent empty names each field it needs, and opens nothing.
  await logIn(page, demo.mentor);
  await page.goto(introductionPath);
  const startForm = page.locator("section[aria-labelledby=start-title]");
  await expect(startForm.locator("h2")).toHaveText(hr.checkins.start.title);
  await expectNoAxeViolations(page);
  await startForm.locator("button[value=start]").click();
  const refused = await expectErrorSummaryNamesFields(page);
  expect(refused).toContain(`${hr.checkins.start.startDay}: ${hr.errors.required}`);
  await expect(page.locator("section[aria-labelledby=plan-title]")).toHaveCount(0);
  await expectNoAxeViolations(page);
  await chooseLanguage(page, "en");
  await expect(startForm.locator("h2")).toHaveText(en.checkins.start.title);
  await expectNoAxeViolations(page);
  await chooseLanguage(page, "hr");
  await page.locator("#startDay").fill(start);
  await page.locator("#hoursPerWeek").fill("20");
  await page.locator("#plannedEndDay").fill(plusDays(start, 90));
  await startForm.locator("button[value=start]").click();
  await expect(page.locator(".notice")).toHaveText(hr.notices.followUpStarted);

  // The plan: week 1 seven days after the start, week 2 fourteen, each a link to its check-in.
  const plan = page.locator("section[aria-labelledby=plan-title]");
  const week1Link = plan.locator("li a", { hasText: hr.checkins.milestones.week1 });
  await expect(week1Link).toHaveText(`${hr.checkins.milestones.week1}: ${inWords(week1, "hr")}`);
  await expect(plan.locator("li a", { hasText: hr.checkins.milestones.week2 })).toHaveText(`${hr.checkins.milestones.week2}: ${inWords(plusDays(start, 14), "hr")}`);
  const week1Id = (await week1Link.getAttribute("href"))!.split("/").pop()!;
  const week2Id = (await plan.locator("li a", { hasText: hr.checkins.milestones.week2 }).getAttribute("href"))!.split("/").pop()!;
  await expectNoAxeViolations(page);
  await chooseLanguage(page, "en");
  await expect(plan.locator("li a", { hasText: en.checkins.milestones.week1 })).toHaveText(`${en.checkins.milestones.week1}: ${inWords(week1, "en")}`);
  await expectNoAxeViolations(page);
  await chooseLanguage(page, "hr");
  // A week away: on her list, later.
  await page.goto("/mentor/checkins");
  await expect(page.locator(`section[aria-labelledby=later] a[href="/mentor/checkins/${week1Id}"]`)).toBeVisible();
  await logOut(page);

  // A week on. The reminders of the day go out: to Ivana, to Ana, and to the employer in Danish.
  own!.clock.moveTo(lateMorningOf(week1));
  await mailbox.waitFor(demo.mentor, (m) => fromThisPortal(m.text) && m.subject === hr.email.checkinReminder.mentorDue.subject.replace("{{mentee}}", "Ana") && m.text.includes(`${url}/mentor/checkins/${week1Id}`));
  const toAna = await mailbox.waitFor(demo.mentee, (m) => fromThisPortal(m.text) && m.subject === hr.email.checkinReminder.mentee.subject.replace("{{placement}}", placementTitle));

  // Ana follows the link on an old phone: 360 px wide, no scripts. She signs in and is back at her questions.
  const phone = await browser.newContext({ baseURL: url, javaScriptEnabled: false, viewport: { width: 360, height: 640 } });
  try {
    const small = await phone.newPage();
    await small.goto(mailbox.linkIn(toAna, "/me/checkins"));
    await expect(small).toHaveURL(/\/login\?redirectTo=%2Fme%2Fcheckins$/);
    await small.locator("#email").fill(demo.mentee);
    await small.locator("#password").fill(DEMO_PASSWORD);
    await small.locator("main form button[type=submit]").click();
    await expect(small).toHaveURL(/\/me\/checkins$/);
    await expect(small.locator("h1")).toHaveText(hr.checkins.mentee.title);
    const questions = small.locator("article", { has: small.locator(`input[name=checkinId][value="${week1Id}"]`) });
    await expect(questions.locator("h2")).toContainText(placementTitle);
    await expect(questions.locator("legend")).toHaveText(hr.checkins.mentee.feeling);
    // Faces with words, never a number alone; nothing sticks out of the screen.
    await expect(questions.locator(`label[for="feeling-${week1Id}-4"]`)).toHaveText(`🙂 ${hr.checkins.feelings["4"]}`);
    for (const part of [questions, questions.locator(`#goesWell-${week1Id}`), questions.locator("button[type=submit]")]) {
      const box = (await part.boundingBox())!;
      expect(box.x + box.width).toBeLessThanOrEqual(360);
    }
    await questions.locator(`label[for="feeling-${week1Id}-4"]`).click();
    await questions.locator(`#goesWell-${week1Id}`).fill(goesWell);
    await questions.locator(`#needsSupport-${week1Id}`).fill(needsSupport);
    await questions.locator("button[type=submit]").click();
    await expect(small.locator(".notice")).toHaveText(hr.notices.checkinAnswered);
    // She sees what she said, and is not asked again.
    const before = small.locator("section[aria-labelledby=before]");
    await expect(before).toContainText(hr.checkins.feelings["4"]);
    await expect(before).toContainText(goesWell);
    await expect(before).toContainText(needsSupport);
    await expect(small.locator(`input[name=checkinId][value="${week1Id}"]`)).toHaveCount(0);
  } finally {
    await phone.close();
  }

  // The employer's reminder is in Danish; its link leads, after signing in, to their part, in Danish.
  const toEmployer = await mailbox.waitFor(
    demo.employer,
    (m) => fromThisPortal(m.text) && m.subject === da.email.checkinReminder.employer.subject.replace("{{mentee}}", "Ana").replace("{{placement}}", placementTitle),
  );
  await page.goto(mailbox.linkIn(toEmployer, "/employer/placed"));
  await expect(page).toHaveURL(/\/login\?redirectTo=%2Femployer%2Fplaced$/);
  await page.locator("#email").fill(demo.employer);
  await page.locator("#password").fill(DEMO_PASSWORD);
  await page.locator("main form button[type=submit]").click();
  await expect(page).toHaveURL(/\/employer\/placed$/);
  await expect(page.locator("h1")).toHaveText(da.checkins.employer.title);
  const placed = page.locator("article", { has: page.locator(`input[name=checkinId][value="${week1Id}"]`) });
  // The consent covers her first name only; Ana's own answers are for her mentor.
  await expect(placed.locator("h2")).toHaveText(`Ana · ${placementTitle}`);
  for (const hidden of ["Marić", goesWell, needsSupport]) await expect(page.locator("main")).not.toContainText(hidden);
  await expectNoAxeViolations(page);
  await chooseLanguage(page, "en");
  await expect(page.locator("h1")).toHaveText(en.checkins.employer.title);
  await expectNoAxeViolations(page);
  await chooseLanguage(page, "da");
  await expect(placed.locator("form h3")).toHaveText(da.checkins.employer.formFor.replace("{{date}}", inWords(week1, "da")));
  // Sent empty: the problems are summed up in this check-in's own form, named by the person, the
  // placement and the day (several people and check-ins can wait at once), with the focus there.
  await placed.locator("button[type=submit]").click();
  await expect(placed.locator("form .error-summary")).toBeFocused();
  const refusedHere = await expectErrorSummaryNamesFields(page);
  expect(refusedHere.every((entry) => entry.startsWith(`Ana, ${placementTitle}, ${da.checkins.employer.formFor.replace("{{date}}", inWords(week1, "da"))} · `)), refusedHere.join("\n")).toBe(true);
  await page.locator(`#attended-${week1Id}`).fill("4");
  await page.locator(`#expected-${week1Id}`).fill("5");
  await page.locator(`label[for="impression-${week1Id}-going_well"]`).click();
  await page.locator(`#concern-${week1Id}`).fill(concern);
  await placed.locator("button[type=submit]").click();
  await expect(page.locator(".notice")).toHaveText(da.notices.checkinAnswered);
  await expect(placed).toHaveCount(0);
  await expect(page.locator("main")).toContainText(`${da.checkins.employer.answered.replace("{{attended}}", "4").replace("{{expected}}", "5")} · ${da.checkins.impressions.going_well}`);
  await logOut(page);

  // Nine days after week 1 and sixteen after the start, nothing recorded by Ivana: on her start
  // page week 1 is late, and Ana is going quiet, with the reasons.
  const quietDay = plusDays(start, 16);
  own!.clock.moveTo(lateMorningOf(quietDay));
  await logIn(page, demo.mentor);
  await page.goto("/mentor");
  const thisWeek = page.locator("section[aria-labelledby=this-week]");
  await expect(thisWeek.locator("li", { has: page.locator(`a[href="/mentor/checkins/${week1Id}"]`) }).locator(".overdue")).toContainText(hr.checkins.list.daysLate.replace("{{count}}", "9"));
  const quietAna = thisWeek.locator("li", { has: page.locator(`a[href="/mentor/mentees/${anaId}"]`) });
  await expect(quietAna).toContainText(placementTitle);
  await expect(quietAna.locator(".quiet-reasons")).toContainText(hr.checkins.quiet.overdue.replace("{{count}}", "9"));
  await expect(quietAna.locator(".quiet-reasons")).toContainText(hr.checkins.quiet.noContact.replace("{{count}}", "16"));
  await expectNoAxeViolations(page);
  await page.goto("/mentor/checkins");
  await expect(page.locator(`section[aria-labelledby=quiet] a[href="/mentor/mentees/${anaId}"]`)).toBeVisible();
  await expect(page.locator(`section[aria-labelledby=this-week] a[href="/mentor/checkins/${week1Id}"]`)).toBeVisible();
  await expectNoAxeViolations(page);
  await chooseLanguage(page, "en");
  await expect(page.locator("section[aria-labelledby=quiet] .quiet-reasons")).toContainText(en.checkins.quiet.noContact.replace("{{count}}", "16"));
  await expectNoAxeViolations(page);
  await chooseLanguage(page, "hr");
  // The check-in itself: Ana's answers and the employer's, for Ivana to record.
  await page.goto(`/mentor/checkins/${week1Id}`);
  for (const said of [goesWell, needsSupport, concern]) await expect(page.locator("main")).toContainText(said);
  await expectNoAxeViolations(page);
  // Two forms ask for a "Reason": cancelled without one, the cancel form sums it up itself, named
  // apart from the move form's, with the focus there; each field's name to a screen reader says which.
  await page.locator("section[aria-labelledby=cancel] button[value=cancel]").click();
  await expect(page.locator("section[aria-labelledby=cancel] .error-summary")).toBeFocused();
  expect(await expectErrorSummaryNamesFields(page)).toEqual([`${hr.checkins.record.cancelTitle} · ${hr.checkins.fields.reason}: ${hr.errors.required}`]);
  await expect(page.locator("#move-reason")).toHaveAccessibleName(`${hr.checkins.record.moveTitle} · ${hr.checkins.fields.reason}`);
  await chooseLanguage(page, "en");
  await expect(page.locator("main")).toContainText(goesWell);
  await expectNoAxeViolations(page);
  await chooseLanguage(page, "hr");
  await logOut(page);

  // Ana's page, with scripts (at the desk, say): week 2 to answer, week 1 as she said it.
  await logIn(page, demo.mentee);
  await page.goto("/me/checkins");
  await expect(page.locator(`input[name=checkinId][value="${week2Id}"]`)).toHaveCount(1);
  await expect(page.locator("section[aria-labelledby=before]")).toContainText(goesWell);
  await expectNoAxeViolations(page);
  await chooseLanguage(page, "en");
  await expect(page.locator("h1")).toHaveText(en.checkins.mentee.title);
  await expectNoAxeViolations(page);
  await chooseLanguage(page, "hr");
  await logOut(page);

  // A week late and more: the coordinator sees it too, and hands Ana to Ivana's colleague.
  await logIn(page, demo.coordinator);
  await page.goto("/coordinator");
  // Her row names the placement (she may be in several), and her name leads to her page.
  const overdueRow = page.locator("section[aria-labelledby=overdue-checkins] li", { hasText: placementTitle });
  await expect(overdueRow).toContainText(`Ana (mentor Ivana Kovačević) · ${placementTitle}, `);
  await expect(overdueRow).toContainText(`: ${en.checkins.milestones.week1}`);
  await expect(overdueRow.locator("a")).toHaveAttribute("href", `/coordinator/mentees/${anaId}`);
  await expectNoAxeViolations(page);
  await page.goto(`/coordinator/mentees/${anaId}`);
  await page.locator("#mentorId").selectOption(colleagueId);
  await page.getByLabel(en.mentees.handoverReason).fill("Ivana ide na dulji dopust.");
  await page.locator("button[value=handover]").click();
  await expect(page.locator(".notice")).toHaveText(en.notices.handedOver);
  await logOut(page);

  // Ivana no longer has Ana's check-ins; Petra has every one of them, the late one first.
  await logIn(page, demo.mentor);
  await page.goto("/mentor/checkins");
  await expect(page.locator("h1")).toHaveText(hr.checkins.list.title);
  await expect(page.locator(`a[href="/mentor/checkins/${week1Id}"]`)).toHaveCount(0);
  await expect(page.locator(`a[href="/mentor/mentees/${anaId}"]`)).toHaveCount(0);
  expect((await page.goto(`/mentor/checkins/${week1Id}`))?.status()).toBe(403);
  await logOut(page);
  await logIn(page, colleague.email);
  await page.goto("/mentor");
  await expect(page.locator("section[aria-labelledby=this-week]").locator("li", { has: page.locator(`a[href="/mentor/checkins/${week1Id}"]`) }).locator(".overdue")).toContainText(
    hr.checkins.list.daysLate.replace("{{count}}", "9"),
  );
  await expect(page.locator(`section[aria-labelledby=this-week] a[href="/mentor/mentees/${anaId}"]`)).toBeVisible();
  await page.goto("/mentor/checkins");
  for (const id of [week1Id, week2Id]) await expect(page.locator(`section[aria-labelledby=this-week] a[href="/mentor/checkins/${id}"]`)).toBeVisible();
  await page.goto(`/mentor/checkins/${week1Id}`);
  await expect(page.locator("main")).toContainText(goesWell);
  await logOut(page);

  // Week 2's second reminder, due after the handover, goes to Petra, and not to Ivana.
  own!.clock.moveTo(lateMorningOf(plusDays(start, 20)));
  const overdueSubject = hr.email.checkinReminder.mentorOverdue.subject.split("{{day}}")[0].replace("{{mentee}}", "Ana");
  const isWeek2Overdue = (m: { subject: string; text: string }) => fromThisPortal(m.text) && m.subject.startsWith(overdueSubject) && m.text.includes(`${url}/mentor/checkins/${week2Id}`);
  await mailbox.waitFor(colleague.email, isWeek2Overdue);
  expect((await mailbox.all(demo.mentor)).filter(isWeek2Overdue)).toEqual([]);
});
