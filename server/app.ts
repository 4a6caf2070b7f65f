import { randomBytes } from "node:crypto";
import { readdirSync } from "node:fs";
import type { ServerBuild } from "@remix-run/node";
import compression from "compression";
import express, { type NextFunction, type Request, type Response } from "express";
import helmet from "helmet";
import morgan from "morgan";
import { checkHealth, type EmbeddedServiceState, type ServiceName } from "~/health.server.ts";
import { IMPORT_MAX_BYTES } from "~/import/read-file.server.ts";
import { safeRedirectTarget } from "~/security/safe-redirect.ts";
import { STORY_PHOTO_MAX_BYTES } from "~/stories/vocabulary.ts";
import { crossSiteTexts, languageSourceOf, renderErrorPage, stylesheetOf } from "./error-page.ts";
import { withPortalErrorPages } from "./resource-errors.ts";
import { remixRequestHandler } from "./remix-adapter.ts";
import { pageHandles } from "./page-handles.ts";
import { routeMatcher, routeMethods } from "./route-methods.ts";

const SAFE_METHODS = new Set(["GET", "HEAD"]);
const MAX_BODY_BYTES = 2 * 1024 * 1024;

/**
 * Cross-site request forgery: session cookies are SameSite=Lax, and every state-changing request
 * whose browser says it came from another site is refused (see docs/decisions/002-csrf.md).
 */
type Refuse = (req: Request, res: Response, status: number, reason: string, texts?: [string, string]) => void;

export function rejectCrossSiteWrites(allowedOrigins: string[], refuse: Refuse) {
  return (req: Request, res: Response, next: NextFunction) => {
    if (SAFE_METHODS.has(req.method)) return next();
    const origin = req.get("origin");
    const ownOrigin = `${req.protocol}://${req.get("host")}`;
    const fetchSite = req.get("sec-fetch-site");
    const originOk = !origin || origin === ownOrigin || allowedOrigins.includes(origin);
    const siteOk = !fetchSite || fetchSite === "same-origin" || fetchSite === "none";
    if (originOk && siteOk) return next();
    refuse(req, res, 403, "form from another site", crossSiteTexts);
  };
}

/**
 * A method the URL's route does not serve is refused here, before any loader or action runs:
 * GET and HEAD everywhere, POST only where the route has an action.
 */
function allowOnlyServedMethods(build: ServerBuild, matchesOf: ReturnType<typeof routeMatcher>, refuse: Refuse) {
  const allowedMethods = routeMethods(build, matchesOf);
  return (req: Request, res: Response, next: NextFunction) => {
    const url = new URL(req.originalUrl, "http://portal.invalid");
    const allowed = allowedMethods(url.pathname, url.searchParams);
    if (allowed.includes(req.method)) return next();
    res.set("Allow", allowed.join(", "));
    refuse(req, res, 405, `${req.method} not served`);
  };
}

const IMPORT_PATH = /^\/(coordinator|mentor|employer)\/import$/;
// The file plus the form's other fields and multipart boundaries.
const MAX_IMPORT_BODY_BYTES = IMPORT_MAX_BYTES + 64 * 1024;

// A story's editor may carry a photo.
const STORY_EDITOR_PATH = /^\/mentor\/stories\/(new|[a-f0-9]{24})$/;
// A phone's photo is often larger than the limit: up to four times it, the editor's form reads it to
// its end and answers with its own message, the texts kept; only a larger body is refused outright.
const MAX_STORY_BODY_BYTES = 4 * STORY_PHOTO_MAX_BYTES + 64 * 1024;

function bodyLimitOf(req: Request): number {
  if (req.method !== "POST") return MAX_BODY_BYTES;
  if (IMPORT_PATH.test(req.path)) return MAX_IMPORT_BODY_BYTES;
  return STORY_EDITOR_PATH.test(req.path) ? MAX_STORY_BODY_BYTES : MAX_BODY_BYTES;
}

function limitBodySize(refuse: Refuse) {
  return (req: Request, res: Response, next: NextFunction) => {
    const length = Number(req.get("content-length") ?? 0);
    if (req.method === "POST" && IMPORT_PATH.test(req.path)) {
      if (length <= MAX_IMPORT_BODY_BYTES) return next();
      // Read and drop the upload, so the browser shows the page instead of a broken connection.
      req.resume();
      req.on("end", () => res.redirect(303, safeRedirectTarget(`${req.path}?error=tooLarge`, "/")));
      return;
    }
    if (length > bodyLimitOf(req)) return refuse(req, res, 413, "body too large");
    next();
  };
}

/**
 * Answers a refused request once its body is read and dropped, so that the browser sees the
 * answer and the connection stays usable. A body larger than any form may send is not read: the
 * connection is closed after the answer instead.
 */
function afterBody(req: Request, res: Response, answer: () => void) {
  if (req.complete || req.readableEnded) return answer();
  let answered = false;
  const once = () => {
    if (answered) return;
    answered = true;
    answer();
  };
  if (Number(req.get("content-length") ?? 0) > MAX_BODY_BYTES) {
    res.set("Connection", "close");
    return once();
  }
  let read = 0;
  req.on("data", (chunk: Buffer) => {
    read += chunk.length;
    if (read <= MAX_BODY_BYTES) return;
    res.set("Connection", "close");
    req.pause();
    once();
  });
  req.on("end", once);
  req.on("error", once);
  req.resume();
}

/**
 * A URL as the log writes it: an address that is itself a secret (a calendar feed, a story's
 * decision link, an alert's unsubscribe link) or carries one (?token=: a download, a password
 * reset) is not written down.
 */
export function loggedUrl(url: string): string {
  return url
    .replace(/^\/(calendar|stories\/decide|alerts\/unsubscribe)\/[^/?#]+/, "/$1/[secret]")
    .replace(/([?&]token=)[^&#]*/gi, "$1[secret]");
}

const SESSION_COOKIE = /(?:^|;\s*)portal_session=[^;\s]/;

/**
 * Nothing answered to a signed-in request is kept by the browser or a proxy: on a shared PC,
 * Back after signing out must not show the last person's pages (the sign-out's own answer included).
 */
function notKeptWhenSignedIn(req: Request): Record<string, string> | null {
  return SESSION_COOKIE.test(req.get("cookie") ?? "") ? { "Cache-Control": "private, no-store" } : null;
}

/** Expected refusals are one line in the log; anything else is logged whole, never shown. */
function logRefusal(req: Request, status: number, reason: string) {
  console.warn(`refused ${req.method} ${loggedUrl(req.path).slice(0, 200)}: ${status} ${reason}`);
}

export function createPortalApp(options: {
  build: ServerBuild;
  mode: string;
  logRequests: boolean;
  publicUrl?: string;
  /** Express's "trust proxy": which proxies may name the client's address; false trusts none. */
  trustProxy?: false | number | string[];
  /** The supervision state of the services this process started itself. */
  embeddedServices?: () => (EmbeddedServiceState & { serves: ServiceName })[];
}) {
  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", options.trustProxy ?? false);
  // Not only from 1 KB (the default): a page loads a dozen script chunks of 0.3–1 KB, which gzip halves.
  app.use(compression({ threshold: 256 }));
  app.use((_req, res, next) => {
    res.locals.cspNonce = randomBytes(16).toString("base64");
    next();
  });
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'", (_req, res) => `'nonce-${(res as Response).locals.cspNonce}'`],
          styleSrc: ["'self'"],
          imgSrc: ["'self'", "data:"],
          connectSrc: ["'self'"],
          formAction: ["'self'"],
          frameAncestors: ["'none'"],
          baseUri: ["'self'"],
          objectSrc: ["'none'"],
          // Served over plain http on localhost in development; the proxy in front adds TLS in production.
          upgradeInsecureRequests: null,
        },
      },
      strictTransportSecurity: options.mode === "production",
      referrerPolicy: { policy: "same-origin" },
    }),
  );
  if (options.logRequests) {
    morgan.token<Request, Response>("logged-url", (req) => loggedUrl(req.originalUrl));
    app.use(morgan(":method :logged-url :status :res[content-length] - :response-time ms"));
  }

  app.get("/healthz", async (_req, res) => {
    const embedded = Object.fromEntries(
      (options.embeddedServices?.() ?? []).map(({ serves, state, restarts, lastRestartAt }) => [serves, { state, restarts, lastRestartAt }]),
    );
    const report = await checkHealth({ embedded });
    res
      .status(report.status === "ok" ? 200 : 503)
      .set("Cache-Control", "no-store")
      .json(report);
  });

  const stylesheet = stylesheetOf(options.build);
  const refuse: Refuse = (req, res, status, reason, texts) => {
    logRefusal(req, status, reason);
    afterBody(req, res, () =>
      void renderErrorPage(languageSourceOf(req), status, stylesheet, texts).then((html) => res.status(status).type("html").set("Cache-Control", "no-store").send(html)),
    );
  };

  app.use("/build", express.static("public/build", { immutable: true, maxAge: "1y" }));
  // Only the files public/ holds at start are looked for there: a page's path costs no file lookup.
  const publicFiles = new Set(readdirSync("public", { withFileTypes: true }).filter((entry) => entry.isFile()).map((entry) => `/${entry.name}`));
  const servePublic = express.static("public", { maxAge: "1h" });
  app.use((req, res, next) => (publicFiles.has(req.path) ? servePublic(req, res, next) : next()));
  const matchesOf = routeMatcher(options.build);
  app.use(allowOnlyServedMethods(options.build, matchesOf, refuse));
  app.use(rejectCrossSiteWrites(options.publicUrl ? [new URL(options.publicUrl).origin] : [], refuse));
  app.use(limitBodySize(refuse));
  const handlesOf = pageHandles(options.build, matchesOf);
  app.all(
    "*",
    remixRequestHandler({
      build: withPortalErrorPages(options.build, stylesheet),
      getLoadContext: (req, res) => ({ cspNonce: res.locals.cspNonce as string, clientAddress: req.ip ?? "unknown", pageHandles: handlesOf(req.path) }),
      bodyLimit: bodyLimitOf,
      overridingHeaders: notKeptWhenSignedIn,
    }),
  );
  // Errors before Remix (a URL that cannot be decoded, a broken body) or outside it.
  app.use((error: unknown, req: Request, res: Response, next: NextFunction) => {
    if (res.headersSent) return next(error);
    const status = typeof (error as { status?: unknown }).status === "number" ? (error as { status: number }).status : 500;
    if (status >= 500) console.error(error);
    refuse(req, res, status >= 400 && status < 600 ? status : 500, error instanceof Error ? error.message.slice(0, 200) : "error");
  });
  return app;
}
