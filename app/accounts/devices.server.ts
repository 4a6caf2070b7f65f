import { createCookie } from "@remix-run/node";
import { now as clockNow } from "~/clock/clock.ts";
import { isDuplicateKeyError } from "~/db/connection.server.ts";
import { getEnv } from "~/env.server.ts";
import { hashToken, randomToken } from "~/security/tokens.server.ts";
import { KnownDeviceModel } from "./model.server.ts";

const KNOWN_FOR_DAYS = 180;

function deviceCookie() {
  return createCookie("portal_device", {
    path: "/",
    httpOnly: true,
    sameSite: "lax",
    secure: getEnv().COOKIE_SECURE,
    maxAge: KNOWN_FOR_DAYS * 24 * 60 * 60,
  });
}

/** The browser's device id, if it has one. */
export async function deviceIdFrom(request: Request): Promise<string | null> {
  const value = await deviceCookie()
    .parse(request.headers.get("Cookie"))
    .catch(() => null);
  return typeof value === "string" && value.length > 20 && value.length < 100 ? value : null;
}

/** Whether this browser has signed in to the account before (and was not signed out of it since). */
export async function isKnownDevice(deviceId: string | null, userId: unknown): Promise<boolean> {
  if (!deviceId) return false;
  return Boolean(await KnownDeviceModel.exists({ idHash: hashToken(deviceId), userId, expiresAt: { $gt: clockNow() } }));
}

/**
 * Notes a successful sign-in (or a password reset, which proves the mailbox) from this browser;
 * returns the Set-Cookie value that keeps or gives it its device id.
 */
export async function rememberDevice(deviceId: string | null, userId: unknown): Promise<string> {
  const id = deviceId ?? randomToken();
  const now = clockNow();
  const update = () =>
    KnownDeviceModel.updateOne(
      { idHash: hashToken(id), userId },
      { $set: { lastSignInAt: now, expiresAt: new Date(now.getTime() + KNOWN_FOR_DAYS * 24 * 60 * 60_000) } },
      { upsert: true },
    );
  // Two sign-ins from one browser at the same moment both try to insert; the second finds the first.
  await update().catch((error: unknown) => {
    if (isDuplicateKeyError(error)) return update();
    throw error;
  });
  if (Math.random() < 0.02) void KnownDeviceModel.deleteMany({ expiresAt: { $lt: now } }).catch(() => {});
  return deviceCookie().serialize(id);
}

/** After "sign out everywhere": no browser but `except` counts as known for this account any more. */
export async function forgetDevices(userId: unknown, except: string | null = null): Promise<void> {
  await KnownDeviceModel.deleteMany({ userId, ...(except ? { idHash: { $ne: hashToken(except) } } : {}) });
}
