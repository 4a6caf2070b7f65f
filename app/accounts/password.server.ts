import bcrypt from "bcryptjs";
import { getEnv } from "~/env.server.ts";

export function hashPassword(password: string): Promise<string> {
  return bcrypt.hash(password, getEnv().PASSWORD_HASH_COST);
}

export function verifyPassword(password: string, hash: string): Promise<boolean> {
  return bcrypt.compare(password, hash);
}

// Compared against when no account exists, so that a wrong e-mail costs as much time as a wrong password.
const unknownUserHash = bcrypt.hashSync("no account has this password", 10);
export function spendPasswordCheckTime(password: string): Promise<boolean> {
  return bcrypt.compare(password, unknownUserHash);
}
