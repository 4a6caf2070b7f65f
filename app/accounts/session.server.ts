import { createCookie } from "@remix-run/node";
import { redirect } from "~/ui/redirect.server.ts";
import { now as clockNow, nowMs } from "~/clock/clock.ts";
import { getEnv } from "~/env.server.ts";
import { hashToken, randomToken } from "~/security/tokens.server.ts";
import { SessionModel, UserModel, type Role, type User } from "./model.server.ts";
import { isDuplicateKeyError } from "~/db/connection.server.ts";
import { forbidden } from "~/ui/responses.server.ts";

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

/** A mentee's session that her mentor opened at the desk: who opened it, and until when. */
export interface DeskPresence {
  mentorId: string;
  mentorName: string;
  recordId: string;
  endsAt: string;
}

export type SessionUser = Pick<User, "_id" | "email" | "name" | "role" | "language" | "organisationId" | "approval" | "rejectionReason"> & {
  desk?: DeskPresence;
};

const userFields = "email name role language organisationId approval rejectionReason";
const cache = new WeakMap<object, Promise<SessionUser | null>>();

async function sessionIdFrom(request: Request): Promise<string | null> {
  const value = await sessionCookie()
    .parse(request.headers.get("Cookie"))
    .catch(() => null);
  return typeof value === "string" && value.length > 20 && value.length < 100 ? value : null;
}

/**
 * The signed-in user, or null. Expiry is checked here: FerretDB 1.x has no TTL indexes.
 * Remix hands each loader a Request of its own; the loaders of one page that pass the request's
 * load context read the session once. Only a GET's: an action may change the user (a language,
 * a name) before the loaders that follow it run, and they must see the change.
 */
export function getUser(request: Request, context?: object): Promise<SessionUser | null> {
  const key = context && request.method === "GET" ? context : request;
  let pending = cache.get(key);
  if (!pending) {
    pending = (async () => {
      const id = await sessionIdFrom(request);
      if (!id) return null;
      const session = await SessionModel.findById(hashToken(id)).lean();
      if (!session) return null;
      if (session.expiresAt.getTime() <= nowMs()) {
        await SessionModel.deleteOne({ _id: session._id });
        return null;
      }
      const found = await UserModel.findById(session.userId).select(`${userFields} deactivatedAt`).lean<SessionUser & { deactivatedAt?: Date }>();
      if (!found) return null;
      // A deactivated account's sessions end (deactivating deletes them; this covers one opened meanwhile).
      if (found.deactivatedAt) {
        await SessionModel.deleteOne({ _id: session._id });
        return null;
      }
      const { deactivatedAt: _active, ...user } = found;
      if (!session.desk) return user;
      const { mentorId, mentorName, recordId } = session.desk;
      return { ...user, desk: { mentorId: String(mentorId), mentorName, recordId: String(recordId), endsAt: session.expiresAt.toISOString() } };
    })();
    cache.set(key, pending);
  }
  return pending;
}

export const homeOf: Record<Role, `/${string}`> = {
  employer: "/employer",
  mentor: "/mentor",
  mentee: "/me",
  coordinator: "/coordinator",
};

/** Where a desk session is sent for a page that is not the mentee's: the way back to the mentor's own pages. */
export const DESK_STILL_OPEN = "/me/desk";

/**
 * Every role page starts with this: no session sends the person to log in; a session of
 * another role gets a 403 (the page's data is never loaded). A desk session (a mentee's session
 * opened by her mentor) is refused too, unless the page says it is one the desk is for with
 * `{ desk: true }`: a new page never serves the desk by accident. Her own pages refuse it with a
 * 403; any other page means the mentor wants their own pages back, so it is sent to the page that
 * ends the desk session and then returns there after the mentor signs in.
 */
export async function requireUser(request: Request, role: Role | "anyRole", options: { desk?: true; context?: object } = {}): Promise<SessionUser> {
  const user = await getUser(request, options.context);
  const url = new URL(request.url);
  if (!user) {
    throw redirect(`/login?redirectTo=${encodeURIComponent(url.pathname + url.search)}`);
  }
  if (user.desk && !options.desk && role !== "mentee") {
    throw redirect(`${DESK_STILL_OPEN}?redirectTo=${encodeURIComponent(url.pathname + url.search)}`);
  }
  if ((role !== "anyRole" && user.role !== role) || (user.desk && !options.desk)) {
    forbidden();
  }
  return user;
}

/** How an action of this person is written into histories: at the desk, the mentor was present. */
export function actingRole(user: Pick<SessionUser, "role" | "desk">): string {
  return user.desk ? `${user.role}_with_mentor` : user.role;
}

export async function createSession(
  userId: unknown,
  lifetimeMs = getEnv().SESSION_DAYS * DAY_MS,
  desk?: { mentorId: unknown; mentorName: string; recordId: unknown },
): Promise<string> {
  const id = randomToken();
  const now = clockNow();
  const idHash = hashToken(id);
  await SessionModel.create({
    _id: idHash,
    idHash,
    userId,
    createdAt: now,
    expiresAt: new Date(now.getTime() + lifetimeMs),
    desk,
  });
  if (Math.random() < 0.05) void SessionModel.deleteMany({ expiresAt: { $lt: now } }).catch(() => {});
  return sessionCookie().serialize(id);
}

export async function destroySession(request: Request): Promise<string> {
  const id = await sessionIdFrom(request);
  if (id) await SessionModel.deleteOne({ _id: hashToken(id) });
  return sessionCookie().serialize("", { maxAge: 0 });
}

export async function revokeAllSessions(userId: unknown): Promise<void> {
  await SessionModel.deleteMany({ userId });
}

/** Ends every session of the account but the one this request carries. */
export async function revokeOtherSessions(request: Request, userId: unknown): Promise<void> {
  const current = await sessionIdFrom(request);
  await SessionModel.deleteMany({ userId, ...(current ? { _id: { $ne: hashToken(current) } } : {}) });
}

/** Sessions written before they were keyed by their hash get that key. */
export async function keySessionsByTheirHash(): Promise<number> {
  const sessions = SessionModel.collection;
  const earlier = await sessions.find({ _id: { $type: "objectId" } }).limit(100_000).toArray();
  for (const session of earlier) {
    const { _id: oldId, ...rest } = session;
    // The old one goes first: idHash is unique. A start that stops right here signs one person out.
    await sessions.deleteOne({ _id: oldId });
    await sessions.insertOne({ ...rest, _id: rest.idHash }).catch((error: unknown) => {
      if (!isDuplicateKeyError(error)) throw error;
    });
  }
  return earlier.length;
}
