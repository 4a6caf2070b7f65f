import { publicUrl } from "~/env.server.ts";
import { randomToken } from "~/security/tokens.server.ts";
import { UserModel, type User } from "./model.server.ts";
import { hashPassword } from "./password.server.ts";
import { issueToken } from "./tokens.server.ts";

type InvitedAccount = Pick<User, "email" | "name" | "role" | "language" | "approval"> & Partial<Pick<User, "organisationId" | "key" | "decidedAt" | "decidedBy">>;

/**
 * An account made for someone else (a mentee by her mentor, a mentor by a coordinator's import):
 * a password nobody knows, and a single-use link with which the person chooses their own. The
 * caller e-mails the link in its own words.
 */
export async function createInvitedAccount(account: InvitedAccount) {
  const user = await UserModel.create({ ...account, passwordHash: await hashPassword(randomToken()) });
  const token = await issueToken(user._id, "invite");
  return { user, link: `${publicUrl()}/reset-password?token=${token}` };
}
