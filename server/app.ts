import { randomBytes } from "node:crypto";
import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import compression from "compression";
import express, { type NextFunction, type Request, type Response } from "express";
import helmet from "helmet";
import morgan from "morgan";
import { checkHealth, type EmbeddedServiceState, type ServiceName } from "~/health.server.ts";
import { IMPORT_MAX_BYTES } from "~/import/read-file.server.ts";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);
const ALLOWED_METHODS = new Set([...SAFE_METHODS, "POST"]);
const MAX_BODY_BYTES = 2 * 1024 * 1024;

/**
 * Cross-site request forgery: session cookies are SameSite=Lax, and every state-changing request
 * whose browser says it came from another site is refused (see docs/decisions/002-csrf.md).
 */
export function rejectCrossSiteWrites(allowedOrigins: string[]) {
  return (req: Request, res: Response, next: NextFunction) => {
    if (SAFE_METHODS.has(req.method)) return next();
    const origin = req.get("origin");
    const ownOrigin = `${req.protocol}://${req.get("host")}`;
    const fetchSite = req.get("sec-fetch-site");
    const originOk = !origin || origin === ownOrigin || allowedOrigins.includes(origin);
    const siteOk = !fetchSite || fetchSite === "same-origin" || fetchSite === "none";
    if (originOk && siteOk) return next();
    res.status(403).type("text/plain").send("Cross-site form submissions are not accepted.");
  };
}

/** Every form of the portal posts; other methods never reach a route. */
function allowOnlyFormMethods(req: Request, res: Response, next: NextFunction) {
  if (ALLOWED_METHODS.has(req.method)) return next();
  res.status(405).set("Allow", [...ALLOWED_METHODS].join(", ")).type("text/plain").send("Method not allowed.");
}

const IMPORT_PATH = /^\/(coordinator|mentor|employer)\/import$/;
// The file plus the form's other fields and multipart boundaries.
const MAX_IMPORT_BODY_BYTES = IMPORT_MAX_BYTES + 64 * 1024;

function limitBodySize(req: Request, res: Response, next: NextFunction) {
  const length = Number(req.get("content-length") ?? 0);
  if (req.method === "POST" && IMPORT_PATH.test(req.path)) {
    if (length <= MAX_IMPORT_BODY_BYTES) return next();
    // Read and drop the upload, so the browser shows the page instead of a broken connection.
    req.resume();
    req.on("end", () => res.redirect(303, `${req.path}?error=tooLarge`));
    return;
  }
  if (length > MAX_BODY_BYTES) {
    res.status(413).type("text/plain").send("The request is too large.");
    return;
  }
  next();
}

export function createPortalApp(options: {
  build: ServerBuild;
  mode: string;
  logRequests: boolean;
  publicUrl?: string;
  /** The supervision state of the services this process started itself. */
  embeddedServices?: () => (EmbeddedServiceState & { serves: ServiceName })[];
}) {
  const app = express();
  app.disable("x-powered-by");
  app.use(compression());
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
  if (options.logRequests) app.use(morgan(":method :url :status :res[content-length] - :response-time ms"));

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

  app.use("/build", express.static("public/build", { immutable: true, maxAge: "1y" }));
  app.use(express.static("public", { maxAge: "1h" }));
  app.use(allowOnlyFormMethods);
  app.use(rejectCrossSiteWrites(options.publicUrl ? [new URL(options.publicUrl).origin] : []));
  app.use(limitBodySize);
  app.all(
    "*",
    createRequestHandler({
      build: options.build,
      mode: options.mode,
      getLoadContext: (req, res) => ({ cspNonce: res.locals.cspNonce as string, clientAddress: req.ip ?? "unknown" }),
    }),
  );
  return app;
}
