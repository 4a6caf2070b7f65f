import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { changedCollections, databaseDigest, everyone, INTERNALS, portalRoutes, requestAs, seededPortal, type Fixtures, type Person, type PortalRoute } from "../support/routes.ts";

// Every route's loader and action, as every kind of person, with hostile values: huge strings,
// NUL and control characters, arrays for scalars, wrong content types, invalid ids, filter
// syntax, broken multipart. A fixed seed and a bounded number of runs keep it repeatable and
// quick. For every answer: no 5xx, nothing internal in the body, no unescaped markup from the
// request in a page, and nothing written to the database when the answer was a 4xx.

const SEED = 20261130;
// Every route × person × method once, then this many more drawn at random.
const RANDOM_RUNS = 200;
const XSS = '<script>alert("fz")</script>';

let f: Fixtures;
let routes: PortalRoute[];
let fieldNames: string[];

// Names every form and query string of the portal uses, found on its pages, plus a few of our own.
const knownNames = ["q", "kind", "sector", "support", "town", "country", "radius", "sort", "page", "format", "redirectTo", "token", "email", "password", "notice", "intent", "language", "relax", "status", "to", "reason", "fields", "note", "answer", "at", "place", "confirm", "mentorId", "placementId", "proposalId", "dryRun", "allOrNothing", "file", "key", "lng", "index", "from", "scope", "figure", "mentee", "storyId", "decision", "cadence", "since", "_data", "__proto__", "constructor"];

beforeAll(async () => {
  [f, routes] = await Promise.all([seededPortal(), portalRoutes()]);
  const names = new Set(knownNames);
  for (const route of routes.filter((r) => r.hasPage)) {
    for (const who of everyone) {
      const response = await requestAs(f, who, concretePath(route.pattern, null));
      const html = response.headers.get("content-type")?.includes("text/html") ? await response.text() : "";
      for (const [, name] of html.matchAll(/\sname="([^"]{1,60})"/g)) names.add(name);
    }
  }
  fieldNames = [...names].sort();
}, 180_000);
afterAll(async () => f?.portal.stop());

/** The record each kind of URL is about, so that most requests reach the code behind the id check. */
function concretePath(pattern: string, idSegment: string | null): string {
  const id = (() => {
    if (idSegment !== null) return idSegment;
    if (pattern.startsWith("/mentor/mentees") || pattern.startsWith("/coordinator/mentees")) return f.ana;
    if (pattern.startsWith("/employer/placements")) return f.ownPlacement;
    if (pattern.startsWith("/placements")) return f.publishedPlacement;
    if (pattern.startsWith("/me/consents")) return f.proposedIntroduction;
    if (pattern.startsWith("/mentor/stories")) return f.anaStory;
    if (pattern.startsWith("/stories/decide")) return f.storyDecisionLink.split("/").pop()!;
    if (pattern.startsWith("/alerts/unsubscribe")) return f.alertUnsubscribeLink.split("/").pop()!;
    if (pattern.startsWith("/coordinator/reports")) return f.outcomeReport;
    if (pattern.startsWith("/mentor/stories")) return f.story;
    return f.consentedIntroduction;
  })();
  return pattern.replace(/:\w+/g, id).replace("*", "no/such/page");
}

const nasties = [
  "",
  " ",
  "\u0000",
  "a\u0000b",
  "\r\nSet-Cookie: a=b",
  "\u001b[31m",
  "\u2028\u2029",
  "\ud800",
  "%00",
  "%FF",
  "../../../../etc/passwd",
  XSS,
  '" onmouseover="alert(1)',
  "' OR '1'='1",
  '" OR 1=1 --',
  'kind = "job" OR 1=1',
  "_geoRadius(45.8, 15.9, 99999999)",
  "support IN [a] OR NOT support EXISTS",
  '{"$gt": ""}',
  '{"$where": "sleep(1000)"}',
  "[$ne]",
  "000000000000000000000000",
  "ffffffffffffffffffffffff",
  "zzzzzzzzzzzzzzzzzzzzzzzz",
  "-1",
  "1e309",
  "NaN",
  "Infinity",
  "99999999999999999999999",
  "2026-02-30",
  "true",
  "null",
  "undefined",
  "[]",
  "{}",
  "中文字符",
  "\u202egnp.exe",
  "javascript:alert(1)",
  "//evil.example",
  "=HYPERLINK(\"http://evil.example\")",
];

const hostileValue = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...nasties) },
  { weight: 2, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: "binary", maxLength: 40 }) },
  { weight: 1, arbitrary: fc.integer().map(String) },
  { weight: 1, arbitrary: fc.double().map(String) },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 5 }).map((n) => "x".repeat(10 ** n)) },
);

const idSegment = fc.oneof(
  { weight: 3, arbitrary: fc.constant(null) },
  { weight: 1, arbitrary: hostileValue.map((v) => encodeURIComponent(v).slice(0, 2000) || "x") },
  { weight: 1, arbitrary: fc.constantFrom("%FF", "%00", "%2e%2e%2f%2e%2e", "000000000000000000000000", "%E0%A4%A", "a%20b") },
);

type BodyKind = "urlencoded" | "multipart" | "json" | "text" | "brokenMultipart" | "none";

const payloadArbitrary = () =>
  fc.record({
    id: idSegment,
    // Within the 16 KB that Node allows for a request's head; a longer one is refused by Node
    // itself with 431 before the portal sees it.
    query: fc.array(fc.tuple(fc.constantFrom(...fieldNames), hostileValue.map((v) => v.slice(0, 1000))), { maxLength: 5 }),
    body: fc.array(fc.tuple(fc.constantFrom(...fieldNames), hostileValue), { maxLength: 12 }),
    bodyKind: fc.constantFrom<BodyKind>("urlencoded", "urlencoded", "urlencoded", "multipart", "json", "text", "brokenMultipart", "none"),
  });

const requestArbitrary = () =>
  fc
    .record({ who: fc.constantFrom(...everyone), route: fc.constantFrom(...routes), method: fc.constantFrom("GET", "GET", "POST", "POST", "HEAD") })
    .chain((target) => payloadArbitrary().map((payload) => ({ ...target, ...payload })));

type FuzzRequest = ReturnType<typeof requestArbitrary> extends fc.Arbitrary<infer T> ? T : never;

/** One request for every route × person × method, each with its own hostile payload. */
function everyCombination(): [FuzzRequest][] {
  const targets = routes.flatMap((route) => everyone.flatMap((who) => (["GET", "POST"] as const).map((method) => ({ route, who, method }))));
  const payloads = fc.sample(payloadArbitrary(), { seed: SEED, numRuns: targets.length });
  return targets.map((target, i) => [{ ...target, ...payloads[i] }]);
}

function bodyOf(request: FuzzRequest): { body?: BodyInit; contentType?: string } {
  const pairs = request.body;
  switch (request.bodyKind) {
    case "urlencoded": {
      const form = new URLSearchParams();
      for (const [name, value] of pairs) form.append(name, value);
      return { body: form, contentType: "application/x-www-form-urlencoded" };
    }
    case "multipart": {
      const form = new FormData();
      pairs.forEach(([name, value], i) => (i % 3 === 2 ? form.append(name, new Blob([value]), "x.csv") : form.append(name, value)));
      return { body: form };
    }
    case "json":
      return { body: JSON.stringify(Object.fromEntries(pairs)), contentType: "application/json" };
    case "text":
      return { body: pairs.map(([n, v]) => `${n}=${v}`).join("\n"), contentType: "text/plain" };
    case "brokenMultipart":
      return { body: `--zz\r\nContent-Disposition: form-data; name="${pairs[0]?.[0] ?? "a"}"\r\n\r\n${pairs[0]?.[1] ?? ""}`, contentType: "multipart/form-data; boundary=zz" };
    case "none":
      return {};
  }
}

function describeRequest(r: FuzzRequest, path: string) {
  return `${r.method} ${path.slice(0, 200)} as ${r.who} (${r.bodyKind}: ${JSON.stringify(r.body).slice(0, 300)})`;
}

describe("every route, every person, hostile input", () => {
  it("never answers 5xx, never shows internals or unescaped markup, and writes nothing when it refuses", async () => {
    const examples = everyCombination();
    let digest = await databaseDigest();
    let requests = 0;
    const statuses = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(requestArbitrary(), async (request) => {
        // Signing out would end the session the rest of the run uses.
        if (request.route.id === "routes/_auth+/logout" && request.method === "POST") return;
        const query = new URLSearchParams(request.query.map(([n, v]) => [n, v]));
        const path = `${concretePath(request.route.pattern, request.id)}${request.query.length ? `?${query}` : ""}`;
        const { body, contentType } = request.method === "POST" ? bodyOf(request) : {};
        const headers: Record<string, string> = {};
        if (contentType) headers["Content-Type"] = contentType;
        const response = await requestAs(f, request.who as Person, path, { method: request.method, body, headers });
        const text = await response.text();
        requests++;
        statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
        const what = describeRequest(request, path);
        expect(response.status, what).toBeLessThan(500);
        for (const pattern of INTERNALS) expect(text, `${what} shows ${pattern}`).not.toMatch(pattern);
        if (response.headers.get("content-type")?.includes("text/html")) expect(text, `${what} echoes markup`).not.toContain(XSS);
        const after = await databaseDigest();
        if (response.status >= 400) {
          // A form refused with 400 is shown again with the page around it, and that page's read
          // of a mentee's record is audited: the only write a refusal may cause.
          const written = changedCollections(digest, after).filter((name) => !(response.status === 400 && name === "auditentries"));
          expect(written, `${what} answered ${response.status} but wrote to the database`).toEqual([]);
        }
        digest = after;
      }),
      // The examples count towards numRuns.
      { seed: SEED, numRuns: examples.length + RANDOM_RUNS, examples, endOnFailure: true },
    );
    // The run must have reached the code behind the refusals, not only bounced off the front door.
    console.log(`fuzz: ${requests} requests, answers by status: ${JSON.stringify(Object.fromEntries([...statuses].sort()))}`);
    expect(requests).toBeGreaterThan(routes.length * everyone.length * 2);
    expect(statuses.get(200), "some requests were served").toBeGreaterThan(requests * 0.1);
    expect(statuses.get(400), "some forms were refused for their values").toBeGreaterThan(requests * 0.05);
  }, 900_000);
});
