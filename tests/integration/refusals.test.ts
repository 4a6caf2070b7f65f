import { mkdtempSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import hr from "~/locales/hr.json";
import { startFerretdb } from "../../server/services/ferretdb.ts";
import type { RunningService } from "../../server/services/processes.ts";
import { waitForEmail } from "../support/mailbox.ts";
import { postForm, startPortal, type RunningPortal } from "../support/portal.ts";

// Requests the portal must refuse or redirect safely: hostile redirect targets, methods a route
// does not serve, undecodable URLs, and a database that is gone. Answers are the portal's own
// localised pages; nothing internal reaches the browser, and the log gets one line per refusal.
// The portal runs in development mode, the demo's default, where leaks are likeliest.

const dataDir = mkdtempSync(join(process.env.SERVICES_DATA_DIR!, "refusals-"));
let ferretdb: { uri: string; service: RunningService };
let portal: RunningPortal;
const PASSWORD = "demo-placements-2026";
const cookies: Record<string, string> = {};

// What must never reach a browser: stack frames, file paths, driver errors, internal addresses.
const INTERNALS = [/\bat .+\(.*:\d+:\d+\)/, /node_modules/, /\/work\//, /Mongo\w*Error/, /ECONNREFUSED/, /127\.0\.0\.1/];

function expectNoInternals(body: string, what: string) {
  for (const pattern of INTERNALS) expect(body, `${what} shows ${pattern}`).not.toMatch(pattern);
}

async function logIn(email: string) {
  const response = await postForm(portal, "/login", { email, password: PASSWORD });
  expect(response.status, email).toBe(302);
  return response.headers.get("set-cookie")!.split(";")[0];
}

beforeAll(async () => {
  ferretdb = await startFerretdb(dataDir);
  portal = await startPortal({ NODE_ENV: "development", MONGODB_URI: `${ferretdb.uri}refusals`, OUTBOX_POLL_MS: "60000" }, { seed: true });
  cookies.mentor = await logIn("mentor.hr@demo.placements.test");
  cookies.coordinator = await logIn("coordinator@demo.placements.test");
  cookies.mentee = await logIn("mentee@demo.placements.test");
  cookies.employer = await logIn("employer.hr@demo.placements.test");
});

afterAll(async () => {
  await portal?.stop();
  await ferretdb?.service.stop();
});

const hostileTargets = [
  "/\t/evil.example/phish",
  "/\n/evil.example",
  "/\r\nSet-Cookie: a=b",
  "/\u2028x",
  "/中",
  "/.//evil.example",
  "//evil.example",
  "https://evil.example/",
  "/\\evil.example",
];

function expectSameSite(location: string | null, what: string) {
  expect(location, what).toBeTruthy();
  const resolved = new URL(location!, portal.url);
  expect(resolved.origin, what).toBe(new URL(portal.url).origin);
  expect(location!.startsWith("//"), what).toBe(false);
}

// Logins are spread over accounts so that no account reaches the login throttle.
const signedInAccounts = ["mentor.sl@demo.placements.test", "employer.hr@demo.placements.test", "social.hr@demo.placements.test", "employer.sl@demo.placements.test", "social.sl@demo.placements.test", "social.da@demo.placements.test", "mentor.da@demo.placements.test", "employer.zagreb@demo.placements.test"];
let nextAccount = 0;
const anotherAccount = () => signedInAccounts[nextAccount++ % signedInAccounts.length];

describe("redirects that take input", () => {
  it.each(hostileTargets)("keep the visitor on the portal after login (%j)", async (target) => {
    const response = await postForm(portal, "/login", { email: anotherAccount(), password: PASSWORD, redirectTo: target });
    expect(response.status).toBe(302);
    expectSameSite(response.headers.get("location"), JSON.stringify(target));
  });

  it.each(hostileTargets)("keep the visitor on the portal after a language change (%j)", async (target) => {
    const response = await postForm(portal, "/resources/language", { language: "hr", redirectTo: target });
    expect(response.status).toBe(302);
    expectSameSite(response.headers.get("location"), JSON.stringify(target));
  });

  it("still lead back to the page the person came from", async () => {
    const login = await postForm(portal, "/login", { email: anotherAccount(), password: PASSWORD, redirectTo: "/placements?x=č" });
    expect(login.headers.get("location")).toBe("/placements?x=%C4%8D");
    const language = await postForm(portal, "/resources/language", { language: "da", redirectTo: "/placements?q=køkken" });
    expect(language.headers.get("location")).toBe("/placements?q=k%C3%B8kken");
  });
});

describe("methods a route does not serve", () => {
  it("are refused with 405 and the methods it does serve, before any loader runs", async () => {
    const options = await fetch(`${portal.url}/mentor/export?kind=mentees&format=json`, { method: "OPTIONS", headers: { Cookie: cookies.mentor } });
    expect(options.status).toBe(405);
    expect(options.headers.get("allow")).toBe("GET, HEAD");
    const body = await options.text();
    // The GET answer holds the caseload; the OPTIONS answer must hold none of it.
    const get = await fetch(`${portal.url}/mentor/export?kind=mentees&format=json`, { headers: { Cookie: cookies.mentor } });
    expect(get.status).toBe(200);
    const caseload = (await get.json()) as { mentees: { firstName: string; fullName?: string }[] };
    expect(caseload.mentees.length).toBeGreaterThan(0);
    for (const mentee of caseload.mentees) expect(body).not.toContain(mentee.fullName || mentee.firstName);

    for (const [path, allow] of [
      ["/login", "GET, HEAD, POST"],
      ["/placements", "GET, HEAD"],
      ["/", "GET, HEAD"],
      ["/no/such/page", "GET, HEAD"],
    ] as const) {
      for (const method of ["OPTIONS", "PUT", "DELETE", "PATCH"]) {
        const response = await fetch(`${portal.url}${path}`, { method, headers: { Origin: portal.url } });
        expect(response.status, `${method} ${path}`).toBe(405);
        expect(response.headers.get("allow"), `${method} ${path}`).toBe(allow);
      }
    }
    const post = await postForm(portal, "/placements", { q: "x" });
    expect(post.status).toBe(405);
  });

  it("get the portal's own page in the visitor's language, and one log line, not a stack", async () => {
    const before = portal.output().length;
    const response = await fetch(`${portal.url}/placements`, { method: "OPTIONS", headers: { "Accept-Language": "hr" } });
    const html = await response.text();
    expect(html).toContain(hr.errorPages.methodNotAllowedTitle);
    expect(html).toContain('lang="hr"');
    expectNoInternals(html, "405 page");
    for (let i = 0; i < 5; i++) await fetch(`${portal.url}/login`, { method: "OPTIONS" });
    await postForm(portal, "/placements", { q: "x" });
    const log = portal.output().slice(before);
    expect(log).not.toMatch(/^\s+at /m);
    expect(log.split("\n").filter((line) => line.includes("405")).length).toBeGreaterThanOrEqual(7);
  });
});

describe("the development mailbox", () => {
  it("is never served to an anonymous visitor or another role, even while a reset link waits in it", async () => {
    const reset = await postForm(portal, "/forgot-password", { email: "coordinator@demo.placements.test" });
    expect(reset.status).toBe(200);
    await waitForEmail(process.env.MAILBOX_DIR!, "coordinator@demo.placements.test", (m) => m.text.includes("reset-password?token"), 60_000);
    for (const [who, cookie] of [
      ["anonymous", ""],
      ["mentor", cookies.mentor],
    ]) {
      for (const path of ["/dev/mailbox", "/dev/mailbox.data"]) {
        const response = await fetch(`${portal.url}${path}`, { headers: { Cookie: cookie, "X-Forwarded-For": "127.0.0.1" } });
        expect(response.status, `${who} ${path}`).toBe(404);
        expect(await response.text(), `${who} ${path}`).not.toContain("reset-password?token");
      }
      const home = await (await fetch(`${portal.url}/placements`, { headers: { Cookie: cookie } })).text();
      expect(home, who).not.toContain('href="/dev/mailbox"');
    }
  });

  it("opens to a signed-in coordinator in development", async () => {
    const response = await fetch(`${portal.url}/dev/mailbox`, { headers: { Cookie: cookies.coordinator } });
    expect(response.status).toBe(200);
    const page = await response.text();
    expect(page).toContain("coordinator@demo.placements.test");
    expect(page).toContain("reset-password?token");
  });

  it("is closed to everyone when a build is served with npm start's defaults, which are production's", async () => {
    const served = await startPortal({ NODE_ENV: "", MONGODB_URI: `${ferretdb.uri}refusals`, OUTBOX_POLL_MS: "60000" });
    try {
      const login = await postForm(served, "/login", { email: "coordinator@demo.placements.test", password: PASSWORD });
      const cookie = login.headers.get("set-cookie")!.split(";")[0];
      const response = await fetch(`${served.url}/dev/mailbox`, { headers: { Cookie: cookie } });
      expect(response.status).toBe(404);
      expect(response.headers.get("strict-transport-security")).toBeTruthy();
    } finally {
      await served.stop();
    }
  });
});

describe("a form a signed-in person sends that an action refuses", () => {
  // The accounts are in hr; the browser asks for English, so hr can only come from the account.
  it("answers with the error page in the account's language, under the person's own menu, with no raw key", async () => {
    const before = portal.output().length;
    for (const [path, cookie, name] of [
      ["/me/offers", cookies.mentee, "Ana Marić"],
      ["/me/consents?index", cookies.mentee, "Ana Marić"],
      ["/me/checkins", cookies.mentee, "Ana Marić"],
      ["/mentor/checkins", cookies.mentor, "Ivana Kovačević"],
      ["/employer/placed", cookies.employer, "Davor Novak"],
      ["/account/password", cookies.mentor, "Ivana Kovačević"],
    ] as const) {
      for (const [contentType, body] of [
        ["application/x-www-form-urlencoded", ""],
        ["application/json", '{"introductionId":"x"}'],
      ]) {
        const what = `${path} as ${contentType}`;
        const response = await fetch(`${portal.url}${path}`, {
          method: "POST",
          redirect: "manual",
          headers: { Origin: portal.url, Cookie: cookie, "Content-Type": contentType, "Accept-Language": "en" },
          body,
        });
        expect(response.status, what).toBeGreaterThanOrEqual(400);
        expect(response.status, what).toBeLessThan(500);
        const html = await response.text();
        expect(html, what).toContain('<html lang="hr"');
        expect(html, what).toContain(hr.nav.signedInAs.replace("{{name}}", name));
        expect(html, what).toContain(hr.nav.logout);
        expect(html, what).not.toContain(`>${hr.nav.login}<`);
        const title = /<title>([^<]*)<\/title>/.exec(html)?.[1] ?? "";
        expect(title, what).toContain(hr.app.name);
        expect(html, what).not.toMatch(/>\s*[a-z][A-Za-z]*\.[a-z][A-Za-z.]*\s*</);
        expect(title, what).not.toMatch(/\b[a-z][A-Za-z]*\.[a-z][A-Za-z]*\b/);
      }
    }
    expect(portal.output().slice(before)).not.toContain("Missing translation");
  });

  it("refuses a method, a body too large and a download it cannot make in the account's language too", async () => {
    const headers = { Origin: portal.url, Cookie: cookies.mentor, "Accept-Language": "en" };
    const answers = [
      [await fetch(`${portal.url}/mentor/checkins`, { method: "PUT", headers }), 405, hr.errorPages.methodNotAllowedTitle],
      [
        await fetch(`${portal.url}/mentor/checkins`, {
          method: "POST",
          headers: { ...headers, "Content-Type": "application/x-www-form-urlencoded" },
          body: `intent=${"a".repeat(3 * 1024 * 1024)}`,
        }),
        413,
        hr.errorPages.tooLargeTitle,
      ],
      [await fetch(`${portal.url}/mentor/export?format=x`, { headers }), 400, hr.errorPages.badRequestTitle],
    ] as const;
    for (const [response, status, title] of answers) {
      expect(response.status).toBe(status);
      const html = await response.text();
      expect(html, String(status)).toContain('lang="hr"');
      expect(html, String(status)).toContain(title);
    }
  });
});

describe("error pages", () => {
  it("answer an undecodable URL with a localised 400 page, without internals", async () => {
    for (const path of ["/placements/%FF", "/mentor/mentees/%E0%A4%A", "/%C0%AF"]) {
      const response = await fetch(`${portal.url}${path}`, { headers: { "Accept-Language": "hr", Cookie: cookies.mentor } });
      expect(response.status, path).toBeGreaterThanOrEqual(400);
      expect(response.status, path).toBeLessThan(500);
      const html = await response.text();
      expectNoInternals(html, path);
      expect(html, path).toContain('lang="hr"');
    }
  });

  it("answer a refused download with the portal's own page in the visitor's language", async () => {
    for (const [path, cookie, status] of [
      ["/mentor/export?format=xml", cookies.mentor, 400],
      ["/mentor/export?kind=nonsense", cookies.mentor, 400],
      ["/coordinator/export?kind=mentees", cookies.mentor, 403],
      ["/me/data", cookies.mentor, 403],
    ] as const) {
      const response = await fetch(`${portal.url}${path}`, { headers: { Cookie: cookie, "Accept-Language": "hr" } });
      expect(response.status, path).toBe(status);
      expect(response.headers.get("content-type"), path).toContain("text/html");
      const html = await response.text();
      expect(html, path).toContain('lang="hr"');
      expect(html, path).toContain(status === 403 ? hr.errorPages.forbiddenTitle : hr.errorPages.badRequestTitle);
    }
  });

  it("refuse a body that is too large or a form from another site in the visitor's language", async () => {
    const large = await fetch(`${portal.url}/login`, {
      method: "POST",
      headers: { Origin: portal.url, "Content-Type": "application/x-www-form-urlencoded", "Accept-Language": "hr" },
      body: `email=${"a".repeat(3 * 1024 * 1024)}`,
    });
    expect(large.status).toBe(413);
    expect(await large.text()).toContain(hr.errorPages.tooLargeTitle);
    const crossSite = await postForm(portal, "/login", { email: "x@example.test", password: "x" }, { Origin: "https://evil.example", "Accept-Language": "hr" });
    expect(crossSite.status).toBe(403);
    expect(await crossSite.text()).toContain(hr.errorPages.crossSiteTitle);
  });

  // Last: the database goes away for good.
  it("show no driver error, stack or address when the database is down", async () => {
    await ferretdb.service.stop();
    for (const [path, cookie] of [
      ["/mentor", cookies.mentor],
      ["/mentor/mentees", cookies.mentor],
      ["/coordinator", cookies.coordinator],
      ["/mentor/export?kind=mentees&format=json", cookies.mentor],
    ]) {
      const response = await fetch(`${portal.url}${path}`, { headers: { Cookie: cookie, "Accept-Language": "hr" } });
      expect(response.status, path).toBeGreaterThanOrEqual(500);
      expectNoInternals(await response.text(), path);
      const [pathname, search] = path.split("?");
      const data = await fetch(`${portal.url}${pathname}.data${search ? `?${search}` : ""}`, { headers: { Cookie: cookie } });
      expectNoInternals(await data.text(), `${path} as data`);
    }
    const log = portal.output();
    expect(log, "the details go to the log").toMatch(/Mongo\w*Error|ECONNREFUSED|not connected/);
  });
});
