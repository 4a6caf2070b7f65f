import { readFile } from "node:fs/promises";
import mongoose from "mongoose";
import hr from "../../app/locales/hr.json" with { type: "json" };
import { expect, expectNoAxeViolations, insertCoordinator, logIn, test } from "./fixtures.ts";

// A coordinator reading Croatian opens the outcomes page, chooses a period and a programme, and
// reads the funnel chart's table. The programme is a mentor organisation of this test's own, with
// six starts in the first half of 2025 appended to the ledger, so that no other test's events (and
// no generated demo history) change its numbers.

const starts = 6;

async function organisationWithStarts(): Promise<{ id: string; name: string }> {
  const connection = await mongoose.createConnection(process.env.E2E_MONGODB_URI!).asPromise();
  try {
    const organisations = connection.collection("organisations");
    const model = (await organisations.findOne({ kind: "mentor_organisation", status: "verified" }))!;
    const { _id: _modelId, key: _modelKey, ...fields } = model;
    const id = new mongoose.Types.ObjectId();
    const name = `Udruga Ishodi ${Date.now().toString(36)}`;
    await organisations.insertOne({ ...fields, _id: id, name });
    const mentorId = new mongoose.Types.ObjectId();
    const facts = Array.from({ length: starts }, () => new mongoose.Types.ObjectId()).flatMap((menteeId, i) => [
      { kind: "joined", day: "2025-01-15", menteeId, mentorId, organisationId: id, country: "HR", to: "job_ready" },
      { kind: "started", day: `2025-03-${String(10 + i).padStart(2, "0")}`, menteeId, mentorId, organisationId: id, country: "HR", ref: new mongoose.Types.ObjectId(), status: "job" },
    ]);
    // Each at the next free number of the ledger (twelve digits), as the portal's own writers do,
    // and among the recent events, where a running portal looks for what is new.
    const ledger = connection.collection<{ _id: string } & Record<string, unknown>>("ledgerevents");
    const recent = connection.collection<{ _id: string } & Record<string, unknown>>("recentledgerevents");
    for (const fact of facts) {
      for (;;) {
        const last = await ledger.find({}).sort({ _id: -1 }).limit(1).next();
        const event = { _id: String(Number(last?._id ?? 0) + 1).padStart(12, "0"), at: new Date(), ...fact };
        try {
          await ledger.insertOne(event);
          await recent.insertOne(event);
          break;
        } catch (error) {
          if ((error as { code?: number }).code !== 11000) throw error;
        }
      }
    }
    return { id: String(id), name };
  } finally {
    await connection.close();
  }
}

test("a coordinator reads the outcomes in Croatian, filters a period and a programme, and reads the funnel's table", async ({ page }) => {
  const [organisation, email] = await Promise.all([organisationWithStarts(), insertCoordinator("hr")]);
  await logIn(page, email);
  await page.getByRole("link", { name: hr.outcomes.navLink, exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: hr.outcomes.title })).toBeVisible();
  await expectNoAxeViolations(page);

  await page.getByLabel(hr.outcomes.from, { exact: true }).fill("2025-01-01");
  await page.getByLabel(hr.outcomes.to, { exact: true }).fill("2025-06-30");
  await page.getByLabel(hr.outcomes.scope, { exact: true }).selectOption(`organisation:${organisation.id}`);
  await page.getByRole("button", { name: hr.outcomes.show }).click();
  await page.waitForURL(/from=2025-01-01/);
  await expect(page.locator("#shown-for")).toContainText(organisation.name);

  const table = page.getByRole("region", { name: hr.outcomes.funnel.chartTitle });
  const row = (label: string) => table.getByRole("row").filter({ has: page.getByRole("rowheader", { name: label, exact: true }) });
  await expect(row(hr.outcomes.funnel.started).getByRole("cell")).toHaveText(String(starts));
  await expect(row(hr.outcomes.funnel.caseload).getByRole("cell")).toHaveText(String(starts));
  // Fewer than 5 people (here none) stand behind these: the page does not say how many.
  await expect(row(hr.outcomes.funnel.proposed).getByRole("cell")).toHaveText(hr.outcomes.fewerThan5);
  await expect(row(hr.outcomes.funnel.in_work_1).getByRole("cell")).toHaveText(hr.outcomes.fewerThan5);
  // The chart says the same in words to a screen reader.
  await expect(page.locator("#funnel-chart-desc")).toContainText(`${hr.outcomes.funnel.started}: ${starts}`);
  await expectNoAxeViolations(page);
  // On a 360 px phone the page does not scroll sideways: the charts scale, the tables scroll in their own region.
  await page.setViewportSize({ width: 360, height: 780 });
  await expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  await page.locator("#funnel-chart").screenshot({ path: "test-results/outcomes-phone-funnel.png" });
  await page.locator("#retention-chart").screenshot({ path: "test-results/outcomes-phone-retention.png" });

  // The figures as CSV: the same numbers, small ones as "<5".
  await page.setViewportSize({ width: 1280, height: 900 });
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: hr.outcomes.downloadCsv }).click()]);
  const csv = await readFile((await download.path())!, "utf8");
  expect(csv).toMatch(/funnel\.started[^\n]*,6\r?$/m);
  expect(csv).toMatch(/funnel\.proposed[^\n]*,<5\r?$/m);

  // Submitting freezes them as version 1 of this period's report, and the report page shows them.
  await page.getByLabel(hr.outcomeReports.submit.note).fill("Izvješće za prvo polugodište");
  await page.getByRole("button", { name: hr.outcomeReports.submit.button }).click();
  await expect(page.getByRole("heading", { level: 1, name: hr.outcomeReports.report.title })).toBeVisible();
  await expect(page.getByText(hr.outcomeReports.versionN.replace("{{version}}", "1")).first()).toBeVisible();
  await expect(page.getByRole("row").filter({ has: page.getByRole("rowheader", { name: hr.outcomeReports.funnel.started, exact: true }) }).getByRole("cell").first()).toHaveText("6");
  await expectNoAxeViolations(page);

  // Back on the outcomes page, a count leads to the list behind it (these people have no records: the list is empty).
  await page.goto(`/coordinator/outcomes?${new URLSearchParams({ from: "2025-01-01", to: "2025-06-30", scope: `organisation:${organisation.id}` })}`);
  await expect(page.locator("#shown-for")).toContainText(organisation.name);
  await row(hr.outcomes.funnel.started).getByRole("link").click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText(hr.outcomes.funnel.started);
});

test("the outcomes page with an error on its filter has no axe violations", async ({ page }) => {
  await logIn(page, await insertCoordinator("hr"));
  await page.goto("/coordinator/outcomes?from=2025-06-01&to=2025-01-01");
  await expect(page.locator(".error-summary")).toContainText(hr.errors.periodEndBeforeStart);
  await expectNoAxeViolations(page);
});
