// The portal's routes as the build knows them, tied to the files under app/routes, and a seeded
// portal with one session per kind of person: what the authorisation matrix and the fuzz test
// walk through. A route file the build does not know, or a route no test names, is an error.
import { createHash } from "node:crypto";
import { readdirSync } from "node:fs";
import { join, relative } from "node:path";
import { pathToFileURL } from "node:url";
import type { ServerBuild } from "@remix-run/node";
import mongoose from "mongoose";
import { postForm, startPortal, type RunningPortal } from "./portal.ts";
import { storeProposal } from "./proposals.ts";

export interface PortalRoute {
  /** The build's route id, which is the file under app/ without its extension. */
  id: string;
  /** The URL pattern, e.g. /mentor/mentees/:id */
  pattern: string;
  hasLoader: boolean;
  hasAction: boolean;
  hasPage: boolean;
}

const ROUTES_DIR = join(process.cwd(), "app", "routes");

function routeFiles(dir = ROUTES_DIR): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? routeFiles(join(dir, entry.name)) : /\.(tsx?|jsx?)$/.test(entry.name) && !/\.test\./.test(entry.name) ? [join(dir, entry.name)] : [],
  );
}

/** Every route of the built portal, each checked against the route files. */
export async function portalRoutes(): Promise<PortalRoute[]> {
  const build = (await import(pathToFileURL(join(process.cwd(), "build", "index.js")).href)) as ServerBuild;
  const patternOf = (id: string): string => {
    const route = build.routes[id];
    const parent = route.parentId ? patternOf(route.parentId) : "";
    const own = route.path ? `/${route.path}` : "";
    return `${parent}${own}`.replace(/\/+/g, "/");
  };
  const ids = routeFiles().map((file) => `routes/${relative(ROUTES_DIR, file).replace(/\.(tsx?|jsx?)$/, "")}`);
  const missing = ids.filter((id) => !build.routes[id]);
  if (missing.length) throw new Error(`route files the build does not know (run remix build): ${missing.join(", ")}`);
  return ids.sort().map((id) => {
    const module = build.routes[id].module;
    return {
      id,
      pattern: patternOf(id).replace(/\$(\w+)/g, ":$1") || "/",
      hasLoader: Boolean(module.loader),
      hasAction: Boolean(module.action),
      hasPage: Boolean(module.default),
    };
  });
}

export const logins = {
  coordinator: "coordinator@demo.placements.test",
  mentor: "mentor.hr@demo.placements.test",
  otherMentor: "mentor.da@demo.placements.test",
  employer: "employer.hr@demo.placements.test",
  otherEmployer: "social.hr@demo.placements.test",
  mentee: "mentee@demo.placements.test",
} as const;
export type Person = keyof typeof logins | "anonymous";
export const everyone: Person[] = ["anonymous", ...(Object.keys(logins) as (keyof typeof logins)[])];

export interface Fixtures {
  portal: RunningPortal;
  cookies: Record<Person, string>;
  /** Ana: the lead mentor's mentee, who has her own account (the demo mentee). */
  ana: string;
  /** A published placement of the employer's organisation. */
  ownPlacement: string;
  publishedPlacement: string;
  /** Ana's introduction to the employer that she consented to. */
  consentedIntroduction: string;
  /** Ana's introduction to the employer that waits for her consent. */
  proposedIntroduction: string;
  /** Ana's third introduction to the employer: consented, accepted, and started ten days ago (its follow-up is open). */
  placedIntroduction: string;
  /** The week-1 check-in of that follow-up: past its day, open, to be answered by Ana and the employer. */
  placedCheckin: string;
  /** The path of the lead mentor's calendar feed (its secret address). */
  calendarFeed: string;
  /** A frozen outcomes report (the whole programme, this year so far), submitted by the coordinator. */
  outcomeReport: string;
  /** A story about Ana, written by the lead mentor, awaiting her decision (version 7). */
  anaStory: string;
  /** The path of a one-time link for Ana's decision about that story. */
  storyDecisionLink: string;
  /** A success story about Ana that names the employer's organisation, waiting for her decision. */
  story: string;
  /** The path of an unused one-click link that stops the lead mentor's alerts (as a digest e-mail carries). */
  alertUnsubscribeLink: string;
}

/** A seeded portal, everyone signed in, and Ana introduced twice to the employer. */
export async function seededPortal(env: Record<string, string> = {}): Promise<Fixtures> {
  const portal = await startPortal({ OUTBOX_POLL_MS: "60000", ...env }, { seed: true });
  const cookies = { anonymous: "" } as Record<Person, string>;
  for (const [who, email] of Object.entries(logins)) {
    const response = await postForm(portal, "/login", { email, password: "demo-placements-2026" });
    if (response.status !== 302) throw new Error(`${who} could not sign in: ${response.status}`);
    cookies[who as Person] = response.headers.get("set-cookie")!.split(";")[0];
  }
  const { MenteeModel } = await import("~/mentees/model.server.ts");
  const { OrganisationModel } = await import("~/organisations/model.server.ts");
  const { PlacementModel } = await import("~/placements/model.server.ts");
  const { UserModel } = await import("~/accounts/model.server.ts");
  const { startIntroduction, giveConsent } = await import("~/introductions/introductions.server.ts");
  const ana = (await MenteeModel.findOne({ key: "mentee-ana" }).lean())!;
  const mentor = (await UserModel.findOne({ email: logins.mentor }).lean())!;
  const pekara = (await OrganisationModel.findOne({ key: "pekara-zrno" }).lean())!;
  const own = await PlacementModel.find({ organisationId: pekara._id, status: "published" }).sort({ _id: 1 }).limit(3).lean();
  const introductions: string[] = [];
  for (const placement of own) {
    const proposal = await storeProposal({ menteeId: ana._id, placementId: placement._id, mentorId: mentor._id, status: "interested" });
    const started = await startIntroduction(mentor as never, String(proposal._id));
    if (!started.ok) throw new Error("introduction not started");
    introductions.push(started.id);
  }
  const consented = await giveConsent(mentor as never, introductions[0], { fields: ["firstName"], note: "", method: "with_mentor" });
  if (!consented.ok) throw new Error("consent not given");
  const placed = await giveConsent(mentor as never, introductions[2], { fields: ["firstName"], note: "", method: "with_mentor" });
  if (!placed.ok) throw new Error("consent not given");
  const employer = (await UserModel.findOne({ email: logins.employer }).lean())!;
  const { respondToIntroduction } = await import("~/introductions/employer.server.ts");
  if (!(await respondToIntroduction(employer as never, introductions[2], { answer: "accepted" })).ok) throw new Error("introduction not accepted");
  const { startFollowUp, todayIn } = await import("~/checkins/checkins.server.ts");
  const { addDays } = await import("~/checkins/days.ts");
  const { CheckinModel } = await import("~/checkins/model.server.ts");
  const today = todayIn("HR");
  const started = await startFollowUp(mentor as never, introductions[2], { startDay: addDays(today, -10), hoursPerWeek: 20, plannedEndDay: addDays(today, 60) });
  if (!started.ok) throw new Error(`start not recorded: ${JSON.stringify(started)}`);
  const week1 = (await CheckinModel.findOne({ followUpId: started.id, milestone: "week1" }).lean())!;
  const { renewCalendarFeed } = await import("~/checkins/calendar.server.ts");
  const calendarFeed = new URL(await renewCalendarFeed(mentor as never)).pathname;
  const published = (await PlacementModel.findOne({ status: "published", organisationId: { $ne: pekara._id } }).lean())!;
  const { submitOutcomeReport } = await import("~/outcomes/reports.server.ts");
  const coordinator = (await UserModel.findOne({ email: logins.coordinator }).lean())!;
  const reportForm = new FormData();
  for (const [name, value] of Object.entries({ from: `${today.toISOString().slice(0, 4)}-01-01`, to: today.toISOString().slice(0, 10), scope: "all", note: "" })) reportForm.set(name, value);
  const report = await submitOutcomeReport(coordinator as never, reportForm);
  if (!report.ok) throw new Error(`report not submitted: ${JSON.stringify(report)}`);
  const { StoryModel } = await import("~/stories/model.server.ts");
  const anaStory = await StoryModel.create({
    menteeId: ana._id,
    authorId: mentor._id,
    status: "awaiting_mentee",
    version: 7,
    language: "hr",
    title: "Anin put do pekare",
    body: "Ana je nakon duge stanke počela raditi u pekari, najprije dva sata dnevno, a danas puno radno vrijeme.",
    placementKind: "job",
    sector: "food_production",
    country: "HR",
    town: "Varaždin",
  });
  const { issueDecisionLink } = await import("~/stories/decision.server.ts");
  const link = await issueDecisionLink(mentor as never, String(anaStory._id), "");
  if (!link.ok) throw new Error("story link not issued");
  const { draftStory, submitStory } = await import("~/stories/stories.server.ts");
  const story = await draftStory(mentor as never, String(ana._id), {
    title: "Baking again",
    body: "After a long time I get up early and go to work again. It was hard at first; now I look forward to every morning.",
    language: "en",
    placementKind: "work_trial",
    sector: "food_production",
    country: "HR",
    town: "Varaždin",
    nameChoice: "omitted",
    changedName: "",
    placeChoice: "region",
    quote: "She is always on time.",
    organisationId: String(pekara._id),
    showEmployer: "yes",
  });
  if (!story.ok || !(await submitStory(mentor as never, story.id)).ok) throw new Error(`story not drafted: ${JSON.stringify(story)}`);
  const { UnsubscribeTokenModel } = await import("~/alerts/model.server.ts");
  const { randomToken, hashToken } = await import("~/security/tokens.server.ts");
  const unsubscribeToken = randomToken();
  await UnsubscribeTokenModel.create({ tokenHash: hashToken(unsubscribeToken), mentorId: mentor._id, createdAt: new Date() });
  return {
    portal,
    cookies,
    story: story.id,
    alertUnsubscribeLink: `/alerts/unsubscribe/${unsubscribeToken}`,
    ana: String(ana._id),
    ownPlacement: String(own[0]._id),
    publishedPlacement: String(published._id),
    consentedIntroduction: introductions[0],
    proposedIntroduction: introductions[1],
    placedIntroduction: introductions[2],
    placedCheckin: String(week1._id),
    calendarFeed,
    outcomeReport: report.id,
    anaStory: String(anaStory._id),
    storyDecisionLink: new URL(link.link).pathname,
  };
}

/** A browser-like request as one person; never follows redirects. */
export function requestAs(fixtures: Fixtures, who: Person, path: string, init: RequestInit = {}) {
  const headers = new Headers(init.headers);
  if (fixtures.cookies[who]) headers.set("Cookie", fixtures.cookies[who]);
  if (init.method && init.method !== "GET" && !headers.has("Origin")) headers.set("Origin", fixtures.portal.url);
  return fetch(`${fixtures.portal.url}${path}`, { ...init, headers, redirect: "manual" });
}

// Collections that change without a request asking for it: counters of attempts (written by
// every login, refused or not by design) and the outbox the background worker moves along.
const UNWATCHED = /attempt|ratelimit|rate_limit|throttle|outbox/i;

/**
 * A digest of everything the portal stores, but for the unwatched collections: equal digests
 * before and after a request mean the request wrote nothing.
 */
export async function databaseDigest(): Promise<Record<string, string>> {
  const db = mongoose.connection.db!;
  const names = (await db.listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name).filter((n) => !UNWATCHED.test(n)).sort();
  const digests = await Promise.all(names.map((name) => (APPEND_ONLY.test(name) ? appendOnlyDigest(name) : contentDigest(name))));
  return Object.fromEntries(names.map((name, i) => [name, digests[i]]));
}

// Collections the code only inserts into (the audit trail, the ledger, the id lists' entries; the
// ledger's recent copy prunes only beside an insert): their size and newest entry show any write,
// and reading all of them back after every request took half of each request's check.
const APPEND_ONLY = /^(auditentries|ledgerevents|recentledgerevents|idlistentries)$/;

async function contentDigest(name: string) {
  const contents = await mongoose.connection.db!.collection(name).find({}).sort({ _id: 1 }).toArray();
  return createHash("sha256").update(JSON.stringify(contents)).digest("hex");
}

async function appendOnlyDigest(name: string) {
  const collection = mongoose.connection.db!.collection(name);
  const [count, newest] = await Promise.all([collection.countDocuments(), collection.find({}).sort({ _id: -1 }).limit(1).toArray()]);
  return `${count}:${String(newest[0]?._id ?? "")}`;
}

/** The collections whose contents differ between two digests. */
export function changedCollections(before: Record<string, string>, after: Record<string, string>): string[] {
  return [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((name) => before[name] !== after[name]).sort();
}

/** What must never reach a browser: stack frames, file paths, driver errors, internal addresses. */
export const INTERNALS = [/\bat [^\n]{0,200}\([^\n]{0,200}:\d+:\d+\)/, /node_modules/, /\/work\//, /file:\/\//, /Mongo\w*Error/, /ECONNREFUSED/, /127\.0\.0\.1/];
