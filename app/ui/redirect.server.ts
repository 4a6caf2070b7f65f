import { redirect as remixRedirect } from "@remix-run/node";
import { safeRedirectTarget } from "~/security/safe-redirect.ts";

/**
 * The portal's only redirect: the target always passes safeRedirectTarget, so a target built
 * from request input can neither leave the site nor break the Location header.
 */
export function redirect(target: string, init?: number | ResponseInit, fallback = "/"): Response {
  return remixRedirect(safeRedirectTarget(target, fallback), init);
}
