import { spawn } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import hr from "~/locales/hr.json";
import { postForm, startPortal, type RunningPortal } from "../support/portal.ts";

// The import and export pages and the command line, as people and operators use them.
let portal: RunningPortal;
const cookies: Record<string, string> = {};
const logins = {
  coordinator: "coordinator@demo.placements.test",
  mentor: "mentor.hr@demo.placements.test",
  employer: "employer.hr@demo.placements.test",
};
// In the run's data folder, which the run removes at its end (nothing left in the system's temporary folder).
const dir = mkdtempSync(join(process.env.SERVICES_DATA_DIR!, "import-routes-"));

const placementsHeader = "key,organisation,title,description,language,kind,sector,town,country,hoursMin,hoursMax,readiness,physicalDemands,status";
const placementLine = (key: string, hoursMin = "10") => `${key},pekara-zrno,Pomoćni pekar ${key},"Miješate tijesto i pečete kruh uz kolegu koji vam sve pokaže.",hr,work_trial,food_production,Varaždin,HR,${hoursMin},20,activity_ready,low,published`;

function upload(path: string, who: keyof typeof logins | null, file: { name: string; content: string | Uint8Array }, fields: Record<string, string> = {}) {
  const form = new FormData();
  form.append("file", new Blob([file.content as BlobPart]), file.name);
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  return fetch(`${portal.url}${path}`, { method: "POST", body: form, redirect: "manual", headers: { Origin: portal.url, ...(who ? { Cookie: cookies[who] } : {}) } });
}

const get = (path: string, who: keyof typeof logins | null) => fetch(`${portal.url}${path}`, { redirect: "manual", headers: who ? { Cookie: cookies[who] } : {} });

beforeAll(async () => {
  portal = await startPortal({ OUTBOX_POLL_MS: "300" }, { seed: true });
  for (const [who, email] of Object.entries(logins)) {
    const response = await postForm(portal, "/login", { email, password: "demo-placements-2026" });
    expect(response.status, who).toBe(302);
    cookies[who] = response.headers.get("set-cookie")!.split(";")[0];
  }
  const { UserModel } = await import("~/accounts/model.server.ts");
  await UserModel.updateMany({ email: { $in: Object.values(logins) } }, { $set: { language: "hr" } });
});

afterAll(async () => {
  await portal?.stop();
});

describe("the import page", () => {
  it("checks a file, reports its bad row in the coordinator's language, then imports the good rows", async () => {
    const { PlacementModel } = await import("~/placements/model.server.ts");
    const csv = [placementsHeader, placementLine("web-1"), placementLine("web-2", "deset")].join("\n");
    const checked = await upload("/coordinator/import", "coordinator", { name: "placements.csv", content: csv }, { intent: "check" });
    expect(checked.status).toBe(200);
    const page = await checked.text();
    expect(page).toContain(hr.import.report.dryRun);
    expect(page).toContain(hr.errors.hoursBetween.replace("{{min}}", "1").replace("{{max}}", "60"));
    expect(await PlacementModel.countDocuments({ key: { $in: ["web-1", "web-2"] } })).toBe(0);

    const imported = await upload("/coordinator/import", "coordinator", { name: "placements.csv", content: csv }, { intent: "import" });
    expect(await imported.text()).toContain(hr.import.report.written);
    expect((await PlacementModel.find({ key: { $in: ["web-1", "web-2"] } }).lean()).map((p) => p.key)).toEqual(["web-1"]);
  });

  it("imports the checked file with one more click, for its uploader only and only once", async () => {
    const { PlacementModel } = await import("~/placements/model.server.ts");
    const csv = [placementsHeader, placementLine("kept-1"), placementLine("kept-2")].join("\n");
    const checked = await upload("/coordinator/import", "coordinator", { name: "kept.csv", content: csv }, { intent: "check", allOrNothing: "on" });
    const page = await checked.text();
    const uploadId = /name="uploadId" value="([^"]+)"/.exec(page)?.[1];
    expect(uploadId).toBeTruthy();
    expect(page).toContain(hr.import.runChecked.replace("{{file}}", "kept.csv"));
    expect(page).toMatch(/id="allOrNothing"[^>]*checked/);

    const post = (who: keyof typeof logins) => {
      const form = new FormData();
      form.append("uploadId", uploadId!);
      form.append("intent", "import");
      return fetch(`${portal.url}/${who}/import`, { method: "POST", body: form, headers: { Origin: portal.url, Cookie: cookies[who] } });
    };
    const stranger = await post("mentor");
    expect(stranger.status).toBe(400);
    expect(await stranger.text()).toContain(hr.import.errors.uploadExpired);
    expect(await PlacementModel.countDocuments({ key: /^kept-/ })).toBe(0);

    const imported = await post("coordinator");
    expect(await imported.text()).toContain(hr.import.report.writtenAll);
    expect(await PlacementModel.countDocuments({ key: /^kept-/ })).toBe(2);
    expect(await (await post("coordinator")).text()).toContain(hr.import.errors.uploadExpired);
  });

  it("answers a file over the limit with the page and a clear message, not a broken connection", async () => {
    const big = new Uint8Array(21 * 1024 * 1024).fill(0x61);
    const response = await upload("/coordinator/import", "coordinator", { name: "big.csv", content: big }, { intent: "check" });
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe("/coordinator/import?error=tooLarge");
    const page = await (await get("/coordinator/import?error=tooLarge", "coordinator")).text();
    expect(page).toContain(hr.import.errors.tooLarge.replace("{{mb}}", "20"));
  });

  it("asks for a file when none was chosen", async () => {
    const form = new FormData();
    form.append("intent", "check");
    const response = await fetch(`${portal.url}/coordinator/import`, { method: "POST", body: form, headers: { Origin: portal.url, Cookie: cookies.coordinator } });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain(hr.import.errors.noFile);
  });

  it("lets an employer import no mentees, and keeps the pages to their roles", async () => {
    const { MenteeModel } = await import("~/mentees/model.server.ts");
    const before = await MenteeModel.countDocuments();
    const mentees = JSON.stringify({ mentees: [{ key: "smuggled", mentor: "mentor.hr@demo.placements.test", firstName: "Eva", readiness: "job_ready", town: "Zagreb", country: "HR", travelKm: 10, hoursMin: 10, hoursMax: 20 }] });
    const response = await upload("/employer/import", "employer", { name: "mentees.json", content: mentees }, { intent: "import" });
    expect(await response.text()).toContain(hr.import.errors.notAllowed);
    expect(await MenteeModel.countDocuments()).toBe(before);

    expect((await get("/coordinator/import", "employer")).status).toBe(403);
    expect((await get("/mentor/import", "employer")).status).toBe(403);
    expect((await upload("/mentor/import", "employer", { name: "mentees.json", content: mentees })).status).toBe(403);
    expect((await get("/coordinator/import", null)).status).toBe(302);
  });
});

describe("downloads", () => {
  it("gives a mentor their own caseload only, as CSV and JSON, and audits it", async () => {
    const csv = await get("/mentor/export?kind=mentees&format=csv", "mentor");
    expect(csv.status).toBe(200);
    expect(csv.headers.get("content-type")).toContain("text/csv");
    expect(csv.headers.get("content-disposition")).toMatch(/attachment; filename="mentees-\d{4}-\d{2}-\d{2}\.csv"/);
    const text = await csv.text();
    expect(text).toContain("Ana Marić");
    expect(text).toContain("Voli rano ustajati.");
    expect(text).not.toContain("Ahmed");

    const data = await (await get("/mentor/export?kind=mentees&format=json", "mentor")).json();
    expect(data.mentees.map((m: { firstName: string }) => m.firstName).sort()).toEqual(["Ana", "Ivan", "Marija"]);
    const { AuditEntryModel, MenteeModel } = await import("~/mentees/model.server.ts");
    const ana = await MenteeModel.findOne({ key: "mentee-ana" }).lean();
    expect(await AuditEntryModel.countDocuments({ menteeId: ana!._id, part: "export" })).toBe(2);
  });

  it("refuses downloads outside the role", async () => {
    expect((await get("/mentor/export?kind=placements&format=csv", "mentor")).status).toBe(403);
    expect((await get("/employer/export?kind=mentees&format=json", "employer")).status).toBe(403);
    expect((await get("/mentor/export?kind=mentees&format=csv", "employer")).status).toBe(403);
    // A download has no page: the portal's own error page names its problem in the reader's language, not "try again".
    const { getT } = await import("~/i18n/i18n.server.ts");
    const { escapeHtml } = await import("../../server/error-page.ts");
    for (const [path, problem] of [["/coordinator/export?kind=nonsense&format=csv", "errorPages.exportUnknownKind"], ["/mentor/export?format=csv", "errorPages.exportNeedsKind"], ["/mentor/export?kind=mentees&format=xml", "errorPages.exportUnknownFormat"]] as const) {
      const refused = await get(path, path.startsWith("/mentor") ? "mentor" : "coordinator");
      expect(refused.status, path).toBe(400);
      const html = await refused.text();
      expect(html, path).toContain(`<h1 id="error-title">${escapeHtml(getT("hr")("errorPages.badRequestTitle"))}</h1>`);
      expect(html, path).toContain(`<p>${escapeHtml(getT("hr")(problem))}</p>`);
    }
    const own = await (await get("/employer/export?kind=placements&format=json", "employer")).json();
    expect(new Set(own.placements.map((p: { organisation: string }) => p.organisation))).toEqual(new Set(["pekara-zrno"]));
  });
});

describe("the command line", () => {
  function runCli(args: string[]) {
    return new Promise<{ code: number | null; output: string }>((resolve) => {
      const child = spawn(process.execPath, ["--import", "tsx", "server/import.ts", ...args], { env: process.env, stdio: ["ignore", "pipe", "pipe"] });
      let output = "";
      child.stdout.on("data", (c) => (output += c));
      child.stderr.on("data", (c) => (output += c));
      child.on("exit", (code) => resolve({ code, output }));
    });
  }

  it("prints the report and exits non-zero when a row is refused", async () => {
    const { PlacementModel } = await import("~/placements/model.server.ts");
    const file = join(dir, "placements.csv");
    writeFileSync(file, [placementsHeader, placementLine("cli-1"), placementLine("cli-2"), placementLine("cli-3", "x")].join("\n"));
    const dry = await runCli(["--file", file, "--dry-run"]);
    expect(dry.code).toBe(1);
    expect(dry.output).toMatch(/Placements row 4 \[cli-3\]: Refused — hoursMin: Please enter a whole number/);
    expect(dry.output).toContain("New: 2 · Changed: 0 · Unchanged: 0 · Refused: 1");
    expect(await PlacementModel.countDocuments({ key: /^cli-/ })).toBe(0);

    const strict = await runCli(["--file", file, "--all-or-nothing"]);
    expect(strict.code).toBe(1);
    expect(await PlacementModel.countDocuments({ key: /^cli-/ })).toBe(0);

    writeFileSync(file, [placementsHeader, placementLine("cli-1"), placementLine("cli-2")].join("\n"));
    const real = await runCli(["--file", file, "--language", "hr"]);
    expect(real.code, real.output).toBe(0);
    expect(real.output).toContain(hr.import.report.writtenAll);
    expect(await PlacementModel.countDocuments({ key: /^cli-/ })).toBe(2);
    const again = await runCli(["--file", file]);
    expect(again.output).toContain("Unchanged: 2");
  });

  it("explains a missing argument", async () => {
    const result = await runCli([]);
    expect(result.code).toBe(2);
    expect(result.output).toContain("--file is required");
  });
});
