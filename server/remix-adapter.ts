// Hands an Express request to Remix. Unlike @remix-run/express, the body is read to its end,
// within a byte limit, before any loader or action runs: a body larger than the limit (declared
// or not, chunked or not) is refused with 413, and a route that answers without reading the
// body can no longer leave its unread rest on a kept-alive connection for the next request.
import { createRequestHandler, writeReadableStreamToWritable, type AppLoadContext, type ServerBuild } from "@remix-run/node";
import type { NextFunction, Request, Response } from "express";

export class RequestRefused extends Error {
  constructor(
    public readonly status: number,
    reason: string,
  ) {
    super(reason);
  }
}

function readBody(req: Request, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let length = 0;
    const fail = (error: Error) => {
      req.off("data", onData);
      req.pause();
      reject(error);
    };
    const onData = (chunk: Buffer) => {
      length += chunk.length;
      if (length > limit) return fail(new RequestRefused(413, "body too large"));
      chunks.push(chunk);
    };
    req.on("data", onData);
    req.once("end", () => resolve(Buffer.concat(chunks, length)));
    req.once("error", () => fail(new RequestRefused(400, "body not readable")));
  });
}

function urlOf(req: Request): string {
  // As Remix's own adapter does: the host from the Host header (req.hostname honours trust
  // proxy), the path exactly as the client sent it.
  const port = Number.parseInt(req.get("host")?.split(":")[1] ?? "", 10);
  const url = `${req.protocol}://${req.hostname}${Number.isSafeInteger(port) ? `:${port}` : ""}${req.originalUrl}`;
  try {
    return new URL(url).href;
  } catch {
    throw new RequestRefused(400, "unreadable host or path");
  }
}

function headersOf(req: Request): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    for (const one of Array.isArray(value) ? value : [value]) headers.append(name, one);
  }
  return headers;
}

export function remixRequestHandler(options: {
  build: ServerBuild;
  getLoadContext: (req: Request, res: Response) => AppLoadContext;
  bodyLimit: (req: Request) => number;
  /** Headers that replace the route's own, e.g. what a signed-in request's answer may be kept as. */
  overridingHeaders?: (req: Request) => Record<string, string> | null;
}) {
  // Remix's development mode sends error messages and stacks to the browser. The portal is
  // served from a build in every mode, so errors are always handled as in production.
  const handleRequest = createRequestHandler(options.build, "production");
  return async (req: Request, res: Response, next: NextFunction) => {
    let request: globalThis.Request;
    try {
      const body = await readBody(req, options.bodyLimit(req));
      const controller = new AbortController();
      res.on("close", () => {
        if (!res.writableFinished) controller.abort();
      });
      const hasBody = req.method !== "GET" && req.method !== "HEAD";
      request = new Request(urlOf(req), { method: req.method, headers: headersOf(req), body: hasBody ? (body.buffer.slice(body.byteOffset, body.byteOffset + body.byteLength) as ArrayBuffer) : undefined, signal: controller.signal });
    } catch (error) {
      return next(error);
    }
    try {
      const response = await handleRequest(request, options.getLoadContext(req, res));
      res.statusMessage = response.statusText;
      res.status(response.status);
      for (const [name, value] of response.headers.entries()) res.append(name, value);
      const overriding = options.overridingHeaders?.(req);
      if (overriding) res.set(overriding);
      if (response.body) await writeReadableStreamToWritable(response.body, res);
      else res.end();
    } catch (error) {
      next(error);
    }
  };
}
