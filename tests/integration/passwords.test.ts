import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { postForm, startPortal, type RunningPortal } from "../support/portal.ts";

// Reset links, invitation links, sessions and the change-password page, through the real portal.
let portal: RunningPortal;
const OLD_PASSWORD = "the old long password";

beforeAll(async () => {
  portal = await startPortal({ TRUST_PROXY: "loopback" });
});
afterAll(async () => portal?.stop());

let counter = 0;
/** Each test speaks from its own client address, so that limits of one test never touch another. */
const address = () => `10.40.${Math.floor(counter / 200)}.${counter++ % 200}`;

async function newAccount(prefix: string, role: "employer" | "mentor" | "mentee" | "coordinator" = "employer", language = "en") {
  const { UserModel } = await import("~/accounts/model.server.ts");
  const { hashPassword } = await import("~/accounts/password.server.ts");
  const email = `${prefix}.${Date.now()}.${counter++}@example.test`;
  const user = await UserModel.create({ email, name: "Nina", role, language, passwordHash: await hashPassword(OLD_PASSWORD), emailConfirmedAt: new Date() });
  return { email, id: user._id };
}

function cookiesOf(response: Response): string {
  return response.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
}

/** A browser signed in to the account: its cookies. */
async function signIn(email: string, password = OLD_PASSWORD): Promise<string> {
  const response = await postForm(portal, "/login", { email, password }, { "X-Forwarded-For": address() });
  expect(response.status, `sign-in of ${email}`).toBe(302);
  return cookiesOf(response);
}

async function isSignedIn(cookies: string): Promise<boolean> {
  const response = await fetch(`${portal.url}/account/password`, { redirect: "manual", headers: { Cookie: cookies } });
  if (response.status === 200) return true;
  expect(response.status).toBe(302);
  expect(response.headers.get("location")).toMatch(/^\/login/);
  return false;
}

async function askForResetLink(email: string): Promise<string> {
  const { OutboxModel } = await import("~/outbox/model.server.ts");
  const before = await OutboxModel.countDocuments({ "payload.to": email, "payload.template": "resetPassword" });
  expect((await postForm(portal, "/forgot-password", { email }, { "X-Forwarded-For": address() })).status).toBe(200);
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    const items = await OutboxModel.find({ "payload.to": email, "payload.template": "resetPassword" }).sort({ _id: 1 }).lean();
    if (items.length > before) return new URL((items[items.length - 1].payload as { params: { link: string } }).params.link).searchParams.get("token")!;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`no reset e-mail queued for ${email}`);
}

/** An invitation link as a mentor's invitation or a coordinator's import sends it. */
async function invitationLink(userId: unknown): Promise<string> {
  const { issueToken } = await import("~/accounts/tokens.server.ts");
  return issueToken(userId, "invite");
}

async function linkWorks(token: string): Promise<boolean> {
  const html = await (await fetch(`${portal.url}/reset-password?token=${token}`, { headers: { "Accept-Language": "en" } })).text();
  return html.includes('name="password"');
}

function reset(token: string, password: string, options: { signOutEverywhere: boolean; cookies?: string }) {
  return postForm(
    portal,
    `/reset-password?token=${token}`,
    { token, password, confirmPassword: password, ...(options.signOutEverywhere ? { signOutEverywhere: "yes" } : {}) },
    { "X-Forwarded-For": address(), ...(options.cookies ? { Cookie: options.cookies } : {}) },
  );
}

function changePassword(cookies: string, fields: Record<string, string>, headers: Record<string, string> = {}) {
  return postForm(portal, "/account/password", fields, { Cookie: cookies, "X-Forwarded-For": address(), ...headers });
}

describe("reset and invitation links", () => {
  it("an older reset link stops working when a newer one is sent", async () => {
    const { email } = await newAccount("two-links");
    const older = await askForResetLink(email);
    const newer = await askForResetLink(email);
    expect(await linkWorks(older)).toBe(false);
    expect((await reset(older, "a password from the old link", { signOutEverywhere: true })).status).toBe(400);
    expect(await linkWorks(newer)).toBe(true);
    expect((await reset(newer, "a password from the new link", { signOutEverywhere: true })).status).toBe(302);
    await signIn(email, "a password from the new link");
  });

  it("every reset and invitation link stops working once one of them is used", async () => {
    const { email, id } = await newAccount("use-one", "mentee");
    const invitation = await invitationLink(id);
    const resetLink = await askForResetLink(email);
    expect(await linkWorks(invitation)).toBe(true);
    expect((await reset(resetLink, "chosen through the reset link", { signOutEverywhere: true })).status).toBe(302);
    expect(await linkWorks(invitation)).toBe(false);
    expect((await reset(invitation, "someone holding the invitation", { signOutEverywhere: true })).status).toBe(400);
    await signIn(email, "chosen through the reset link");
  });

  it("every reset and invitation link stops working after a password change", async () => {
    const { email, id } = await newAccount("change-kills-links", "mentor");
    const cookies = await signIn(email);
    const invitation = await invitationLink(id);
    const resetLink = await askForResetLink(email);
    const changed = await changePassword(cookies, { currentPassword: OLD_PASSWORD, password: "my brand new password", confirmPassword: "my brand new password", signOutOthers: "yes" });
    expect(changed.status).toBe(302);
    expect(await linkWorks(invitation)).toBe(false);
    expect(await linkWorks(resetLink)).toBe(false);
  });
});

describe("sessions after a password is set", () => {
  it("a reset by link signs out every browser when the box is ticked, and none when it is not", async () => {
    const ticked = await newAccount("reset-ticked");
    const browsers = [await signIn(ticked.email), await signIn(ticked.email)];
    const tickedReset = await reset(await askForResetLink(ticked.email), "a new password after losing control", { signOutEverywhere: true });
    expect(tickedReset.headers.get("location")).toBe("/login?notice=passwordChangedEverywhere");
    for (const browser of browsers) expect(await isSignedIn(browser)).toBe(false);

    const unticked = await newAccount("reset-unticked");
    const kept = [await signIn(unticked.email), await signIn(unticked.email)];
    const untickedReset = await reset(await askForResetLink(unticked.email), "a new password, nothing lost", { signOutEverywhere: false });
    expect(untickedReset.headers.get("location")).toBe("/login?notice=passwordChanged");
    for (const browser of kept) expect(await isSignedIn(browser)).toBe(true);
  });

  it("the reset page offers the choice, ticked, with a hint", async () => {
    const { email } = await newAccount("reset-page");
    const html = await (await fetch(`${portal.url}/reset-password?token=${await askForResetLink(email)}`, { headers: { "Accept-Language": "hr" } })).text();
    const hr = (await import("~/locales/hr.json")).default;
    const box = html.match(/<input type="checkbox" id="signOutEverywhere"[^>]*>/)?.[0];
    expect(box).toContain(' checked=""');
    expect(box).toContain(' value="yes"');
    expect(html.includes(`>${hr.reset.signOutEverywhere}</label>`)).toBe(true);
    expect(html.includes(`>${hr.reset.signOutEverywhereHint}</p>`)).toBe(true);
  });

  it("a password change keeps this browser signed in, and signs out the others only when the box is ticked", async () => {
    const { email } = await newAccount("change-sessions");
    const here = await signIn(email);
    const elsewhere = await signIn(email);

    const keepOthers = await changePassword(here, { currentPassword: OLD_PASSWORD, password: "second long password", confirmPassword: "second long password" });
    expect(keepOthers.status).toBe(302);
    expect(keepOthers.headers.get("location")).toBe("/account/password?notice=passwordUpdated");
    expect(await isSignedIn(here)).toBe(true);
    expect(await isSignedIn(elsewhere)).toBe(true);

    const signOutOthers = await changePassword(here, { currentPassword: "second long password", password: "third long password", confirmPassword: "third long password", signOutOthers: "yes" });
    expect(signOutOthers.headers.get("location")).toBe("/account/password?notice=passwordUpdatedOthersSignedOut");
    expect(await isSignedIn(here)).toBe(true);
    expect(await isSignedIn(elsewhere)).toBe(false);
    await signIn(email, "third long password");
  });
});

describe("the change-password page", () => {
  it("is linked from the header of every signed-in role and offers signing out elsewhere, ticked", async () => {
    for (const role of ["employer", "mentor", "mentee", "coordinator"] as const) {
      const { email } = await newAccount(`header-${role}`, role);
      const html = await (await fetch(`${portal.url}/placements`, { headers: { Cookie: await signIn(email) } })).text();
      expect(html.includes('href="/account/password"'), role).toBe(true);
    }
    const { email } = await newAccount("page");
    const page = await fetch(`${portal.url}/account/password`, { headers: { Cookie: await signIn(email) } });
    expect(page.status).toBe(200);
    const box = (await page.text()).match(/<input type="checkbox" id="signOutOthers"[^>]*>/)?.[0];
    expect(box).toContain(' checked=""');
    expect(box).toContain(' value="yes"');
    expect((await fetch(`${portal.url}/account/password`, { redirect: "manual" })).status).toBe(302);
  });

  it.each([
    ["a wrong current password", { currentPassword: "not my password at all", password: "a fine new password", confirmPassword: "a fine new password" }, "currentPassword", "currentPasswordWrong"],
    ["two different new passwords", { currentPassword: OLD_PASSWORD, password: "a fine new password", confirmPassword: "another new password" }, "confirmPassword", "passwordsDiffer"],
    ["a too short new password", { currentPassword: OLD_PASSWORD, password: "short", confirmPassword: "short" }, "password", "passwordTooShort"],
  ])("answers %s with a localised field error and changes nothing", async (_label, fields, field, key) => {
    const { email, id } = await newAccount("form-errors", "employer", "sl");
    const here = await signIn(email);
    const elsewhere = await signIn(email);
    const { UserModel } = await import("~/accounts/model.server.ts");
    const before = (await UserModel.findById(id).lean())!.passwordHash;

    const response = await changePassword(here, { ...fields, signOutOthers: "yes" });
    expect(response.status).toBe(400);
    const html = await response.text();
    const sl = (await import("~/locales/sl.json")).default as { errors: Record<string, string> };
    expect(html.includes(`id="${field}-error">${sl.errors[key]}</p>`), `${field}: ${sl.errors[key]}`).toBe(true);
    expect((await UserModel.findById(id).lean())!.passwordHash).toBe(before);
    expect(await isSignedIn(elsewhere)).toBe(true);
    await signIn(email, OLD_PASSWORD);
  });
});
