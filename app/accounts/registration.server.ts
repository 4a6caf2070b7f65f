import type { z } from "zod";
import { isDuplicateKeyError } from "~/db/connection.server.ts";
import { publicUrl } from "~/env.server.ts";
import { enqueueEmail, type OutboxSubject } from "~/email/outbox.server.ts";
import type { Language } from "~/i18n/languages.ts";
import { OrganisationModel } from "~/organisations/model.server.ts";
import { countAttempt, limits } from "~/security/rate-limit.server.ts";
import { UserModel } from "./model.server.ts";
import { hashPassword, spendPasswordCheckTime, verifyPassword } from "./password.server.ts";
import type { registerMentorSchema, registerOrganisationSchema } from "./schemas.ts";
import { consumeToken, issueToken } from "./tokens.server.ts";
import { revokeAllSessions } from "./session.server.ts";

type Failure = { ok: false; fieldErrors: Record<string, string> };

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

export async function registerOrganisation(
  input: z.output<typeof registerOrganisationSchema>,
  clientAddress: string,
): Promise<{ ok: true } | Failure> {
  if (!(await countAttempt(`register:${clientAddress}`, limits.registerPerAddress.limit, limits.registerPerAddress.windowMs)))
    return { ok: false, fieldErrors: { form: "errors.rateLimited" } };
  if (await UserModel.exists({ email: input.email })) return { ok: false, fieldErrors: { email: "errors.emailTaken" } };
  const passwordHash = await hashPassword(input.password);
  const organisation = await OrganisationModel.create({
    name: input.organisationName,
    kind: input.organisationKind,
    town: input.town,
    country: input.country,
    contactEmail: input.email,
    status: "pending",
  });
  try {
    const user = await UserModel.create({
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
    if (isDuplicateKeyError(error)) return { ok: false, fieldErrors: { email: "errors.emailTaken" } };
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
  if (!(await countAttempt(`register:${clientAddress}`, limits.registerPerAddress.limit, limits.registerPerAddress.windowMs)))
    return { ok: false, fieldErrors: { form: "errors.rateLimited" } };
  const organisation = await OrganisationModel.exists({ _id: input.organisationId, kind: "mentor_organisation", status: "verified" });
  if (!organisation) return { ok: false, fieldErrors: { organisationId: "errors.organisationUnavailable" } };
  if (await UserModel.exists({ email: input.email })) return { ok: false, fieldErrors: { email: "errors.emailTaken" } };
  try {
    const user = await UserModel.create({
      email: input.email,
      passwordHash: await hashPassword(input.password),
      name: input.name,
      role: "mentor",
      organisationId: organisation._id,
      language: input.language,
      approval: "pending",
    });
    await sendConfirmation(user);
    return { ok: true };
  } catch (error) {
    if (isDuplicateKeyError(error)) return { ok: false, fieldErrors: { email: "errors.emailTaken" } };
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

export async function authenticate(email: string, password: string, clientAddress: string): Promise<LoginResult> {
  const perAccount = await countAttempt(`login:${email}`, limits.loginPerAccount.limit, limits.loginPerAccount.windowMs);
  const perAddress = await countAttempt(`login-ip:${clientAddress}`, limits.loginPerAddress.limit, limits.loginPerAddress.windowMs);
  if (!perAccount || !perAddress) return { ok: false, fieldErrors: { form: "errors.rateLimited" } };
  const user = await UserModel.findOne({ email }).select("passwordHash role emailConfirmedAt approval").lean();
  if (!user) {
    await spendPasswordCheckTime(password);
    return { ok: false, fieldErrors: { form: "errors.badCredentials" } };
  }
  if (!(await verifyPassword(password, user.passwordHash))) return { ok: false, fieldErrors: { form: "errors.badCredentials" } };
  if (!user.emailConfirmedAt) return { ok: false, fieldErrors: { form: "errors.emailNotConfirmed" } };
  return { ok: true, userId: user._id, role: user.role };
}

/**
 * The account holder confirms something on another person's screen by typing her own password.
 * Attempts count against the same limit as logging in, so this is no way round it.
 */
export async function confirmWithOwnPassword(userId: unknown, password: string): Promise<"confirmed" | "wrong" | "rateLimited"> {
  const user = await UserModel.findById(userId).select("email passwordHash").lean();
  if (!user) return "wrong";
  if (!(await countAttempt(`login:${user.email}`, limits.loginPerAccount.limit, limits.loginPerAccount.windowMs))) return "rateLimited";
  return (await verifyPassword(password, user.passwordHash)) ? "confirmed" : "wrong";
}

/** Always looks the same to the person asking, whether or not the account exists. */
export async function requestPasswordReset(email: string, clientAddress: string): Promise<{ ok: true } | Failure> {
  const perAccount = await countAttempt(`reset:${email}`, limits.resetPerAccount.limit, limits.resetPerAccount.windowMs);
  const perAddress = await countAttempt(`reset-ip:${clientAddress}`, limits.resetPerAddress.limit, limits.resetPerAddress.windowMs);
  if (!perAddress) return { ok: false, fieldErrors: { form: "errors.rateLimited" } };
  if (!perAccount) return { ok: true };
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

/** Also the end of a mentee's invitation: the same single-use link sets the first password. */
export async function resetPassword(token: string, password: string): Promise<boolean> {
  const userId = await consumeToken(token, ["reset_password", "invite"]);
  if (!userId) return false;
  // The link came by e-mail, so following it also proves the address.
  await UserModel.updateOne(
    { _id: userId },
    { $set: { passwordHash: await hashPassword(password) }, $min: { emailConfirmedAt: new Date() } },
  );
  await revokeAllSessions(userId);
  return true;
}

export async function setAccountLanguage(userId: unknown, language: Language) {
  await UserModel.updateOne({ _id: userId }, { $set: { language } });
}

/** A new confirmation link for an account that is not confirmed yet; the answer never tells whether one exists. */
export async function resendConfirmation(email: string, clientAddress: string): Promise<{ ok: true } | Failure> {
  const perAccount = await countAttempt(`resend:${email}`, limits.resetPerAccount.limit, limits.resetPerAccount.windowMs);
  const perAddress = await countAttempt(`resend-ip:${clientAddress}`, limits.resetPerAddress.limit, limits.resetPerAddress.windowMs);
  if (!perAddress) return { ok: false, fieldErrors: { form: "errors.rateLimited" } };
  if (!perAccount) return { ok: true };
  const user = await UserModel.findOne({ email, emailConfirmedAt: null }).select("email name language role").lean();
  if (user) await sendConfirmation(user);
  return { ok: true };
}
