import { createHmac, timingSafeEqual } from "node:crypto";
import { getEnv } from "~/env.server.ts";

// Keys for one purpose each, derived from DATA_ENCRYPTION_KEY (HMAC-SHA256 of the purpose's name):
// the data key itself never signs or hashes anything else, and one purpose's key tells nothing
// about another's.

function derivedKey(purpose: string): Buffer {
  const configured = getEnv().DATA_ENCRYPTION_KEY;
  if (!configured) throw new Error("DATA_ENCRYPTION_KEY is not set");
  return createHmac("sha256", Buffer.from(configured, "base64")).update(`placement-portal:${purpose}`).digest();
}

/**
 * A participant's pseudonym in files that leave the portal: the same for the same mentee in every
 * export for the same purpose (a funder can follow a person from one file to the next), another for
 * another purpose (a file with names, for an audit, cannot be joined to the statistics files), and
 * not reversible without the key.
 */
export function participantPseudonym(menteeId: string, purpose: string): string {
  return `P-${createHmac("sha256", derivedKey(`participant-pseudonym:${purpose}`)).update(menteeId).digest("hex").slice(0, 20)}`;
}

/** A small payload with its signature, for a link the portal hands out and takes back (base64url). */
export function signedToken(purpose: string, payload: unknown): string {
  const body = Buffer.from(JSON.stringify(payload)).toString("base64url");
  const signature = createHmac("sha256", derivedKey(purpose)).update(body).digest("base64url");
  return `${body}.${signature}`;
}

/** The payload of a token signed for this purpose, or null when it was not (changed, cut, made up). */
export function openSignedToken(purpose: string, token: string): unknown {
  const [body, signature, extra] = token.split(".");
  if (!body || !signature || extra !== undefined || token.length > 2000) return null;
  const expected = createHmac("sha256", derivedKey(purpose)).update(body).digest();
  const given = Buffer.from(signature, "base64url");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  try {
    return JSON.parse(Buffer.from(body, "base64url").toString("utf8")) as unknown;
  } catch {
    return null;
  }
}

/** A keyed hash for one purpose (hex): equal inputs give equal hashes, and the input cannot be guessed back without the key. */
export function keyedHash(purpose: string, value: string): string {
  return createHmac("sha256", derivedKey(`keyed-hash:${purpose}`)).update(value).digest("hex");
}
