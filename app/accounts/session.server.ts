import { createCookie, redirect } from "@remix-run/node";
import { getEnv } from "~/env.server.ts";
import { hashToken, randomToken } from "~/security/tokens.server.ts";
import { SessionModel, UserModel, type Role, type User } from "./model.server.ts";

const DAY_MS = 24 * 60 * 60_000;

function sessionCookie() {
  return createCookie("portal_session", {
    path: "/",
    httpOnly: true,
    sameSite: "lax",
    secure: getEnv().COOKIE_SECURE,
    maxAge: getEnv().SESSION_DAYS * 24 * 60 * 60,
  });
}

export type SessionUser = Pick<User, "_id" | "email" | "name" | "role" | "language" | "organisationId" | "approval" | "rejectionReason">;

const userFields = "email name role language organisationId approval rejectionReason";
const cache = new WeakMap<Request, Promise<SessionUser | null>>();

async function sessionIdFrom(request: Request): Promise<string | null> {
  const value = await sessionCookie()
    .parse(request.headers.get("Cookie"))
    .catch(() => null);
  return typeof value === "string" && value.length > 20 && value.length < 100 ? value : null;
}

/** The signed-in user, or null. Expiry is checked here: FerretDB 1.x has no TTL indexes. */
export function getUser(request: Request): Promise<SessionUser | null> {
  let pending = cache.get(request);
  if (!pending) {
    pending = (async () => {
      const id = await sessionIdFrom(request);
      if (!id) return null;
      const session = await SessionModel.findOne({ idHash: hashToken(id) }).lean();
      if (!session) return null;
      if (session.expiresAt.getTime() <= Date.now()) {
        await SessionModel.deleteOne({ _id: session._id });
        return null;
      }
      return UserModel.findById(session.userId).select(userFields).lean<SessionUser>();
    })();
    cache.set(request, pending);
  }
  return pending;
}

export const homeOf: Record<Role, string> = {
  employer: "/employer",
  mentor: "/mentor",
  mentee: "/me",
  coordinator: "/coordinator",
};

/**
 * Every role page starts with this: no session sends the person to log in; a session of
 * another role gets a 403 (the page's data is never loaded).
 */
export async function requireUser(request: Request, ...allowed: Role[]): Promise<SessionUser> {
  const user = await getUser(request);
  if (!user) {
    const url = new URL(request.url);
    throw redirect(`/login?redirectTo=${encodeURIComponent(url.pathname + url.search)}`);
  }
  if (allowed.length > 0 && !allowed.includes(user.role)) {
    throw new Response("Forbidden", { status: 403 });
  }
  return user;
}

export async function createSession(userId: unknown, lifetimeMs = getEnv().SESSION_DAYS * DAY_MS): Promise<string> {
  const id = randomToken();
  const now = new Date();
  await SessionModel.create({
    idHash: hashToken(id),
    userId,
    createdAt: now,
    expiresAt: new Date(now.getTime() + lifetimeMs),
  });
  if (Math.random() < 0.05) void SessionModel.deleteMany({ expiresAt: { $lt: now } }).catch(() => {});
  return sessionCookie().serialize(id);
}

export async function destroySession(request: Request): Promise<string> {
  const id = await sessionIdFrom(request);
  if (id) await SessionModel.deleteOne({ idHash: hashToken(id) });
  return sessionCookie().serialize("", { maxAge: 0 });
}

export async function revokeAllSessions(userId: unknown): Promise<void> {
  await SessionModel.deleteMany({ userId });
}

/** Ends every session of the account but the one this request carries. */
export async function revokeOtherSessions(request: Request, userId: unknown): Promise<void> {
  const current = await sessionIdFrom(request);
  await SessionModel.deleteMany({ userId, ...(current ? { idHash: { $ne: hashToken(current) } } : {}) });
}

/** Only paths on this site; anything else falls back to the role's home. */
export function safeRedirectTarget(target: unknown, fallback: string): string {
  if (typeof target !== "string" || !target.startsWith("/") || target.startsWith("//") || target.includes("\\")) return fallback;
  return target;
}
