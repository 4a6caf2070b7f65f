import { mkdtempSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFerretdb } from "../../server/services/ferretdb.ts";
import type { RunningService } from "../../server/services/processes.ts";
import { postForm, startPortal, type RunningPortal } from "../support/portal.ts";

// The real portal behind a pretend proxy: TRUST_PROXY=loopback lets each test speak from its own
// client addresses through X-Forwarded-For, as the proxy in front of a production portal would.
let portal: RunningPortal;
const PASSWORD = "the owner's right password";

beforeAll(async () => {
  portal = await startPortal({ TRUST_PROXY: "loopback" });
});
afterAll(async () => portal?.stop());

let counter = 0;
async function newAccount(prefix: string, language = "en") {
  const { UserModel } = await import("~/accounts/model.server.ts");
  const { hashPassword } = await import("~/accounts/password.server.ts");
  const email = `${prefix}.${Date.now()}.${counter++}@example.test`;
  await UserModel.create({ email, name: "Owner", role: "employer", language, passwordHash: await hashPassword(PASSWORD), emailConfirmedAt: new Date() });
  return email;
}

function logIn(email: string, password: string, from: string, extra: Record<string, string> = {}) {
  return postForm(portal, "/login", { email, password }, { "X-Forwarded-For": from, ...extra });
}

function cookiesOf(response: Response): string {
  return response.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
}

async function messages(language: "en" | "hr" | "sl" | "da") {
  return (await import(`~/locales/${language}.json`)).default as { errors: Record<string, string> };
}

/** The localised text before the {{when}} placeholder, as it appears in the page. */
function beforeWhen(text: string) {
  return text.split("{{when}}")[0];
}

describe("wrong passwords", () => {
  it("from one client address never keep the owner out when signing in from another", async () => {
    const email = await newAccount("owner-elsewhere");
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) statuses.push((await logIn(email, `wrong password ${i}`, "10.20.0.1")).status);
    // The first five are ordinary wrong passwords; after that the client is asked to wait.
    expect(statuses.slice(0, 5)).toEqual([400, 400, 400, 400, 400]);
    expect(statuses).toContain(429);

    const owner = await logIn(email, PASSWORD, "10.20.0.2");
    expect(owner.status).toBe(302);
    expect(owner.headers.get("location")).toBe("/employer");
  });

  it("from the same client address must wait a delay that doubles, are refused without a password check, and the right password works after the wait", async () => {
    const email = await newAccount("doubling", "hr");
    const hr = await messages("hr");
    const from = "10.21.0.1";
    for (let i = 0; i < 5; i++) expect((await logIn(email, `wrong password ${i}`, from)).status).toBe(400);

    // Each run of refusals names its wait; every run's wait is longer than the one before.
    const waits: number[] = [];
    let refusedBefore = false;
    const deadline = Date.now() + 60_000;
    while (waits.length < 3 && Date.now() < deadline) {
      const response = await logIn(email, "still the wrong password", from, { "Accept-Language": "hr" });
      if (response.status === 429) {
        expect(response.headers.get("retry-after")).toMatch(/^\d+$/);
        const html = await response.text();
        expect(html.includes(beforeWhen(hr.errors.loginWait)), "Croatian message").toBe(true);
        expect(/pokušajte ponovno za \d+ sekund/.test(html), "the wait in Croatian words").toBe(true);
        if (!refusedBefore) waits.push(Number(response.headers.get("retry-after")));
        refusedBefore = true;
        await new Promise((resolve) => setTimeout(resolve, 200));
      } else {
        expect(response.status).toBe(400);
        refusedBefore = false;
      }
    }
    expect(waits).toHaveLength(3);
    expect(waits[0]).toBeGreaterThanOrEqual(1);
    // 1 s, 2 s, 4 s; whole seconds, so a slow moment may round one wait down, never the growth away.
    expect(waits[1]).toBeGreaterThanOrEqual(waits[0]);
    expect(waits[2]).toBeGreaterThanOrEqual(waits[1]);
    expect(waits[2]).toBeGreaterThan(waits[0]);

    // During the wait even the right password is refused: it is not looked at.
    const early = await logIn(email, PASSWORD, from);
    expect(early.status).toBe(429);
    expect(early.headers.get("set-cookie")).toBeNull();

    let signedIn: Response | undefined;
    while (!signedIn && Date.now() < deadline + 60_000) {
      const response = await logIn(email, PASSWORD, from);
      if (response.status === 429) await new Promise((resolve) => setTimeout(resolve, 250));
      else signedIn = response;
    }
    expect(signedIn?.status).toBe(302);
    // A success starts the pair afresh: the next wrong password is an ordinary one again.
    expect((await logIn(email, "wrong again", from)).status).toBe(400);
  });

  it("from many client addresses hold back browsers the account does not know, never the owner's own browser", async () => {
    const email = await newAccount("distributed", "da");
    const da = await messages("da");
    const ownBrowser = await logIn(email, PASSWORD, "10.22.9.9");
    expect(ownBrowser.status).toBe(302);
    const ownCookies = cookiesOf(ownBrowser);
    expect(ownCookies).toContain("portal_device=");

    for (let i = 0; i < 20; i++) expect((await logIn(email, `guess ${i}`, `10.22.0.${i + 1}`)).status).toBe(400);

    const stranger = await logIn(email, PASSWORD, "10.22.1.1", { "Accept-Language": "da" });
    expect(stranger.status).toBe(429);
    expect(Number(stranger.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await stranger.text()).includes(beforeWhen(da.errors.loginNewDeviceLimited)), "Danish message").toBe(true);

    // The owner's browser gets in at once, even from a new address.
    const owner = await logIn(email, PASSWORD, "10.22.2.2", { Cookie: ownCookies });
    expect(owner.status).toBe(302);

    // A new browser that resets the password by the e-mailed link proves the mailbox and may sign in.
    const forgot = await postForm(portal, "/forgot-password", { email }, { "X-Forwarded-For": "10.22.1.1" });
    expect(forgot.status).toBe(200);
    const token = await resetTokenFor(email);
    const reset = await postForm(portal, `/reset-password?token=${token}`, { token, password: "a new long password", confirmPassword: "a new long password", signOutEverywhere: "yes" }, { "X-Forwarded-For": "10.22.1.1" });
    expect(reset.status).toBe(302);
    const newBrowser = await logIn(email, "a new long password", "10.22.1.1", { Cookie: cookiesOf(reset) });
    expect(newBrowser.status).toBe(302);
  });
});

async function resetTokenFor(email: string) {
  const { OutboxModel } = await import("~/outbox/model.server.ts");
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    const item = await OutboxModel.findOne({ "payload.to": email, "payload.template": "resetPassword" }).sort({ createdAt: -1 }).lean();
    if (item) return new URL((item.payload as { params: { link: string } }).params.link).searchParams.get("token")!;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`no reset e-mail queued for ${email}`);
}

describe("one client address", () => {
  it("is held back after many failures across accounts (credential stuffing), while its successful sign-ins never count", async () => {
    const en = await messages("en");
    const office = "10.23.0.1";
    const email = await newAccount("busy-office");
    // A busy office behind one address: many people signing in correctly is not an attack.
    for (let i = 0; i < 60; i++) expect((await logIn(email, PASSWORD, office)).status, `sign-in ${i}`).toBe(302);

    const stuffer = "10.23.0.2";
    for (let i = 0; i < 50; i++) expect((await logIn(`leaked.${i}.${Date.now()}@example.test`, "leaked password", stuffer)).status).toBe(400);
    const held = await logIn(email, PASSWORD, stuffer, { "Accept-Language": "en" });
    expect(held.status).toBe(429);
    expect(Number(held.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await held.text()).includes(beforeWhen(en.errors.loginAddressLimited)), "English message").toBe(true);
    expect((await logIn(email, PASSWORD, office)).status).toBe(302);
  });
});

describe("when the database does not answer", () => {
  // A portal on a database of its own, so that this test can stop it.
  let lonePortal: RunningPortal;
  let database: { uri: string; port: number; service: RunningService };
  const dataDir = mkdtempSync(join(process.env.SERVICES_DATA_DIR!, "login-db-"));

  beforeAll(async () => {
    database = await startFerretdb(dataDir);
    lonePortal = await startPortal({ MONGODB_URI: `${database.uri}lone` });
  });
  afterAll(async () => {
    await lonePortal?.stop();
    await database?.service.stop();
  });

  it("refuses sign-ins with a localised message and Retry-After instead of an error page, and lets people in again once it is back", async () => {
    const sl = await messages("sl");
    await database.service.stop();
    const response = await postForm(lonePortal, "/login", { email: "someone@example.test", password: "any password at all" }, { "Accept-Language": "sl" });
    expect(response.status).toBe(503);
    expect(Number(response.headers.get("retry-after"))).toBeGreaterThan(0);
    const html = await response.text();
    expect(html.includes(sl.errors.limitUnavailable), "Slovenian message").toBe(true);
    expect(/Mongo\w*Error|at .*\.ts:\d+/.test(html), "no internals").toBe(false);

    database = await startFerretdb(dataDir, { port: database.port });
    let answer = 503;
    const deadline = Date.now() + 60_000;
    while (answer === 503 && Date.now() < deadline) {
      answer = (await postForm(lonePortal, "/login", { email: "someone@example.test", password: "any password at all" })).status;
      if (answer === 503) await new Promise((resolve) => setTimeout(resolve, 250));
    }
    expect(answer).toBe(400);
  });
});
