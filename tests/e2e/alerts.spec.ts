// Saved searches and the morning digest, end to end (issue 16): the mentor saves Ana's matches
// with a daily e-mail; an employer publishes a placement that fits her plan; the next morning the
// digest arrives, and its link opens Ana's matches with that placement marked new.
//
// Like checkins.spec.ts, this spec runs a portal of its own with NODE_ENV=test and a clock file
// (the shared e2e portal keeps the real time for the other specs), with the shared portal's
// services and a database and search index prefix of its own. Its e-mails go to the shared
// mailbox, to the demo addresses: each one is picked by this portal's address in its links.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import mongoose from "mongoose";
import { DAY, portalClock, type PortalClock } from "../support/clock.ts";
import { startPortal, type RunningPortal } from "../support/portal.ts";
import { demo, expect, expectNoAxeViolations, logIn, logOut, OUTBOX_DEADLINE, test } from "./fixtures.ts";
import hr from "../../app/locales/hr.json" with { type: "json" };

let portal: RunningPortal | undefined;
let clock: PortalClock | undefined;
let clockDir = "";
let database: mongoose.Connection | undefined;
let indexPrefix = "";
let anaId = "";

test.use({ baseURL: async ({}, use) => use(portal?.url ?? process.env.E2E_BASE_URL) });

test.beforeAll(async () => {
  test.setTimeout(300_000);
  const shared = JSON.parse(process.env.E2E_PORTAL_ENV!) as Record<string, string>;
  const name = `e2e_alerts_${Date.now()}`;
  const uri = new URL(shared.MONGODB_URI);
  uri.pathname = `/${name}`;
  indexPrefix = `${name}_`;
  clockDir = mkdtempSync(join(tmpdir(), "e2e-alerts-clock-"));
  clock = portalClock(clockDir);
  portal = await startPortal({ ...shared, NODE_ENV: "test", MONGODB_URI: uri.toString(), MEILI_INDEX_PREFIX: indexPrefix, ...clock.env }, { seed: true, startTimeoutMs: 240_000 });
  database = await mongoose.createConnection(uri.toString()).asPromise();
  anaId = String((await database.collection("mentees").findOne({ key: "mentee-ana" }))!._id);
});

test.afterAll(async () => {
  await portal?.stop();
  if (portal) {
    mkdirSync("test-results", { recursive: true });
    writeFileSync("test-results/alerts-portal-output.log", portal.output());
  }
  await database?.dropDatabase().catch(() => {});
  await database?.close();
  if (clockDir) rmSync(clockDir, { recursive: true, force: true });
  await dropSearchIndexes().catch(() => {});
});

async function dropSearchIndexes() {
  if (!indexPrefix) return;
  const { MEILI_HOST, MEILI_MASTER_KEY } = JSON.parse(process.env.E2E_PORTAL_ENV!) as Record<string, string>;
  const headers = MEILI_MASTER_KEY ? { Authorization: `Bearer ${MEILI_MASTER_KEY}` } : undefined;
  const { results } = (await (await fetch(new URL("/indexes?limit=1000", MEILI_HOST), { headers })).json()) as { results: { uid: string }[] };
  for (const { uid } of results.filter((index) => index.uid.startsWith(indexPrefix))) await fetch(new URL(`/indexes/${uid}`, MEILI_HOST), { method: "DELETE", headers });
}

const zagrebToday = () => new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Zagreb", year: "numeric", month: "2-digit", day: "2-digit" }).format(new Date());
const plusDays = (day: string, days: number) => new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);

test("a saved search, a new placement, the next morning's digest, and its link to the placement marked new", async ({ page, mailbox }) => {
  test.slow();
  const url = portal!.url;
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
  clock!.moveTo(Date.parse(`${plusDays(zagrebToday(), 1)}T08:00:00Z`));
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
