import { describe, expect, it } from "vitest";
import { SessionModel, TokenModel, UserModel } from "~/accounts/model.server.ts";
import {
  authenticate,
  confirmEmail,
  registerMentor,
  registerOrganisation,
  requestPasswordReset,
  resetPassword,
} from "~/accounts/registration.server.ts";
import { createSession, getUser, requireUser } from "~/accounts/session.server.ts";
import { OutboxModel } from "~/outbox/model.server.ts";
import { OrganisationModel } from "~/organisations/model.server.ts";
import { decideMentor, decideOrganisation } from "~/organisations/verification.server.ts";
import { hashPassword } from "~/accounts/password.server.ts";

let counter = 0;
function uniqueEmail(prefix: string) {
  return `${prefix}.${Date.now()}.${counter++}@example.test`;
}

function registration(email: string) {
  return {
    name: "Ana Horvat",
    email,
    password: "a long enough password",
    organisationName: `Pekara ${email}`,
    organisationKind: "employer" as const,
    town: "Varaždin",
    country: "HR" as const,
    language: "hr" as const,
  };
}

async function lastTokenFor(email: string, purpose: "confirm_email" | "reset_password") {
  const item = await OutboxModel.findOne({ "payload.to": email, "payload.template": purpose === "confirm_email" ? "confirmEmail" : "resetPassword" })
    .sort({ createdAt: -1 })
    .lean();
  const link = (item?.payload as { params: { link: string } }).params.link;
  return new URL(link).searchParams.get("token")!;
}

function requestWithCookie(cookie: string) {
  return new Request("http://localhost/x", { headers: { Cookie: cookie.split(";")[0] } });
}

describe("employer registration", () => {
  it("creates a pending organisation, an unconfirmed account and a queued confirmation e-mail in the person's language", async () => {
    const email = uniqueEmail("employer");
    expect(await registerOrganisation(registration(email), "10.0.0.1")).toEqual({ ok: true });
    const user = await UserModel.findOne({ email }).lean();
    expect(user?.emailConfirmedAt).toBeFalsy();
    expect(user?.passwordHash).not.toContain("a long enough password");
    const organisation = await OrganisationModel.findById(user?.organisationId).lean();
    expect(organisation?.status).toBe("pending");
    const queued = await OutboxModel.findOne({ "payload.to": email }).lean();
    expect(queued?.payload).toMatchObject({ template: "confirmEmail", language: "hr" });
  });

  it("answers a second registration of an address as any other, makes nothing new, and tells the account's owner by e-mail instead", async () => {
    const email = uniqueEmail("twice");
    await registerOrganisation(registration(email), "10.0.0.2");
    await UserModel.updateOne({ email }, { $set: { language: "da" } });
    const organisationsBefore = await OrganisationModel.countDocuments();
    const again = await registerOrganisation({ ...registration(email), organisationName: "Another" }, "10.0.0.2");
    // The same answer a new address gets: the form cannot tell who has an account.
    expect(again).toEqual({ ok: true });
    expect(await OrganisationModel.countDocuments()).toBe(organisationsBefore);
    expect(await UserModel.countDocuments({ email })).toBe(1);
    const told = await OutboxModel.find({ "payload.to": email, "payload.template": "registrationExisting" }).lean();
    expect(told).toHaveLength(1);
    expect(told[0].payload).toMatchObject({ language: "da", params: { link: expect.stringMatching(/\/login$/) } });
    // As a mentor, too; and a few times an hour at most, so the form cannot flood someone's inbox.
    const organisation = await OrganisationModel.create({ name: `Mentors ${email}`, kind: "mentor_organisation", town: "Zagreb", country: "HR", status: "verified" });
    for (let i = 0; i < 4; i++) {
      expect(await registerMentor({ name: "M", email, password: "a long enough password", organisationId: String(organisation._id), language: "hr" }, `10.0.1.${i}`)).toEqual({ ok: true });
    }
    expect(await UserModel.countDocuments({ email })).toBe(1);
    expect(await OutboxModel.countDocuments({ "payload.to": email, "payload.template": "registrationExisting" })).toBe(3);
  });

  it("still refuses an unknown town before it looks at the address, whether or not it has an account", async () => {
    const email = uniqueEmail("town");
    await registerOrganisation(registration(email), "10.0.0.4");
    const taken = await registerOrganisation({ ...registration(email), town: "Atlantida" }, "10.0.0.4");
    const free = await registerOrganisation({ ...registration(uniqueEmail("town")), town: "Atlantida" }, "10.0.0.4");
    expect(taken).toEqual({ ok: false, fieldErrors: { town: "errors.unknownTown" } });
    expect(free).toEqual(taken);
  });

  it("confirms the address with a single-use link and then waits for verification", async () => {
    const email = uniqueEmail("confirm");
    await registerOrganisation(registration(email), "10.0.0.3");
    expect((await authenticate(email, "a long enough password", { address: "10.0.0.3", deviceId: null })).ok).toBe(false);
    const token = await lastTokenFor(email, "confirm_email");
    expect(await confirmEmail(token)).toEqual({ ok: true, waitingFor: "organisation" });
    expect(await confirmEmail(token)).toEqual({ ok: false });
    expect((await authenticate(email, "a long enough password", { address: "10.0.0.3", deviceId: null })).ok).toBe(true);
  });

  it("refuses an expired confirmation link", async () => {
    const email = uniqueEmail("expired");
    await registerOrganisation(registration(email), "10.0.0.4");
    const token = await lastTokenFor(email, "confirm_email");
    await TokenModel.updateMany({ purpose: "confirm_email" }, { $set: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await confirmEmail(token)).toEqual({ ok: false });
    expect((await UserModel.findOne({ email }).lean())?.emailConfirmedAt).toBeFalsy();
  });
});

describe("logging in", () => {
  it("checks only five passwords of a burst of parallel wrong ones from one address, and asks the rest to wait", async () => {
    const email = uniqueEmail("burst");
    await UserModel.create({ email, name: "B", role: "coordinator", passwordHash: await hashPassword("the right password"), emailConfirmedAt: new Date() });
    const results = await Promise.all(Array.from({ length: 20 }, () => authenticate(email, "wrong password", { address: "10.1.2.3", deviceId: null })));
    const answers = results.map((r) => (r.ok ? "signed in" : r.fieldErrors.form));
    expect(answers.filter((a) => a === "errors.badCredentials")).toHaveLength(5);
    expect(answers.filter((a) => a === "errors.loginWait")).toHaveLength(15);
  });

  it("gives the same answer for an unknown account as for a wrong password", async () => {
    expect(await authenticate(uniqueEmail("nobody"), "whatever password", { address: "10.2.0.1", deviceId: null })).toEqual({
      ok: false,
      fieldErrors: { form: "errors.badCredentials" },
    });
  });
});

describe("sessions", () => {
  it("stores only a hash of the session id and expires sessions in code", async () => {
    const user = await UserModel.create({ email: uniqueEmail("session"), name: "S", role: "mentor", passwordHash: "x", emailConfirmedAt: new Date() });
    const cookie = await createSession(user._id);
    const id = decodeURIComponent(cookie.split(";")[0].split("=")[1]);
    expect(await SessionModel.exists({ idHash: id })).toBeNull();
    expect((await getUser(requestWithCookie(cookie)))?.email).toBe(user.email);
    await SessionModel.updateMany({ userId: user._id }, { $set: { expiresAt: new Date(Date.now() - 1) } });
    expect(await getUser(requestWithCookie(cookie))).toBeNull();
    expect(await SessionModel.countDocuments({ userId: user._id })).toBe(0);
  });

  it("answers 403 when a role opens another role's page", async () => {
    const user = await UserModel.create({ email: uniqueEmail("role"), name: "R", role: "employer", passwordHash: "x", emailConfirmedAt: new Date() });
    const request = requestWithCookie(await createSession(user._id));
    await expect(requireUser(request, "coordinator")).rejects.toMatchObject({ status: 403 });
    await expect(requireUser(request, "employer")).resolves.toMatchObject({ role: "employer" });
  });
});

describe("password reset", () => {
  it("sets a new password once per link and logs out every session", async () => {
    const email = uniqueEmail("reset");
    const user = await UserModel.create({ email, name: "P", role: "employer", passwordHash: await hashPassword("old password 123"), emailConfirmedAt: new Date() });
    await createSession(user._id);
    expect(await requestPasswordReset(email, "10.3.0.1")).toEqual({ ok: true });
    const token = await lastTokenFor(email, "reset_password");
    expect(await resetPassword(token, "new password 456", { signOutEverywhere: true, clientAddress: "10.3.0.1" })).toMatchObject({ ok: true });
    expect(await resetPassword(token, "third password 789", { signOutEverywhere: true, clientAddress: "10.3.0.1" })).toEqual({ ok: false });
    expect(await SessionModel.countDocuments({ userId: user._id })).toBe(0);
    expect((await authenticate(email, "new password 456", { address: "10.3.0.2", deviceId: null })).ok).toBe(true);
    expect((await authenticate(email, "old password 123", { address: "10.3.0.3", deviceId: null })).ok).toBe(false);
  });

  it("queues nothing for an unknown address but answers the same", async () => {
    const before = await OutboxModel.countDocuments();
    expect(await requestPasswordReset(uniqueEmail("ghost"), "10.3.1.1")).toEqual({ ok: true });
    expect(await OutboxModel.countDocuments()).toBe(before);
  });
});

describe("coordinator verification", () => {
  it("verifies an organisation once and tells its people by e-mail; a second decision finds it decided", async () => {
    const coordinator = await UserModel.create({ email: uniqueEmail("coord"), name: "C", role: "coordinator", passwordHash: "x" });
    const email = uniqueEmail("verify");
    await registerOrganisation(registration(email), "10.4.0.1");
    const user = await UserModel.findOne({ email }).lean();
    const actor = { ...coordinator.toObject() };
    expect(await decideOrganisation(actor, String(user!.organisationId), { verdict: "verify" })).toBe(true);
    expect(await decideOrganisation(actor, String(user!.organisationId), { verdict: "reject", reason: "late click" })).toBe(false);
    expect((await OrganisationModel.findById(user!.organisationId).lean())?.status).toBe("verified");
    expect(await OutboxModel.exists({ "payload.to": email, "payload.template": "organisationVerified" })).not.toBeNull();
  });

  it("rejects a mentor with a reason that reaches the mentor", async () => {
    const coordinator = await UserModel.create({ email: uniqueEmail("coord2"), name: "C", role: "coordinator", passwordHash: "x" });
    const organisation = await OrganisationModel.create({ name: "CZSS", kind: "mentor_organisation", town: "Split", country: "HR", status: "verified" });
    const email = uniqueEmail("mentor");
    expect(
      await registerMentor({ name: "Mira", email, password: "a long enough password", organisationId: String(organisation._id), language: "sl" }, "10.4.1.1"),
    ).toEqual({ ok: true });
    const mentor = await UserModel.findOne({ email }).lean();
    expect(mentor?.approval).toBe("pending");
    expect(await decideMentor(coordinator.toObject(), String(mentor!._id), { verdict: "reject", reason: "Not in our programme" })).toBe(true);
    const queued = await OutboxModel.findOne({ "payload.to": email, "payload.template": "mentorRejected" }).lean();
    expect(queued?.payload).toMatchObject({ language: "sl", params: { reason: "Not in our programme" } });
  });

  it("is refused to anyone but a coordinator", async () => {
    const employer = await UserModel.create({ email: uniqueEmail("notcoord"), name: "E", role: "employer", passwordHash: "x" });
    const organisation = await OrganisationModel.create({ name: "Pending Ltd", kind: "employer", town: "Aalborg", country: "DK" });
    await expect(decideOrganisation(employer.toObject(), String(organisation._id), { verdict: "verify" })).rejects.toMatchObject({ status: 403 });
    expect((await OrganisationModel.findById(organisation._id).lean())?.status).toBe("pending");
  });
});
