import type { AppLoadContext, EntryContext } from "@remix-run/node";
import { isRouteErrorResponse, RemixServer } from "@remix-run/react";
import { renderPage } from "~/ui/html-stream.server.ts";
import { NonceProvider } from "~/ui/nonce.tsx";

const ABORT_DELAY = 5_000;
export const streamTimeout = ABORT_DELAY;

export default async function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const nonce = loadContext.cspNonce ?? "";
  const { html, failed } = await renderPage(
    <NonceProvider value={nonce}>
      <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={nonce} />
    </NonceProvider>,
    { nonce, timeoutMs: ABORT_DELAY },
  );
  responseHeaders.set("Content-Type", "text/html; charset=utf-8");
  responseHeaders.set("Content-Length", String(html.byteLength));
  return new Response(new Uint8Array(html.buffer as ArrayBuffer, html.byteOffset, html.byteLength), { headers: responseHeaders, status: failed ? 500 : responseStatusCode });
}

export function handleError(error: unknown, { request }: { request: Request }) {
  if (request.signal.aborted) return;
  // Remix's own warning for an old-style ?_data request (a stale tab, a crawler): one line, no stack.
  if (error instanceof Error && error.message.startsWith("Warning: Single fetch-enabled apps should not be making ?_data requests")) {
    console.warn(`old ?_data request ${request.method} ${new URL(request.url).pathname.slice(0, 200)}`);
    return;
  }
  // An expected refusal (4xx) is one line; only real failures are logged with their stack.
  if (isRouteErrorResponse(error) && error.status < 500) {
    console.warn(`refused ${request.method} ${new URL(request.url).pathname.slice(0, 200)}: ${error.status} ${error.statusText}`);
    return;
  }
  console.error(error);
}
