import { Meilisearch, MeilisearchError } from "meilisearch";
import { getEnv } from "~/env.server.ts";
import { meilisearchHttpClient } from "./http-client.server.ts";

let client: Meilisearch | undefined;

/** The one place that talks to Meilisearch. */
export function getSearchClient(): Meilisearch {
  client ??= new Meilisearch({
    host: getEnv().MEILI_HOST,
    apiKey: getEnv().MEILI_MASTER_KEY,
    timeout: 3000,
    // Meilisearch streams compressed answers in small chunks; with Nagle on its side and delayed
    // ACKs on ours every search of more than a few hits waited 40 ms. Uncompressed: about 2 ms.
    requestInit: { headers: { "Accept-Encoding": "identity" } },
    httpClient: meilisearchHttpClient,
  });
  return client;
}

export async function pingSearch(timeoutMs = 2000): Promise<void> {
  const response = await fetch(new URL("/health", getEnv().MEILI_HOST), { signal: AbortSignal.timeout(timeoutMs) });
  if (!response.ok) throw new Error(`Meilisearch answered ${response.status}`);
}

/**
 * Whether an error came from Meilisearch or the way to it: not running, too slow, failing, or
 * refusing the request (an index not built yet, or settings not yet those this version asks for
 * during an upgrade). Callers answer those with a notice or a fallback; any other error is the
 * portal's own fault and goes to the error page, not hidden behind "search unavailable".
 */
export function isSearchUnavailable(error: unknown): boolean {
  return error instanceof MeilisearchError;
}
