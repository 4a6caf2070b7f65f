import { now as clockNow } from "~/clock/clock.ts";
import { hashToken, randomToken } from "~/security/tokens.server.ts";
import { TokenModel, type TokenPurpose } from "./model.server.ts";

const lifetimes: Record<TokenPurpose, number> = {
  confirm_email: 48 * 60 * 60_000,
  reset_password: 60 * 60_000,
  invite: 7 * 24 * 60 * 60_000,
};

/** Links that set a password: whoever holds one can take over the account. */
const passwordPurposes: TokenPurpose[] = ["reset_password", "invite"];

/** A new single-use link; a new reset link makes the account's older reset links useless. */
export async function issueToken(userId: unknown, purpose: TokenPurpose): Promise<string> {
  const token = randomToken();
  const now = clockNow();
  const issued = await TokenModel.create({
    tokenHash: hashToken(token),
    userId,
    purpose,
    createdAt: now,
    expiresAt: new Date(now.getTime() + lifetimes[purpose]),
  });
  // Only older ones: of two links asked for at the same moment, the later one stays usable.
  if (purpose === "reset_password") await TokenModel.deleteMany({ userId, purpose, _id: { $lt: issued._id } });
  return token;
}

/** After a password is set (by a link or by the person): no outstanding reset or invitation link works any more. */
export async function revokePasswordTokens(userId: unknown): Promise<void> {
  await TokenModel.deleteMany({ userId, purpose: { $in: passwordPurposes } });
}

/** Marks the token used and returns its user, or null when it is unknown, used or expired. */
export async function consumeToken(token: string, purpose: TokenPurpose | TokenPurpose[]) {
  const now = clockNow();
  const used = await TokenModel.findOneAndUpdate(
    { tokenHash: hashToken(token), purpose: { $in: [purpose].flat() }, usedAt: null, expiresAt: { $gt: now } },
    { $set: { usedAt: now } },
    { new: false, lean: true },
  );
  if (Math.random() < 0.05) void TokenModel.deleteMany({ expiresAt: { $lt: new Date(now.getTime() - 7 * 24 * 60 * 60_000) } }).catch(() => {});
  return used ? used.userId : null;
}

/** Whether the token could still be used, without using it. */
export async function tokenIsUsable(token: string, purpose: TokenPurpose | TokenPurpose[]): Promise<boolean> {
  const found = await TokenModel.exists({ tokenHash: hashToken(token), purpose: { $in: [purpose].flat() }, usedAt: null, expiresAt: { $gt: clockNow() } });
  return Boolean(found);
}
