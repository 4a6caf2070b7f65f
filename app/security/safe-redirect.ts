// The one decision on where the portal may send a browser: every redirect passes through here.
const OWN_ORIGIN = "http://portal.invalid";
const MAX_TARGET_LENGTH = 2048;
// Control characters and backslashes: browsers strip or reinterpret them, so "/\t/evil.example"
// or "/\\evil.example" can become another site; a header cannot carry them either.
// eslint-disable-next-line no-control-regex
const UNSAFE_CHARACTERS = /[\u0000-\u001f\u007f\\]/;

/**
 * A path on this portal, normalised and percent-encoded, or the fallback. The target is parsed
 * as a URL against the portal's own origin and kept only when it stays on that origin; the
 * result is safe to put in a Location header.
 */
export function safeRedirectTarget(target: unknown, fallback: string): string {
  if (typeof target !== "string" || target.length === 0 || target.length > MAX_TARGET_LENGTH) return fallback;
  if (!target.startsWith("/") || UNSAFE_CHARACTERS.test(target)) return fallback;
  let url: URL;
  try {
    url = new URL(target, OWN_ORIGIN);
  } catch {
    return fallback;
  }
  if (url.origin !== OWN_ORIGIN) return fallback;
  const path = `${url.pathname}${url.search}${url.hash}`;
  // "/.//evil.example" normalises to "//evil.example", which a browser reads as another host.
  if (path.startsWith("//")) return fallback;
  return path;
}
