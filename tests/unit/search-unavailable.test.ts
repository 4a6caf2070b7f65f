import { Meilisearch } from "meilisearch";
import { describe, expect, it } from "vitest";
import { isSearchUnavailable } from "~/search/client.server.ts";
import { meilisearchHttpClient } from "~/search/http-client.server.ts";

// Which failures the search page falls back on and the matches page answers with its notice.
describe("isSearchUnavailable", () => {
  it("is true for a Meilisearch that does not answer, through the portal's own HTTP client", async () => {
    const nobodyListening = new Meilisearch({ host: "http://127.0.0.1:9", timeout: 2000, httpClient: meilisearchHttpClient });
    const error = await nobodyListening.index("placements").search("kuhinja").then(() => null, (e: unknown) => e);
    expect(error).not.toBeNull();
    expect(isSearchUnavailable(error)).toBe(true);
  });

  it("is false for a fault in the portal's own code, which must reach the error page instead", () => {
    expect(isSearchUnavailable(new TypeError("Cannot read properties of undefined (reading 'distanceKm')"))).toBe(false);
    expect(isSearchUnavailable(new RangeError("Invalid time value"))).toBe(false);
    expect(isSearchUnavailable("a string thrown")).toBe(false);
    expect(isSearchUnavailable(undefined)).toBe(false);
  });
});
