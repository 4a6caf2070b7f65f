import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { changedCollections, databaseDigest, everyone, portalRoutes, requestAs, seededPortal, type Fixtures, type Person, type PortalRoute } from "../support/routes.ts";

// Every route that exists × every kind of person: who may read it, who may write to it, and that
// a refused write changes nothing. The rows are checked against the route files, so a new route
// without a row here fails this test until someone decides who may use it.

let f: Fixtures;
let routes: PortalRoute[];

beforeAll(async () => {
  [f, routes] = await Promise.all([seededPortal(), portalRoutes()]);
}, 180_000);
afterAll(async () => f?.portal.stop());

type Status = 200 | 302 | 400 | 403 | 404;
type Statuses = Record<Person, Status>;

/** A page for these people only: anonymous visitors are sent to log in, everyone else gets 403. */
function onlyFor(...allowed: Person[]): Statuses {
  return Object.fromEntries(everyone.map((who) => [who, allowed.includes(who) ? 200 : who === "anonymous" ? 302 : 403])) as Statuses;
}
const everybody = (status: Status): Statuses => Object.fromEntries(everyone.map((who) => [who, status])) as Statuses;
/** Pages for visitors who are not signed in: a signed-in person is sent to their home. */
const signedOutOnly: Statuses = { ...everybody(302), anonymous: 200 };


interface Row {
  path: (f: Fixtures) => string;
  get: Statuses;
  /** Who may send the route's forms; everyone else is refused and nothing is written. */
  post?: Person[];
}

const matrix: Record<string, Row> = {
  "routes/$": { path: () => "/no/such/page", get: everybody(404) },
  "routes/_index": { path: () => "/", get: signedOutOnly },
  "routes/_auth+/confirm-email": { path: () => "/confirm-email?token=x", get: everybody(200) },
  "routes/_auth+/confirm-email_.resend": { path: () => "/confirm-email/resend", get: everybody(200), post: everyone },
  "routes/_auth+/forgot-password": { path: () => "/forgot-password", get: everybody(200), post: everyone },
  "routes/_auth+/login": { path: () => "/login", get: signedOutOnly, post: everyone },
  "routes/_auth+/logout": { path: () => "/logout", get: everybody(302), post: everyone },
  "routes/_auth+/register": { path: () => "/register", get: everybody(200), post: everyone },
  "routes/_auth+/register_.mentor": { path: () => "/register/mentor", get: everybody(200), post: everyone },
  "routes/_auth+/reset-password": { path: () => "/reset-password?token=x", get: everybody(200), post: everyone },
  "routes/_public+/placements._index": { path: () => "/placements", get: everybody(200) },
  "routes/_public+/placements.$id": { path: (f) => `/placements/${f.publishedPlacement}`, get: everybody(200) },
  // The public side of success stories and the campaign: for everyone, signed in or not.
  "routes/_public+/stories._index": { path: () => "/stories?q=work&country=HR", get: everybody(200) },
  "routes/_public+/stories.$slug": { path: () => "/stories/no-such-story", get: everybody(404) },
  "routes/_public+/stories.feed[.xml]": { path: () => "/stories/feed.xml", get: everybody(200) },
  "routes/_public+/$country": { path: () => "/dk", get: everybody(200) },
  // A mentor's calendar feed: its secret address is the key (calendar apps cannot sign in).
  // A photo is served only for a story the person may see (tests/integration/stories-editor.test.ts); a name never given is 404 for all.
  "routes/_public+/stories.photos.$file": { path: () => `/stories/photos/${"0".repeat(32)}.jpg`, get: everybody(404) },
  "routes/_public+/calendar.$token": { path: (f) => f.calendarFeed, get: everybody(200) },
  // A mentee's one-time link to decide about a story: the link is the key; opening it uses nothing, an answer uses it.
  "routes/_public+/stories.decide.$token": { path: (f) => f.storyDecisionLink, get: everybody(200), post: everyone },
  // A mentor's one-click link out of the alerts digest (tests/integration/alerts.test.ts): the link is the key; opening it changes nothing, the button stops the e-mails.
  "routes/_public+/alerts.unsubscribe.$token": { path: (f) => f.alertUnsubscribeLink, get: everybody(200), post: everyone },
  "routes/resources+/language": { path: () => "/resources/language", get: everybody(302), post: everyone },
  // Suggestions from the skills and interests vocabulary for the people who fill in interests and skills.
  "routes/resources+/vocabulary": { path: () => "/resources/vocabulary?q=kuh", get: onlyFor("coordinator", "mentor", "otherMentor", "employer", "otherEmployer") },
  // Development only: the integration portal runs in test mode, where nobody gets it.
  "routes/dev+/mailbox": { path: () => "/dev/mailbox", get: everybody(404) },

  "routes/account+/password": {
    path: () => "/account/password",
    get: onlyFor("coordinator", "mentor", "otherMentor", "employer", "otherEmployer", "mentee"),
    post: ["coordinator", "mentor", "otherMentor", "employer", "otherEmployer", "mentee"],
  },

  "routes/coordinator+/_index": { path: () => "/coordinator", get: onlyFor("coordinator"), post: ["coordinator"] },
  "routes/coordinator+/export": { path: () => "/coordinator/export?kind=mentees&format=json", get: onlyFor("coordinator") },
  "routes/coordinator+/import": { path: () => "/coordinator/import", get: onlyFor("coordinator"), post: ["coordinator"] },
  "routes/coordinator+/mentees._index": { path: () => "/coordinator/mentees", get: onlyFor("coordinator") },
  "routes/coordinator+/mentees.$id": { path: (f) => `/coordinator/mentees/${f.ana}`, get: onlyFor("coordinator"), post: ["coordinator"] },
  "routes/coordinator+/mentors": { path: () => "/coordinator/mentors", get: onlyFor("coordinator"), post: ["coordinator"] },
  "routes/coordinator+/milestones": { path: () => "/coordinator/milestones", get: onlyFor("coordinator"), post: ["coordinator"] },
  "routes/coordinator+/outcomes._index": { path: () => "/coordinator/outcomes?from=2026-01-01&to=2026-12-31&scope=all", get: onlyFor("coordinator") },
  "routes/coordinator+/outcomes.people": { path: () => "/coordinator/outcomes/people?figure=funnel.caseload", get: onlyFor("coordinator") },
  "routes/coordinator+/outcomes.export": { path: () => "/coordinator/outcomes/export?from=2026-01-01&to=2026-06-30&scope=all&format=csv", get: onlyFor("coordinator") },
  "routes/coordinator+/outcomes_.participants": { path: () => "/coordinator/outcomes/participants", get: onlyFor("coordinator"), post: ["coordinator"] },
  // The file behind a signed address the form hands out: a made-up address is refused (400) even to a coordinator.
  "routes/coordinator+/outcomes_.participants_.download": { path: () => "/coordinator/outcomes/participants/download?token=x", get: { ...onlyFor("coordinator"), coordinator: 400 } },
  "routes/coordinator+/reports._index": { path: () => "/coordinator/reports?index", get: onlyFor("coordinator"), post: ["coordinator"] },
  "routes/coordinator+/reports.$id": { path: (f) => `/coordinator/reports/${f.outcomeReport}`, get: onlyFor("coordinator") },
  "routes/coordinator+/reports.$id_.download": { path: (f) => `/coordinator/reports/${f.outcomeReport}/download?format=json`, get: onlyFor("coordinator") },
  "routes/coordinator+/stories": { path: () => "/coordinator/stories", get: onlyFor("coordinator"), post: ["coordinator"] },
  "routes/coordinator+/placements": { path: () => "/coordinator/placements", get: onlyFor("coordinator"), post: ["coordinator"] },

  // Stories that name the organisation: each employer sees only its own (tests/integration/stories-editor.test.ts).
  "routes/employer+/stories": { path: () => "/employer/stories", get: onlyFor("employer", "otherEmployer"), post: ["employer", "otherEmployer"] },
  "routes/employer+/_index": { path: () => "/employer", get: onlyFor("employer", "otherEmployer") },
  "routes/employer+/export": { path: () => "/employer/export?kind=placements&format=json", get: onlyFor("employer", "otherEmployer") },
  "routes/employer+/import": { path: () => "/employer/import", get: onlyFor("employer", "otherEmployer"), post: ["employer", "otherEmployer"] },
  "routes/employer+/introductions._index": { path: () => "/employer/introductions", get: onlyFor("employer", "otherEmployer") },
  "routes/employer+/introductions.$id": { path: (f) => `/employer/introductions/${f.consentedIntroduction}`, get: onlyFor("employer"), post: ["employer"] },
  "routes/employer+/placed": { path: () => "/employer/placed", get: onlyFor("employer", "otherEmployer"), post: ["employer", "otherEmployer"] },
  "routes/employer+/placements._index": { path: () => "/employer/placements", get: onlyFor("employer", "otherEmployer") },
  "routes/employer+/placements.new": { path: () => "/employer/placements/new", get: onlyFor("employer", "otherEmployer"), post: ["employer", "otherEmployer"] },
  "routes/employer+/placements.$id": { path: (f) => `/employer/placements/${f.ownPlacement}`, get: onlyFor("employer"), post: ["employer"] },
  "routes/employer+/placements.$id_.edit": { path: (f) => `/employer/placements/${f.ownPlacement}/edit`, get: onlyFor("employer"), post: ["employer"] },

  "routes/me+/_index": { path: () => "/me", get: onlyFor("mentee") },
  "routes/me+/offers": { path: () => "/me/offers", get: onlyFor("mentee"), post: ["mentee"] },
  "routes/me+/consents._index": { path: () => "/me/consents", get: onlyFor("mentee"), post: ["mentee"] },
  "routes/me+/consents.$id": { path: (f) => `/me/consents/${f.proposedIntroduction}`, get: onlyFor("mentee"), post: ["mentee"] },
  "routes/me+/stories": { path: () => "/me/stories", get: onlyFor("mentee"), post: ["mentee"] },
  "routes/me+/checkins": { path: () => "/me/checkins", get: onlyFor("mentee"), post: ["mentee"] },
  "routes/me+/data": { path: () => "/me/data", get: onlyFor("mentee") },
  "routes/me+/data[.json]": { path: () => "/me/data.json", get: onlyFor("mentee") },
  // Only for a desk session (none of these people is one): the mentee is sent to her home.
  "routes/me+/desk": { path: () => "/me/desk", get: { ...onlyFor("mentee"), mentee: 302 } },

  "routes/mentor+/_index": { path: () => "/mentor", get: onlyFor("mentor", "otherMentor") },
  "routes/mentor+/export": { path: () => "/mentor/export?kind=mentees&format=json", get: onlyFor("mentor", "otherMentor") },
  "routes/mentor+/import": { path: () => "/mentor/import", get: onlyFor("mentor", "otherMentor"), post: ["mentor", "otherMentor"] },
  "routes/mentor+/mentees._index": { path: () => "/mentor/mentees", get: onlyFor("mentor", "otherMentor") },
  "routes/mentor+/mentees.new": { path: () => "/mentor/mentees/new", get: onlyFor("mentor", "otherMentor"), post: ["mentor", "otherMentor"] },
  "routes/mentor+/mentees.$id": { path: (f) => `/mentor/mentees/${f.ana}`, get: onlyFor("mentor"), post: ["mentor"] },
  "routes/mentor+/mentees.$id_.edit": { path: (f) => `/mentor/mentees/${f.ana}/edit`, get: onlyFor("mentor"), post: ["mentor"] },
  "routes/mentor+/mentees.$id_.matches": { path: (f) => `/mentor/mentees/${f.ana}/matches`, get: onlyFor("mentor"), post: ["mentor"] },
  // A mentor's own figures: the list names only her own mentees (tests/integration/outcomes-pages.test.ts).
  "routes/mentor+/outcomes.people": { path: () => "/mentor/outcomes/people?figure=funnel.caseload", get: onlyFor("mentor", "otherMentor") },
  "routes/mentor+/introductions._index": { path: () => "/mentor/introductions", get: onlyFor("mentor", "otherMentor") },
  "routes/mentor+/introductions.$id": { path: (f) => `/mentor/introductions/${f.consentedIntroduction}`, get: onlyFor("mentor"), post: ["mentor"] },
  "routes/mentor+/stories.$id_.decision-link": { path: (f) => `/mentor/stories/${f.anaStory}/decision-link`, get: onlyFor("mentor"), post: ["mentor"] },
  // A mentor's stories are those about her own mentees; a coordinator may draft and edit any.
  "routes/mentor+/stories._index": { path: () => "/mentor/stories", get: onlyFor("mentor", "otherMentor", "coordinator") },
  "routes/mentor+/stories.new": { path: (f) => `/mentor/stories/new?mentee=${f.ana}`, get: onlyFor("mentor", "coordinator"), post: ["mentor", "coordinator"] },
  "routes/mentor+/stories.$id": { path: (f) => `/mentor/stories/${f.story}`, get: onlyFor("mentor", "coordinator"), post: ["mentor", "coordinator"] },
  "routes/mentor+/checkins._index": { path: () => "/mentor/checkins", get: onlyFor("mentor", "otherMentor"), post: ["mentor", "otherMentor"] },
  // Another mentor's check-in, another employer's and another mentee's do not exist for them.
  "routes/mentor+/checkins.$id": { path: (f) => `/mentor/checkins/${f.placedCheckin}`, get: onlyFor("mentor"), post: ["mentor"] },
};

describe("the authorisation matrix", () => {
  it("has a row for every route the portal has, and no row for a route it has not", () => {
    expect(Object.keys(matrix).sort()).toEqual(routes.map((r) => r.id));
  });

  it("names a form sender for every route with an action, and only for those", () => {
    for (const route of routes) expect(Boolean(matrix[route.id]?.post), route.id).toBe(route.hasAction);
  });

  it("answers every GET as the row says, for every kind of person", async () => {
    const wrong: string[] = [];
    for (const [id, row] of Object.entries(matrix)) {
      for (const who of everyone) {
        const response = await requestAs(f, who, row.path(f));
        await response.arrayBuffer();
        const expected = row.get[who];
        // 403 and 404 are both a refusal that shows nothing; which one a page uses is its choice.
        const refusal = (status: number) => status === 403 || status === 404;
        if (response.status !== expected && !(refusal(expected) && refusal(response.status) && who !== "anonymous")) {
          wrong.push(`${id} as ${who}: ${response.status}, expected ${expected}`);
        }
        if (expected === 302 && who === "anonymous" && row.get.coordinator !== 302) {
          const location = response.headers.get("location") ?? "";
          if (!location.startsWith("/login?redirectTo=")) wrong.push(`${id} as anonymous: sent to ${location}, not to log in`);
        }
      }
    }
    expect(wrong).toEqual([]);
  }, 180_000);

  it("refuses every form sent by someone the row does not name, and writes nothing", async () => {
    const wrong: string[] = [];
    for (const [id, row] of Object.entries(matrix)) {
      if (!row.post) continue;
      const refused = everyone.filter((who) => !row.post!.includes(who));
      if (refused.length === 0) continue;
      const forms = await formsOn(row, row.post[0]);
      // An empty form as well as every form the allowed person's page offers, filled in. Every
      // one of them must be refused, so the database must be the same after all of them.
      const before = await databaseDigest();
      for (const fields of [new URLSearchParams(), ...forms]) {
        for (const who of refused) {
          const response = await requestAs(f, who, row.path(f), { method: "POST", body: fields });
          await response.arrayBuffer();
          const refusedAsExpected = who === "anonymous" ? response.status === 302 && (response.headers.get("location") ?? "").startsWith("/login") : [403, 404].includes(response.status);
          if (!refusedAsExpected) wrong.push(`${id} POST ${fields} as ${who}: ${response.status} ${response.headers.get("location") ?? ""}`);
        }
      }
      const changed = changedCollections(before, await databaseDigest());
      if (changed.length) wrong.push(`${id}: a refused form wrote to ${changed.join(", ")} (${forms.length + 1} forms × ${refused.join(", ")})`);
    }
    expect(wrong).toEqual([]);
  }, 300_000);
});

/** The post forms of the row's page as `who` sees it, each filled in as a person would. */
async function formsOn(row: Row, who: Person): Promise<URLSearchParams[]> {
  const response = await requestAs(f, who, row.path(f));
  if (!response.headers.get("content-type")?.includes("text/html")) return [];
  const html = await response.text();
  const path = row.path(f).split("?")[0];
  const forms: URLSearchParams[] = [];
  for (const [, attributes, inner] of html.matchAll(/<form([^>]*)>([\s\S]*?)<\/form>/g)) {
    if (!/method="post"/i.test(attributes)) continue;
    const action = attributes.match(/action="([^"]*)"/)?.[1]?.replace(/&amp;/g, "&").split("?")[0];
    if (action && action !== path) continue;
    forms.push(...filledIn(inner));
  }
  return forms;
}

/** The form filled in, once for every named submit button it has. */
function filledIn(form: string): URLSearchParams[] {
  const fields = new URLSearchParams();
  const attribute = (tag: string, name: string) => tag.match(new RegExp(`\\s${name}="([^"]*)"`))?.[1]?.replace(/&amp;/g, "&").replace(/&quot;/g, '"');
  const radiosSeen = new Set<string>();
  for (const [tag] of form.matchAll(/<input[^>]*>/g)) {
    const name = attribute(tag, "name");
    if (!name) continue;
    const type = attribute(tag, "type") ?? "text";
    const value = attribute(tag, "value");
    if (type === "file") continue;
    if (type === "radio") {
      if (!radiosSeen.has(name)) fields.append(name, value ?? "on");
      radiosSeen.add(name);
    } else if (type === "checkbox") fields.append(name, value ?? "on");
    else if (type === "email") fields.append(name, value || "someone@example.test");
    else if (type === "number") fields.append(name, value || "10");
    else if (type === "date") fields.append(name, value || "2027-03-01");
    else if (type === "datetime-local") fields.append(name, value || "2027-03-01T10:00");
    else if (type === "password") fields.append(name, "a long enough password");
    else fields.append(name, value || "Varaždin");
  }
  for (const [, attributes, options] of form.matchAll(/<select([^>]*)>([\s\S]*?)<\/select>/g)) {
    const name = attribute(attributes, "name");
    const value = [...options.matchAll(/<option[^>]*value="([^"]*)"/g)].map((m) => m[1]).find(Boolean);
    if (name && value) fields.append(name, value);
  }
  for (const [, attributes] of form.matchAll(/<textarea([^>]*)>/g)) {
    const name = attribute(attributes, "name");
    if (name) fields.append(name, "A reason written by someone who may not send it.");
  }
  const buttons = [...form.matchAll(/<button[^>]*>/g)].map(([tag]) => [attribute(tag, "name"), attribute(tag, "value")]).filter(([name, value]) => name && value !== undefined);
  if (buttons.length === 0) return [fields];
  return buttons.map(([name, value]) => {
    const pressed = new URLSearchParams(fields);
    pressed.append(name!, value!);
    return pressed;
  });
}
