import { readFileSync } from "node:fs";
import { demo, expect, expectNoAxeViolations, logIn, logOut, OUTBOX_DEADLINE, test } from "./fixtures.ts";
import en from "../../app/locales/en.json" with { type: "json" };
import hr from "../../app/locales/hr.json" with { type: "json" };

// Letters only, so that the search finds the word as typed.
const word = `Uvozpekar${Array.from({ length: 6 }, () => String.fromCharCode(97 + Math.floor(Math.random() * 26))).join("")}`;
const header = "key,organisation,title,description,language,kind,sector,town,country,hoursMin,hoursMax,readiness,languages,support,physicalDemands,status";
const row = (n: number, hoursMin: string) =>
  `${word}-${n},pekara-zrno,${word} pomoćnik ${n},"Miješate tijesto i pečete kruh; kolega vam sve pokaže.",hr,work_trial,food_production,Varaždin,HR,${hoursMin},20,activity_ready,hr,onsite_buddy;gradual_start,low,published`;
const file = (content: string) => ({ name: "mjesta.csv", mimeType: "text/csv", buffer: Buffer.from(content) });

// The demo coordinator works in English (the integration tests read the same report in Croatian).
test("a coordinator checks a CSV with a mistake, fixes it, imports it and finds the placements", async ({ page }) => {
  await logIn(page, demo.coordinator);
  await page.locator(`header a[href="/coordinator/import"]`).click();
  await expect(page.locator("h1")).toHaveText(en.import.title);
  await expectNoAxeViolations(page);

  await page.locator("#file").setInputFiles(file([header, row(1, "10"), row(2, "deset"), row(3, "15")].join("\n")));
  await page.locator("button[value=check]").click();
  const report = page.locator(".import-report");
  await expect(report.locator("[role=status]")).toHaveText(en.import.report.dryRun);
  const refused = report.locator("table").first().locator("tbody tr");
  await expect(refused).toHaveCount(1);
  await expect(refused.locator("td").nth(1)).toHaveText("3");
  await expect(refused).toContainText(`hoursMin ${en.errors.hoursBetween.replace("{{min}}", "1").replace("{{max}}", "60")}`);
  await expect(report.locator(".counts")).toContainText(`${en.import.actions.create}2`);
  await expectNoAxeViolations(page);

  await page.locator("#file").setInputFiles(file([header, row(1, "10"), row(2, "12"), row(3, "15")].join("\n")));
  await page.locator("button[value=check]").click();
  await expect(page.locator(".import-report .counts")).toContainText(`${en.import.actions.reject}0`);
  await page.getByRole("button", { name: en.import.runChecked.replace("{{file}}", "mjesta.csv") }).click();
  await expect(page.locator(".import-report [role=status]")).toHaveText(en.import.report.writtenAll);
  await expect(page.locator(".import-report .counts")).toContainText(`${en.import.actions.create}3`);

  // The outbox brings them into search within moments (a minute or more on a busy machine).
  await expect(async () => {
    await page.goto(`/placements?q=${word}`);
    await expect(page.locator("main").getByText(`${word} pomoćnik`, { exact: false })).toHaveCount(3);
  }).toPass(OUTBOX_DEADLINE);
});

test("a mentor downloads the caseload", async ({ page }) => {
  await logIn(page, demo.mentor);
  await page.goto("/mentor/mentees");
  const [download] = await Promise.all([page.waitForEvent("download"), page.locator(`a[href="/mentor/export?kind=mentees&format=csv"]`).click()]);
  expect(download.suggestedFilename()).toMatch(/^mentees-\d{4}-\d{2}-\d{2}\.csv$/);
  const csv = readFileSync((await download.path())!, "utf8");
  expect(csv.split("\r\n")[0]).toBe("\uFEFFkey,mentor,firstName,fullName,email,language,readiness,town,country,lat,lng,travelKm,hoursMin,hoursMax,languages,interests,skills,strengths,supportNeeded,goals,barriers,notes");
  expect(csv).toContain("mentee-ana,mentor.hr@demo.placements.test,Ana,Ana Marić");
  expect(csv).not.toContain("Ahmed");
  await logOut(page);
});

test("an employer whose organisation is not verified yet learns why there is no import", async ({ page }) => {
  // The demo's Logistika Sesvete waits for verification; its employer works in Croatian.
  await logIn(page, "employer.zagreb@demo.placements.test");
  await page.goto("/employer/import");
  await expect(page.locator("main [role=status]")).toHaveText(hr.import.closed.organisationNotVerified);
  await expect(page.locator("input[type=file]")).toHaveCount(0);
  await expectNoAxeViolations(page);
  await logOut(page);
});
