import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { DAY, MINUTE, portalClock } from "../support/clock.ts";
import { postForm, startPortal, type RunningPortal } from "../support/portal.ts";

// The portal's clock, moved by tests: sessions, reset links and the sign-in waits end when the
// clock passes them, in a running portal; a production portal never follows the clock file.
const testClock = portalClock();
const productionClock = portalClock();
let portal: RunningPortal;
let production: RunningPortal;
const PASSWORD = "a long and right password";

beforeAll(async () => {
  [portal, production] = await Promise.all([
    startPortal({ TRUST_PROXY: "loopback", ...testClock.env }),
    startPortal({ TRUST_PROXY: "loopback", NODE_ENV: "production", ...productionClock.env }),
  ]);
});
afterAll(async () => {
  await Promise.all([portal?.stop(), production?.stop()]);
  testClock.reset();
  productionClock.reset();
});
afterEach(() => {
  testClock.reset();
  productionClock.reset();
});

let counter = 0;
/** Each sign-in from its own client address, so that no limit of one test touches another. */
const address = () => `10.60.${Math.floor(counter / 200)}.${counter++ % 200}`;

async function newAccount(prefix: string) {
  const { UserModel } = await import("~/accounts/model.server.ts");
  const { hashPassword } = await import("~/accounts/password.server.ts");
  const email = `${prefix}.${Date.now()}.${counter++}@example.test`;
  const user = await UserModel.create({ email, name: "Vesna", role: "employer", language: "en", passwordHash: await hashPassword(PASSWORD), emailConfirmedAt: new Date() });
  return { email, id: user._id };
}

async function signIn(on: RunningPortal, email: string): Promise<string> {
  const response = await postForm(on, "/login", { email, password: PASSWORD }, { "X-Forwarded-For": address() });
  expect(response.status, `sign-in of ${email}`).toBe(302);
  return response.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
}

async function isSignedIn(on: RunningPortal, cookies: string): Promise<boolean> {
  const response = await fetch(`${on.url}/account/password`, { redirect: "manual", headers: { Cookie: cookies } });
  if (response.status === 200) return true;
  expect(response.status).toBe(302);
  expect(response.headers.get("location")).toMatch(/^\/login/);
  return false;
}

async function resetLink(userId: unknown): Promise<string> {
  const { issueToken } = await import("~/accounts/tokens.server.ts");
  return issueToken(userId, "reset_password");
}

async function linkWorks(on: RunningPortal, token: string): Promise<boolean> {
  const html = await (await fetch(`${on.url}/reset-password?token=${token}`, { headers: { "Accept-Language": "en" } })).text();
  return html.includes('name="password"');
}

describe("a portal in a test follows the moved clock", () => {
  it("ends a session once the clock passes its fourteen days", async () => {
    const { email } = await newAccount("session-days");
    const cookies = await signIn(portal, email);
    testClock.move(13 * DAY);
    expect(await isSignedIn(portal, cookies)).toBe(true);
    testClock.move(1 * DAY + MINUTE);
    expect(await isSignedIn(portal, cookies)).toBe(false);
  });

  it("refuses a reset link once the clock passes its hour", async () => {
    const { id } = await newAccount("reset-hour");
    const token = await resetLink(id);
    testClock.move(50 * MINUTE);
    expect(await linkWorks(portal, token)).toBe(true);
    testClock.move(11 * MINUTE);
    expect(await linkWorks(portal, token)).toBe(false);
  });

  it("lets a client that must wait after wrong passwords try again once the clock passes the wait", async () => {
    const { email } = await newAccount("wait-over");
    const from = address();
    const tryPassword = (password: string) => postForm(portal, "/login", { email, password }, { "X-Forwarded-For": from });
    // Twelve wrong passwords, moving the clock past each wait as it comes (1 s, 2 s, 4 s …).
    let failures = 0;
    for (let tries = 0; failures < 12 && tries < 40; tries++) {
      const response = await tryPassword(`wrong ${tries}`);
      if (response.status === 400) failures++;
      else {
        expect(response.status).toBe(429);
        testClock.move((Number(response.headers.get("Retry-After")) + 1) * 1000);
      }
    }
    expect(failures).toBe(12);
    // Now the wait is two minutes: even the right password is asked to wait, until the clock passes it.
    expect((await tryPassword(PASSWORD)).status).toBe(429);
    testClock.move(3 * MINUTE);
    expect((await tryPassword(PASSWORD)).status).toBe(302);
  });
});

describe("a production portal", () => {
  it("ignores the clock file, and says so when it starts", async () => {
    expect(production.output()).toContain("TEST_CLOCK_FILE is ignored");
    const { email, id } = await newAccount("production-clock");
    const cookies = await signIn(production, email);
    const token = await resetLink(id);
    productionClock.move(30 * DAY);
    expect(await isSignedIn(production, cookies)).toBe(true);
    expect(await linkWorks(production, token)).toBe(true);
    // The same file moves a portal in a test.
    testClock.move(30 * DAY);
    expect(await linkWorks(portal, token)).toBe(false);
  });
});
