import { Types } from "mongoose";
import type { z } from "zod";
import { isDuplicateKeyError } from "~/db/connection.server.ts";
import { publicUrl } from "~/env.server.ts";
import { enqueueEmail } from "~/email/queue.server.ts";
import type { OutboxSubject } from "~/outbox/outbox.server.ts";
import type { Language } from "~/i18n/languages.ts";
import { findTown } from "~/placements/gazetteer.server.ts";
import { OrganisationModel } from "~/organisations/model.server.ts";
import { listOrganisationEmployer, listWaitingOrganisation } from "~/organisations/lists.server.ts";
import { listWaitingMentor } from "./lists.server.ts";
import { formLimits, type LimitOutcome } from "~/security/rate-limit.server.ts";
import { forgetDevices, isKnownDevice } from "./devices.server.ts";
import { clearLoginDelays, throttledPasswordCheck, type LoginRefusal } from "./login-throttle.server.ts";
import { UserModel, type User } from "./model.server.ts";
import { hashPassword, spendPasswordCheckTime, verifyPassword } from "./password.server.ts";
import type { changePasswordSchema, registerMentorSchema, registerOrganisationSchema } from "./schemas.server.ts";
import { consumeToken, issueToken, revokePasswordTokens } from "./tokens.server.ts";
import { revokeAllSessions, revokeOtherSessions, type SessionUser } from "./session.server.ts";

type Failure = { ok: false; fieldErrors: Record<string, string>; retryAfterMs?: number };

/** The answer to a form refused by a limit: the usual message, or that the limit cannot be checked now. */
function limited(outcome: Extract<LimitOutcome, { allowed: false }>): Failure {
  return { ok: false, fieldErrors: { form: outcome.unavailable ? "errors.limitUnavailable" : "errors.rateLimited" }, retryAfterMs: outcome.retryAfterMs };
}

/** The client of a sign-in: its address and the device id its browser carries, if any. */
export interface Client {
  address: string;
  deviceId: string | null;
}

/** An e-mail to a mentee's account is hers: erasure finds it by the account's id. */
function aboutAccount(user: { _id: unknown; role: string }): OutboxSubject {
  return user.role === "mentee" ? { menteeUserId: user._id } : null;
}

async function sendConfirmation(user: { _id: unknown; email: string; name: string; language: string; role: string }) {
  const token = await issueToken(user._id, "confirm_email");
  await enqueueEmail({
    to: user.email,
    language: user.language as Language,
    template: "confirmEmail",
    params: { name: user.name, link: `${publicUrl()}/confirm-email?token=${token}` },
    about: aboutAccount(user),
  });
}

/**
 * A registration with an address that already has an account is answered as any other, so that
 * the form cannot be used to learn who has an account (a mentee's account says she is in the
 * programme). The account's owner gets an e-mail instead, a few an hour at most: log in, or
 * choose a new password. Called after the password is hashed, so both answers take as long.
 */
async function tellExistingAccount(email: string): Promise<boolean> {
  const user = await UserModel.findOne({ email }).select("email name language role").lean();
  if (!user) return false;
  const forAccount = await formLimits.registerExistingPerAccount.consume(email);
  if (!forAccount.allowed) return true;
  await enqueueEmail({
    to: user.email,
    language: user.language as Language,
    template: "registrationExisting",
    params: { name: user.name, link: `${publicUrl()}/login` },
    about: aboutAccount(user),
  });
  return true;
}

export async function registerOrganisation(
  input: z.output<typeof registerOrganisationSchema>,
  clientAddress: string,
): Promise<{ ok: true } | Failure> {
  const fromAddress = await formLimits.registerPerAddress.consume(clientAddress);
  if (!fromAddress.allowed) return limited(fromAddress);
  // The same gazetteer as placements and plans: a town people can find on the map, spelt as it is known.
  // Checked before the address, so that its answer cannot tell whether the address has an account.
  const town = findTown(input.town, input.country);
  if (!town) return { ok: false, fieldErrors: { town: "errors.unknownTown" } };
  const passwordHash = await hashPassword(input.password);
  if (await tellExistingAccount(input.email)) return { ok: true };
  const organisationId = new Types.ObjectId();
  const userId = new Types.ObjectId();
  await listWaitingOrganisation(organisationId);
  await listOrganisationEmployer(organisationId, userId);
  const organisation = await OrganisationModel.create({
    _id: organisationId,
    name: input.organisationName,
    kind: input.organisationKind,
    town: town.name,
    country: input.country,
    contactEmail: input.email,
    status: "pending",
  });
  try {
    const user = await UserModel.create({
      _id: userId,
      email: input.email,
      passwordHash,
      name: input.name,
      role: "employer",
      organisationId: organisation._id,
      language: input.language,
      approval: "approved",
    });
    await sendConfirmation(user);
    return { ok: true };
  } catch (error) {
    // No transactions on FerretDB 1.x: undo the organisation by hand when the user cannot be created.
    await OrganisationModel.deleteOne({ _id: organisation._id });
    // Registered at the same moment by another request: answered as any registration is.
    if (isDuplicateKeyError(error)) return { ok: true };
    throw error;
  }
}

export async function listMentorOrganisations() {
  return OrganisationModel.find({ kind: "mentor_organisation", status: "verified" })
    .select("name mentorOrganisationType town country")
    .sort({ country: 1, name: 1 })
    .lean();
}

export async function registerMentor(
  input: z.output<typeof registerMentorSchema>,
  clientAddress: string,
): Promise<{ ok: true } | Failure> {
  const fromAddress = await formLimits.registerPerAddress.consume(clientAddress);
  if (!fromAddress.allowed) return limited(fromAddress);
  const organisation = await OrganisationModel.exists({ _id: input.organisationId, kind: "mentor_organisation", status: "verified" });
  if (!organisation) return { ok: false, fieldErrors: { organisationId: "errors.organisationUnavailable" } };
  const passwordHash = await hashPassword(input.password);
  if (await tellExistingAccount(input.email)) return { ok: true };
  try {
    const userId = new Types.ObjectId();
    await listWaitingMentor(userId);
    const user = await UserModel.create({
      _id: userId,
      email: input.email,
      passwordHash,
      name: input.name,
      role: "mentor",
      organisationId: organisation._id,
      language: input.language,
      approval: "pending",
    });
    await sendConfirmation(user);
    return { ok: true };
  } catch (error) {
    if (isDuplicateKeyError(error)) return { ok: true };
    throw error;
  }
}

export type ConfirmationResult = { ok: false } | { ok: true; waitingFor: "organisation" | "mentorApproval" | null };

export async function confirmEmail(token: string): Promise<ConfirmationResult> {
  const userId = await consumeToken(token, "confirm_email");
  if (!userId) return { ok: false };
  const user = await UserModel.findByIdAndUpdate(userId, { $set: { emailConfirmedAt: new Date() } }, { new: true }).lean();
  if (!user) return { ok: false };
  if (user.role === "mentor" && user.approval === "pending") return { ok: true, waitingFor: "mentorApproval" };
  if (user.role === "employer") {
    const organisation = await OrganisationModel.findById(user.organisationId).select("status").lean();
    if (organisation?.status !== "verified") return { ok: true, waitingFor: "organisation" };
  }
  return { ok: true, waitingFor: null };
}

export type LoginResult = { ok: true; userId: unknown; role: string } | Failure;

/**
 * Checks a sign-in within the limits of login-throttle.server.ts, which come first: a refused try
 * never reaches the account. An unknown address costs as much time as a wrong password.
 */
export async function authenticate(email: string, password: string, client: Client): Promise<LoginResult> {
  let found: Promise<Pick<User, "_id" | "passwordHash" | "role" | "emailConfirmedAt" | "deactivatedAt"> | null> | undefined;
  const findUser = () => (found ??= UserModel.findOne({ email }).select("passwordHash role emailConfirmedAt deactivatedAt").lean().exec());
  const check = await throttledPasswordCheck(
    {
      email,
      address: client.address,
      isKnownDevice: async () => {
        const user = await findUser();
        return user ? isKnownDevice(client.deviceId, user._id) : false;
      },
    },
    async () => {
      const user = await findUser();
      if (!user) return spendPasswordCheckTime(password).then(() => false);
      return verifyPassword(password, user.passwordHash);
    },
  );
  if (!check.ok) return "wrongPassword" in check ? { ok: false, fieldErrors: { form: "errors.badCredentials" } } : check;
  const user = await findUser();
  // Told only to someone who knows the password: the account exists, and a coordinator closed it.
  if (user?.deactivatedAt) return { ok: false, fieldErrors: { form: "errors.accountDeactivated" } };
  if (!user?.emailConfirmedAt) return { ok: false, fieldErrors: { form: "errors.emailNotConfirmed" } };
  return { ok: true, userId: user._id, role: user.role };
}

/**
 * The account holder confirms something on another person's screen by typing her own password.
 * Attempts go through the same throttle as logging in from that screen's address (never as a
 * known device), so this is no way round it.
 */
export async function confirmWithOwnPassword(userId: unknown, password: string, clientAddress: string): Promise<"confirmed" | "wrong" | "rateLimited"> {
  const user = await UserModel.findById(userId).select("email passwordHash").lean();
  if (!user) return "wrong";
  const check = await throttledPasswordCheck({ email: user.email, address: clientAddress, isKnownDevice: async () => false }, () => verifyPassword(password, user.passwordHash));
  if (check.ok) return "confirmed";
  return "wrongPassword" in check ? "wrong" : "rateLimited";
}

/** Always looks the same to the person asking, whether or not the account exists. */
export async function requestPasswordReset(email: string, clientAddress: string): Promise<{ ok: true } | Failure> {
  const fromAddress = await formLimits.resetPerAddress.consume(clientAddress);
  if (!fromAddress.allowed) return limited(fromAddress);
  const forAccount = await formLimits.resetPerAccount.consume(email);
  if (!forAccount.allowed) return forAccount.unavailable ? limited(forAccount) : { ok: true };
  const user = await UserModel.findOne({ email }).select("email name language role").lean();
  if (!user) return { ok: true };
  const token = await issueToken(user._id, "reset_password");
  await enqueueEmail({
    to: user.email,
    language: user.language as Language,
    template: "resetPassword",
    params: { name: user.name, link: `${publicUrl()}/reset-password?token=${token}` },
    about: aboutAccount(user),
  });
  return { ok: true };
}

/**
 * Also the end of a mentee's invitation: the same single-use link sets the first password. Every
 * other reset or invitation link of the account stops working; with `signOutEverywhere` every
 * session ends and no browser counts as known any more (someone else may have had the account).
 */
export async function resetPassword(
  token: string,
  password: string,
  options: { signOutEverywhere: boolean; clientAddress: string },
): Promise<{ ok: true; userId: unknown } | { ok: false }> {
  const userId = await consumeToken(token, ["reset_password", "invite"]);
  if (!userId) return { ok: false };
  // The link came by e-mail, so following it also proves the address.
  const user = await UserModel.findOneAndUpdate(
    { _id: userId },
    { $set: { passwordHash: await hashPassword(password) }, $min: { emailConfirmedAt: new Date() } },
    { new: true },
  ).lean();
  await revokePasswordTokens(userId);
  if (options.signOutEverywhere) await Promise.all([revokeAllSessions(userId), forgetDevices(userId)]);
  if (user) await clearLoginDelays(user.email, options.clientAddress);
  return { ok: true, userId };
}

export type PasswordChangeResult = { ok: true } | Failure | LoginRefusal;

/**
 * A signed-in person chooses a new password. The current password is checked within the login
 * limits. Outstanding reset and invitation links stop working; with `signOutOthers` every other
 * session ends and only this browser stays known. This session always stays.
 */
export async function changePassword(
  request: Request,
  user: SessionUser,
  input: z.output<typeof changePasswordSchema>,
  client: Client,
): Promise<PasswordChangeResult> {
  const stored = await UserModel.findById(user._id).select("passwordHash").lean();
  if (!stored) return { ok: false, fieldErrors: { form: "errors.invalid" } };
  const isThisDeviceKnown = () => isKnownDevice(client.deviceId, user._id);
  const check = await throttledPasswordCheck({ email: user.email, address: client.address, isKnownDevice: isThisDeviceKnown }, () =>
    verifyPassword(input.currentPassword, stored.passwordHash),
  );
  if (!check.ok) return "wrongPassword" in check ? { ok: false, fieldErrors: { currentPassword: "errors.currentPasswordWrong" } } : check;
  await UserModel.updateOne({ _id: user._id }, { $set: { passwordHash: await hashPassword(input.password) } });
  await revokePasswordTokens(user._id);
  if (input.signOutOthers) await Promise.all([revokeOtherSessions(request, user._id), forgetDevices(user._id, client.deviceId)]);
  return { ok: true };
}

export async function setAccountLanguage(userId: unknown, language: Language) {
  await UserModel.updateOne({ _id: userId }, { $set: { language } });
}

/** A new confirmation link for an account that is not confirmed yet; the answer never tells whether one exists. */
export async function resendConfirmation(email: string, clientAddress: string): Promise<{ ok: true } | Failure> {
  const fromAddress = await formLimits.resendPerAddress.consume(clientAddress);
  if (!fromAddress.allowed) return limited(fromAddress);
  const forAccount = await formLimits.resendPerAccount.consume(email);
  if (!forAccount.allowed) return forAccount.unavailable ? limited(forAccount) : { ok: true };
  const user = await UserModel.findOne({ email, emailConfirmedAt: null }).select("email name language role").lean();
  if (user) await sendConfirmation(user);
  return { ok: true };
}
