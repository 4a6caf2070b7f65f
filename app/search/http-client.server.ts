import http from "node:http";
import https from "node:https";
import { MeilisearchApiError } from "meilisearch";

// Node's fetch cost a search page more than twice what the request itself does (a Request, a
// Response and web streams for each; about 12 % of the page's server time in a profile). The
// search client sends its requests through node:http instead, over kept-alive connections.
const agents = { "http:": new http.Agent({ keepAlive: true }), "https:": new https.Agent({ keepAlive: true }) };

const headersOf = new WeakMap<object, Record<string, string>>();

/** The client passes the same Headers object to most requests: read it once. */
function plainHeaders(headers: HeadersInit | undefined): Record<string, string> {
  if (headers && typeof headers === "object") {
    const known = headersOf.get(headers);
    if (known) return known;
  }
  const plain: Record<string, string> = {};
  new Headers(headers).forEach((value, name) => (plain[name] = value));
  if (headers && typeof headers === "object") headersOf.set(headers, plain);
  return plain;
}

/**
 * For the client's `httpClient` option: resolves with the parsed answer, as the client does with
 * fetch. The client wraps whatever this throws in a MeilisearchRequestError whose cause is it; a
 * refusal by Meilisearch is therefore a MeilisearchApiError that also carries Meilisearch's error
 * code as `code`, so that `error.cause.code` reads as it did (index_not_found and the like). A
 * timeout rejects with the client's own abort reason, which it recognises.
 */
export function meilisearchHttpClient(input: RequestInfo | URL, init: RequestInit = {}): Promise<unknown> {
  const url = new URL(input instanceof Request ? input.url : input);
  const body = init.body;
  if ((body !== undefined && body !== null && typeof body !== "string") || !(url.protocol in agents)) return viaFetch(url, init);
  return send(url, init, body ?? undefined, true);
}

function send(url: URL, init: RequestInit, body: string | undefined, mayRetry: boolean): Promise<unknown> {
  const signal = init.signal ?? undefined;
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const headers = { ...plainHeaders(init.headers) };
    if (body !== undefined) headers["content-length"] = String(Buffer.byteLength(body));
    const protocol = url.protocol as keyof typeof agents;
    const request = (protocol === "https:" ? https : http).request(url, { method: init.method ?? "GET", headers, agent: agents[protocol] }, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("error", fail);
      response.on("end", () => {
        done();
        const status = response.statusCode ?? 0;
        const text = Buffer.concat(chunks).toString("utf8");
        let parsed: unknown;
        try {
          parsed = text === "" ? undefined : JSON.parse(text);
        } catch (error) {
          return reject(error);
        }
        if (status >= 200 && status < 300) resolve(parsed);
        else reject(apiError(status, response.statusMessage ?? "", parsed));
      });
    });
    const onAbort = () => {
      request.destroy();
      reject(signal!.reason);
    };
    signal?.addEventListener("abort", onAbort, { once: true });
    const done = () => signal?.removeEventListener("abort", onAbort);
    function fail(error: Error) {
      done();
      if (signal?.aborted) return reject(signal.reason);
      // A kept-alive connection that Meilisearch closed as it was reused: once more, on a new one.
      if (mayRetry && request.reusedSocket && (error as NodeJS.ErrnoException).code === "ECONNRESET") {
        send(url, init, body, false).then(resolve, reject);
        return;
      }
      reject(error);
    }
    request.on("error", fail);
    request.end(body);
  });
}

function apiError(status: number, statusText: string, body: unknown) {
  const error = new MeilisearchApiError(new Response(null, { status, statusText }), body as ConstructorParameters<typeof MeilisearchApiError>[1]);
  return Object.assign(error, { code: (body as { code?: unknown } | undefined)?.code });
}

/** What the client does itself, for the rare request whose body is not text. */
async function viaFetch(url: URL, init: RequestInit): Promise<unknown> {
  const response = await fetch(url, init);
  const text = await response.text();
  const parsed: unknown = text === "" ? undefined : JSON.parse(text);
  if (!response.ok) throw apiError(response.status, response.statusText, parsed);
  return parsed;
}
