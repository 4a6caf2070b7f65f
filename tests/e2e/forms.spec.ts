import type { Page } from "@playwright/test";
import { demo, expect, expectErrorSummaryNamesFields, expectNoAxeViolations, insertCoordinator, logIn, logOut, OUTBOX_DEADLINE, test } from "./fixtures.ts";
import da from "../../app/locales/da.json" with { type: "json" };
import hr from "../../app/locales/hr.json" with { type: "json" };

// What people stumbled on in the forms (issue 11): errors that named no field, ranges without the
// range, "too short" for an empty reason, the browser's English bubbles, a take-down undone by
// one click, start dates in the past, a handover across countries without a word, a town nobody knows.

const messages = { hr, da };
const range = (text: string, min: number, max: number) => text.replace("{{min}}", String(min)).replace("{{max}}", String(max));
/** Today as the page writes it in `language` (the programme's clock). */
const today = (language: string) => new Date(`${new Date().toLocaleDateString("sv", { timeZone: "Europe/Zagreb" })}T00:00:00Z`).toLocaleDateString(language, { timeZone: "UTC" });
const tag = Date.now().toString(36);

/** As a coordinator of a programme with many mentees finds one: by name, then the link. */
async function findMenteeByName(page: Page, name: string) {
  await page.goto("/coordinator/mentees");
  await page.locator("#name").fill(name);
  await page.locator("form[role=search] button[type=submit]").click();
  await expect(page.locator("#name")).toHaveValue(name);
  await expect(page).toHaveURL(/[?&]name=/);
  await page.getByRole("link", { name, exact: true }).click();
}

async function fillPlacement(page: Page, title: string) {
  await page.locator("#title").fill(title);
  await page.locator("#description").fill("Pomažete u kuhinji: pranje povrća, priprema jela i pospremanje, uz kolegu koji sve pokaže.");
  await page.locator("#kind").selectOption("work_trial");
  await page.locator("#sector").selectOption("hospitality");
  await page.locator("#town").fill("Varaždin");
  await page.locator("#country").selectOption("HR");
  await page.locator("#hoursMin").fill("8");
  await page.locator("#hoursMax").fill("20");
  await page.locator("#scheduleFlexibility").selectOption("some");
  await page.locator("#readiness").selectOption("activity_ready");
  await page.locator("#physicalDemands").selectOption("low");
}

for (const [language, account] of [
  ["hr", demo.employer],
  ["da", "employer.da@demo.placements.test"],
] as const) {
  test(`the new-placement form names each field and what would be right (${language})`, async ({ page }) => {
    const t = messages[language];
    await logIn(page, account);
    await page.goto("/employer/placements/new");
    await expect(page.locator("main form")).toHaveAttribute("novalidate", "");
    await page.locator("#hoursMin").fill("0");
    await page.locator("button[value=draft]").click();
    // The server answered (no bubble held the form back), field by field, in the page's language.
    const entries = await expectErrorSummaryNamesFields(page);
    expect(entries.length).toBeGreaterThanOrEqual(8);
    expect(entries).toContain(`${t.fields.title}: ${t.errors.required}`);
    expect(entries).toContain(`${t.fields.kind}: ${t.errors.chooseOne}`);
    expect(entries).toContain(`${t.fields.hoursMin}: ${range(t.errors.hoursBetween, 1, 60)}`);
    await expect(page.locator("#hoursMin")).toHaveAttribute("aria-invalid", "true");
    await expectNoAxeViolations(page);

    // A start in the past is refused, naming the earliest day allowed, written as the reader writes days.
    await fillPlacement(page, `Prošli početak ${tag}`);
    await page.locator("#startDate").fill("2024-01-15");
    await page.locator("button[value=draft]").click();
    await expect(page.locator(".error-summary a")).toHaveCount(1);
    expect(await expectErrorSummaryNamesFields(page)).toEqual([`${t.fields.startDate}: ${t.errors.startDateInPast.replace("{{earliestDate}}", today(language))}`]);
  });
}

test("a coordinator who presses erase without ticking is told on the checkbox, in Croatian, without a browser bubble", async ({ page }) => {
  await logIn(page, await insertCoordinator("hr"));
  await findMenteeByName(page, "Marija");
  await expect(page.locator("h1")).toHaveText("Marija");
  const eraseForm = page.locator("form:has(button[value=erase])");
  await expect(eraseForm).toHaveAttribute("novalidate", "");
  await eraseForm.locator("button[value=erase]").click();
  expect(await expectErrorSummaryNamesFields(page)).toEqual([`${hr.privacy.eraseConfirm}: ${hr.errors.confirmErase}`]);
  await expect(page.locator("#confirm")).toHaveAttribute("aria-invalid", "true");
  await expect(page.locator("body")).not.toContainText("Please fill");
  await expect(page.locator("h1")).toHaveText("Marija");
  // The private part says who sees it: the coordinator is not told "only you and the coordinator".
  await expect(page.locator("main")).toContainText(hr.mentees.privateSectionCoordinator);
  await expect(page.locator("main")).not.toContainText(hr.mentees.privateSection);
  await expectNoAxeViolations(page);
  // Ivan has nothing private recorded: the section says so instead of standing empty.
  await findMenteeByName(page, "Ivan Horvat");
  await expect(page.locator("h1")).toHaveText("Ivan Horvat");
  await expect(page.locator("section.panel h3")).toHaveText(hr.mentees.privateSectionCoordinator);
  await expect(page.locator("section.panel h3 + p")).toHaveText(hr.mentees.privateEmpty);
});

test("a handover to a mentor of another organisation or country is shown as such and needs a ticked confirmation", async ({ page }) => {
  // In Danish: Ahmed lives in Denmark; Ivana works in Croatia, at another organisation.
  await logIn(page, await insertCoordinator("da"));
  await findMenteeByName(page, "Ahmed Hassan");
  const ivana = page.locator("#mentorId option", { hasText: "Ivana Kovačević" });
  await expect(ivana).toContainText(`Centar za socijalnu skrb Varaždin, ${da.countries.HR} (${da.mentees.otherCountry})`);
  await page.locator("#mentorId").selectOption({ label: (await ivana.innerText()).trim() });
  await page.locator("#reason").fill("Mette forlader programmet");
  await page.locator("button[value=handover]").click();
  await expect(page.locator(".warning")).toHaveText(
    da.mentees.handoverWarningCountry.replace("{{name}}", "Ivana Kovačević").replace("{{where}}", `Centar za socijalnu skrb Varaždin, ${da.countries.HR}`).replaceAll("{{person}}", "Ahmed"),
  );
  expect(await expectErrorSummaryNamesFields(page)).toEqual([`${da.mentees.handoverConfirmAcross}: ${da.errors.confirmHandoverAcross}`]);
  await expectNoAxeViolations(page);
  await expect(page.locator("main")).toContainText(da.mentees.leadMentorAt.replace("{{name}}", "Mette Nielsen").split(" (")[0]);
  await logOut(page);

  // In Croatian, with the confirmation: Marija goes to Mette in Denmark, and comes back.
  await logIn(page, await insertCoordinator("hr"));
  await findMenteeByName(page, "Marija");
  await expect(page.locator("h1")).toHaveText("Marija");
  const marija = page.url();
  for (const mentor of ["Mette Nielsen", "Ivana Kovačević"]) {
    await page.goto(marija);
    await page.locator("#mentorId").selectOption({ label: (await page.locator("#mentorId option", { hasText: mentor }).innerText()).trim() });
    await page.locator("#reason").fill("Marija se seli");
    await page.locator("button[value=handover]").click();
    await expect(page.locator(".warning")).toContainText(mentor);
    await page.locator("#confirmAcross").check();
    await page.locator("button[value=handover]").click();
    await expect(page.locator(".notice")).toHaveText(hr.notices.handedOver);
    await expect(page.locator("main")).toContainText(hr.mentees.leadMentorAt.replace("{{name}}", mentor).split(" (")[0]);
  }
});

test("a coordinator's take-down stays down when the employer presses republish, until a coordinator puts it back", async ({ page, browser }) => {
  const title = `Skinuto ${tag} pomoćni kuhar`;
  await logIn(page, demo.employer);
  await page.goto("/employer/placements/new");
  await fillPlacement(page, title);
  await page.locator("button[value=publish]").click();
  await expect(page.locator(".notice")).toHaveText(hr.notices.placementPublished);
  const employerPage = page.url();
  const publicPage = employerPage.replace("/employer/placements/", "/placements/");

  const coordinatorContext = await browser.newContext({ baseURL: process.env.E2E_BASE_URL });
  const coordinator = await coordinatorContext.newPage();
  await logIn(coordinator, await insertCoordinator("hr"));
  await coordinator.goto("/coordinator/placements");
  const card = coordinator.locator("ul.cards > li", { hasText: title });
  await card.locator("textarea").fill("Opis ne navodi plaću ni radno vrijeme.");
  await card.locator("button[value=takeDown]").click();
  await expect(coordinator.locator(".notice")).toHaveText(hr.notices.placementUnpublished);

  // The employer reads why and what to do; there is no button that publishes it again, and a stale one is refused.
  await page.goto(employerPage);
  await expect(page.locator("#taken-down-title")).toHaveText(hr.employerPlacements.takenDownTitle);
  await expect(page.locator("main")).toContainText("Opis ne navodi plaću ni radno vrijeme.");
  await expect(page.locator("main")).toContainText(hr.employerPlacements.takenDownWhatToDo);
  await expect(page.locator("input[name=to][value=published]")).toHaveCount(0);
  await expectNoAxeViolations(page);
  const republish = await page.request.post(employerPage, { form: { to: "published" }, headers: { Origin: process.env.E2E_BASE_URL! } });
  expect(republish.status()).toBe(400);
  expect(await republish.text()).toContain(hr.errors.takenDown);
  await expect(async () => expect((await page.request.get(publicPage)).status()).toBe(404)).toPass(OUTBOX_DEADLINE);

  await page.locator("button[value=requestReview]").click();
  await expect(page.locator(".notice")).toHaveText(hr.notices.reviewRequested);
  await expect(async () => expect((await page.request.get(publicPage)).status()).toBe(404)).toPass(OUTBOX_DEADLINE);

  // The coordinator sees the request and agrees: the placement is public again.
  await coordinator.goto("/coordinator/placements?status=taken_down");
  const waiting = coordinator.locator("ul.cards > li", { hasText: title });
  await expect(waiting).toContainText(hr.coordinatorPlacements.notEditedSince);
  await expectNoAxeViolations(coordinator);
  await waiting.locator("button[value=restore]").click();
  await expect(coordinator.locator(".notice")).toHaveText(hr.notices.placementRestored);
  // Back on the list she was working through, with its filter.
  await expect(coordinator).toHaveURL(/\/coordinator\/placements\?status=taken_down&notice=placementRestored$/);
  await expect(async () => expect((await page.request.get(publicPage)).status()).toBe(200)).toPass(OUTBOX_DEADLINE);
  await coordinatorContext.close();
});

test("an organisation import refuses a town nobody knows and names allowed values in the reader's words", async ({ page }) => {
  await logIn(page, await insertCoordinator("hr"));
  await page.goto("/coordinator/import");
  const csv = ["key,name,kind,town,country", `atl-${tag},Atlantida d.o.o.,employer,Atlantida,HR`, `kind-${tag},Pekara Kruh,poslodavac,Varaždin,HR`, `ok-${tag},Pekara Zrno ${tag},employer,Varaždin,HR`].join("\n");
  await page.locator("#file").setInputFiles({ name: "organizacije.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
  // The checkbox sits by its label.
  const box = (await page.locator("#allOrNothing").boundingBox())!;
  const label = (await page.locator("label[for=allOrNothing]").boundingBox())!;
  expect(label.y).toBeLessThan(box.y + box.height);
  expect(label.x).toBeGreaterThan(box.x);
  await page.locator("button[value=check]").click();
  const report = page.locator(".import-report");
  // A check is news, not an error, even with refused rows.
  await expect(report.locator("[role=status]")).toHaveText(hr.import.report.dryRun);
  await expect(report.locator("[role=status]")).toHaveClass("notice");
  const refused = report.locator("table").first().locator("tbody tr");
  await expect(refused).toHaveCount(2);
  await expect(refused.nth(0)).toContainText(`town ${hr.errors.unknownTown}`);
  await expect(refused.nth(1)).toContainText(`employer (${hr.orgKinds.employer}), social_enterprise (${hr.orgKinds.social_enterprise})`);
  await expect(report.locator(".counts")).toContainText(`${hr.import.actions.create}1`);
  await expectNoAxeViolations(page);
});
