import mongoose from "mongoose";
import { expect, expectErrorSummaryNamesFields, expectNoAxeViolations, insertCoordinator, logIn, test, uniqueEmail } from "./fixtures.ts";
import da from "../../app/locales/da.json" with { type: "json" };
import hr from "../../app/locales/hr.json" with { type: "json" };
import { connectDatabase, disconnectDatabase } from "../../app/db/connection.server.ts";
import { listNewMentees } from "../../app/mentees/lists.server.ts";
import { listDeactivatedMentor } from "../../app/accounts/lists.server.ts";

// The coordinator's programme pages (issue 13): the follow-up milestones and the mentors, with
// the mentees whose mentor is no longer active. In two languages, without axe violations. Nothing
// here changes what other specs rely on: the milestone form is only sent with bad input, and the
// mentor who left is one of this spec's own.

const messages = { hr, da };

/** A mentor of this spec who has left (deactivated), and one mentee still led by her. */
async function mentorWhoLeft(): Promise<{ mentor: string; mentee: string; organisation: string }> {
  const connection = await mongoose.createConnection(process.env.E2E_MONGODB_URI!).asPromise();
  try {
    const now = new Date();
    const organisation = await connection.collection("organisations").findOne({ kind: "mentor_organisation", country: "HR" });
    const mentor = `Vesna ${Date.now().toString(36)}`;
    const { insertedId } = await connection.collection("users").insertOne({
      email: uniqueEmail("mentor.left"),
      passwordHash: "x",
      name: mentor,
      role: "mentor",
      organisationId: organisation!._id,
      language: "hr",
      approval: "approved",
      emailConfirmedAt: now,
      deactivatedAt: now,
      createdAt: now,
      updatedAt: now,
    });
    const mentee = `Zora ${Date.now().toString(36)}`;
    const { insertedId: menteeId } = await connection.collection("mentees").insertOne({
      mentorId: insertedId,
      firstName: mentee,
      fullName: "",
      language: "hr",
      readiness: "activity_ready",
      readinessChangedAt: now,
      goals: "",
      strengths: [],
      interests: [],
      skills: [],
      languages: ["hr"],
      town: "Varaždin",
      country: "HR",
      lat: 46.3,
      lng: 16.34,
      travelKm: 20,
      hoursMin: 8,
      hoursMax: 20,
      supportNeededSealed: "",
      barriersSealed: "",
      notesSealed: "",
      createdAt: now,
      updatedAt: now,
    });
    // As the portal does for every mentee it stores (the programme's list and her mentor's caseload) and every mentor it deactivates.
    await connectDatabase(process.env.E2E_MONGODB_URI!);
    await listNewMentees([{ _id: menteeId, mentorId: insertedId }]);
    await listDeactivatedMentor(insertedId);
    return { mentor, mentee, organisation: String(organisation!.name) };
  } finally {
    await Promise.all([connection.close(), disconnectDatabase()]);
  }
}

for (const language of ["hr", "da"] as const) {
  const t = messages[language];

  test(`the milestones page in ${language} names a milestone's range when it is too far, with no axe violations`, async ({ page }) => {
    await logIn(page, await insertCoordinator(language));
    await page.goto("/coordinator");
    await page.getByRole("link", { name: t.coordinator.milestonesLink }).click();
    await expect(page.locator("h1")).toHaveText(t.checkins.programme.title);
    await expectNoAxeViolations(page);
    await page.locator("#after-0").fill("400");
    await page.locator("#unit-0").selectOption("days");
    await page.locator("button[value=save]").click();
    const label = t.checkins.programme.amount.replace("{{number}}", "1");
    expect(await expectErrorSummaryNamesFields(page)).toEqual([`${label}: ${t.errors.milestoneDays.replace("{{min}}", "1").replace("{{max}}", "365")}`]);
    await expectNoAxeViolations(page);
  });

  test(`the mentors page in ${language} lists a mentee whose mentor left, with a handover form, with no axe violations`, async ({ page }) => {
    const { mentor, mentee, organisation } = await mentorWhoLeft();
    await logIn(page, await insertCoordinator(language));
    await page.goto("/coordinator");
    await expect(page.locator(".warning a")).toContainText(t.coordinator.waitingForHandover.split("{{count}}")[0]);
    await page.getByRole("link", { name: t.coordinator.mentorsLink }).click();
    await expect(page.locator("h1")).toHaveText(t.coordinatorMentors.title);
    const card = page.locator("li", { has: page.getByRole("link", { name: mentee }) });
    await expect(card).toContainText(t.coordinatorMentors.waitingLine.replace("{{mentor}}", mentor).replace("{{count}}", "0"));
    // One choice of mentors for every waiting mentee on the page, without the one who left; a button per person.
    await expect(page.locator("select[name=mentorId]")).toHaveCount(1);
    await expect(page.locator("select[name=mentorId] option", { hasText: mentor })).toHaveCount(0);
    const handOver = card.getByRole("button", { name: t.coordinatorMentors.handOverPerson.replace("{{name}}", mentee) });
    await expect(handOver).toHaveCount(1);
    await expect(page.locator("li", { hasText: mentor }).locator("button[value=reactivate]")).toHaveCount(1);
    await expectNoAxeViolations(page);

    // Handed to a mentor of the same organisation from this page: back here, and no longer waiting.
    const sameOrganisation = page.locator("select[name=mentorId] option", { hasText: `— ${organisation}, ` }).first();
    await page.getByLabel(t.fields.newMentor).selectOption((await sameOrganisation.getAttribute("value"))!);
    await page.getByLabel(t.mentees.handoverReason).fill("Vesna je napustila program");
    await handOver.click();
    await expect(page.locator(".notice")).toHaveText(t.notices.handedOver);
    await expect(page).toHaveURL(/\/coordinator\/mentors\?notice=handedOver$/);
    await expect(page.getByRole("link", { name: mentee })).toHaveCount(0);
  });
}
