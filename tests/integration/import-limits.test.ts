import { spawn } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import en from "~/locales/en.json";
import hr from "~/locales/hr.json";
import { postForm, startPortal, type RunningPortal } from "../support/portal.ts";

// Hostile files against the running portal: whatever a file holds, the answer stays small, the
// report still says how many rows were refused, and the portal goes on answering others.
let portal: RunningPortal;
const cookies: Record<string, string> = {};
const logins = {
  coordinator: "coordinator@demo.placements.test",
  employer: "employer.hr@demo.placements.test",
  unverifiedEmployer: "employer.zagreb@demo.placements.test",
};
type Who = keyof typeof logins;

const ROWS = 50_000;
// Today's answer to these files; before the report was bounded, 4 000 repeated keys alone gave 24 MB.
const MAX_ANSWER_BYTES = 1_000_000;

/** The header `key` and one key on every line: each row's reason used to list all 50 000 rows. */
const repeatedKeys = `key\n${"same\n".repeat(ROWS)}`;

/** Every row refused for many reasons at once, each reason naming the values it allows. */
const placementsHeader = "key,title,description,language,kind,sector,town,country,hoursMin,hoursMax,scheduleFlexibility,readiness,physicalDemands,status,languages,support";
const wrongRow = (i: number) => `bad-${i},${"T".repeat(130)},short,klingon,apprenticeship-of-sorts,space-mining,Atlantis,XX,many,lots,whenever,eager,extreme,floating,"tlh; qya","jetpack; cape"`;
const everyCellWrong = [placementsHeader, ...Array.from({ length: ROWS }, (_, i) => wrongRow(i))].join("\n");

function upload(path: string, who: Who, file: { name: string; content: string }, fields: Record<string, string> = {}) {
  const form = new FormData();
  form.append("file", new Blob([file.content]), file.name);
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  return fetch(`${portal.url}${path}`, { method: "POST", body: form, redirect: "manual", headers: { Origin: portal.url, Cookie: cookies[who] } });
}

const get = (path: string, who?: Who) => fetch(`${portal.url}${path}`, { redirect: "manual", headers: who ? { Cookie: cookies[who] } : {} });

/** A translation with its placeholders as a pattern (numbers where the count goes). */
const pattern = (text: string, values: Record<string, string> = {}) =>
  new RegExp(
    text
      .replace(/[.*+?^${}()|[\]\\]/g, "\\$&")
      .replace(/\\\{\\\{(\w+)\\\}\\\}/g, (_, name: string) => values[name] ?? "\\d+"),
  );

beforeAll(async () => {
  portal = await startPortal({ OUTBOX_POLL_MS: "300" }, { seed: true });
  for (const [who, email] of Object.entries(logins)) {
    const response = await postForm(portal, "/login", { email, password: "demo-placements-2026" });
    expect(response.status, who).toBe(302);
    cookies[who] = response.headers.get("set-cookie")!.split(";")[0];
  }
  const { UserModel } = await import("~/accounts/model.server.ts");
  await UserModel.updateMany({ email: { $in: Object.values(logins) } }, { $set: { language: "hr" } });
}, 180_000);

afterAll(async () => {
  await portal?.stop();
});

async function expectPortalAnswers(who: Who) {
  expect((await get("/healthz")).status).toBe(200);
  const page = await get(`/${who === "coordinator" ? "coordinator" : "employer"}/import`, who);
  expect(page.status).toBe(200);
  expect(await page.text()).toContain(`<h1>${hr.import.title}</h1>`);
}

describe("a check of a hostile file", () => {
  it.each([
    ["employer", "/employer/import"],
    ["coordinator", "/coordinator/import"],
  ] as const)("answers 50 000 rows of one key with a short report, as %s", async (who, path) => {
    const response = await upload(path, who, { name: "keys.csv", content: repeatedKeys }, { intent: "check", kind: "placements" });
    expect(response.status).toBe(200);
    const body = Buffer.from(await response.arrayBuffer());
    expect(body.length).toBeLessThan(MAX_ANSWER_BYTES);
    const page = body.toString("utf8");
    expect(page).toContain(`<dt>${hr.import.actions.reject}</dt><dd>${ROWS}</dd>`);
    expect(page).toMatch(pattern(hr.import.report.shortened, { total: String(ROWS) }));
    expect(page).toMatch(pattern(hr.import.errors.repeatedKeyMany, { count: String(ROWS), rows: "2, 3, 4, 5, 6, 7, 8, 9, 10, 11" }));
    await expectPortalAnswers(who);
  }, 300_000);

  it.each([
    ["employer", "/employer/import"],
    ["coordinator", "/coordinator/import"],
  ] as const)("answers 50 000 rows refused for many reasons each with a short report, as %s", async (who, path) => {
    const response = await upload(path, who, { name: "wrong.csv", content: everyCellWrong }, { intent: "check" });
    expect(response.status).toBe(200);
    const body = Buffer.from(await response.arrayBuffer());
    expect(body.length).toBeLessThan(MAX_ANSWER_BYTES);
    const page = body.toString("utf8");
    expect(page).toContain(`<dt>${hr.import.actions.reject}</dt><dd>${ROWS}</dd>`);
    expect(page).toMatch(pattern(hr.import.report.shortened, { total: String(ROWS) }));
    expect(page).toContain(hr.import.errors.choiceOf.replace("{{value}}", "klingon").split(":")[0]);
    await expectPortalAnswers(who);
  }, 300_000);

  it("prints a short report on the command line too", async () => {
    // In the run's data folder, which the run removes at its end (nothing left in the system's temporary folder).
    const dir = mkdtempSync(join(process.env.SERVICES_DATA_DIR!, "import-limits-"));
    const file = join(dir, "keys.csv");
    writeFileSync(file, repeatedKeys);
    const { code, output } = await new Promise<{ code: number | null; output: string }>((resolve) => {
      const child = spawn(process.execPath, ["--import", "tsx", "server/import.ts", "--file", file, "--dry-run", "--kind", "placements"], { env: process.env, stdio: ["ignore", "pipe", "pipe"] });
      let output = "";
      child.stdout.on("data", (c) => (output += c));
      child.stderr.on("data", (c) => (output += c));
      child.on("exit", (code) => resolve({ code, output }));
    });
    expect(code).toBe(1);
    expect(Buffer.byteLength(output)).toBeLessThan(MAX_ANSWER_BYTES);
    expect(output).toMatch(pattern(en.import.report.shortened, { total: String(ROWS) }));
    expect(output).toContain(`${en.import.actions.reject}: ${ROWS}`);
  }, 300_000);
});

describe("an employer whose organisation is not verified", () => {
  it("sees why import is closed, and a file sent anyway is refused without anything written", async () => {
    const { PlacementModel } = await import("~/placements/model.server.ts");
    const { ImportUploadModel } = await import("~/import/model.server.ts");
    // The page carries its translations for the browser: the message must be in the page's own text.
    const notice = `<p class="notice" role="status">${hr.import.closed.organisationNotVerified}</p>`;
    const page = await (await get("/employer/import", "unverifiedEmployer")).text();
    expect(page).toContain(notice);
    expect(page).not.toContain('name="file"');

    const placementsBefore = await PlacementModel.countDocuments();
    const uploadsBefore = await ImportUploadModel.countDocuments();
    const csv = ["key,title,description,language,kind,sector,town,country,hoursMin,hoursMax,readiness,physicalDemands,status", 'closed-1,Skladištar,"Slažete robu na police uz kolegu koji vam sve pokaže.",hr,job,warehouse_logistics,Zagreb,HR,10,20,job_ready,medium,draft'].join("\n");
    for (const intent of ["check", "import"]) {
      const response = await upload("/employer/import", "unverifiedEmployer", { name: "mjesta.csv", content: csv }, { intent });
      expect(response.status).toBe(403);
      expect(await response.text()).toContain(notice);
    }
    expect(await PlacementModel.countDocuments()).toBe(placementsBefore);
    expect(await PlacementModel.countDocuments({ key: "closed-1" })).toBe(0);
    expect(await ImportUploadModel.countDocuments()).toBe(uploadsBefore);
    expect((await get("/healthz")).status).toBe(200);
  });
});
