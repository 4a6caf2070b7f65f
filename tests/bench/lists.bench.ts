// `npm run bench:lists [-- --large | --placements N --mentees M | --backend postgresql | --keep]`:
// every list a coordinator, employer or mentor opens, timed end to end over HTTP against the
// built portal on the embedded database. Generates N placements over N/50 employers and M
// mentees over M/50 mentors, with an introduction (and its consent) for every fourth mentee, and
// a started follow-up with six check-ins for every eighth (some overdue), the introduced mentees'
// proposals and two more a mentee (a mentee with ten signs in for her offers). Default 10 000 / 2 000,
// `--large` 100 000 / 20 000. Each page: p50/p95 of `--requests` requests (20), stopping early
// after `--budget` seconds a page (60) so that a slow list cannot hold the run for hours. Timing
// starts once the process has read the ledger (its start-up read is reported apart), each page
// asked once untimed.
// `--backend postgresql` runs FerretDB on the machine's PostgreSQL instead of SQLite; `--keep`
// keeps the generated data under .data/ and reuses it the next time (same N, M, backend).
// Writes bench-results/lists-<N>[-<backend>].json. A benchmark, not a test.
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { startFerretdb } from "../../server/services/ferretdb.ts";
import { startServices } from "../../server/services/manager.ts";
import { startPostgres } from "../../server/services/postgres.ts";
import { startPortal } from "../support/portal.ts";

const { values: args } = parseArgs({
  options: {
    large: { type: "boolean", default: false },
    placements: { type: "string" },
    mentees: { type: "string" },
    backend: { type: "string", default: "sqlite" },
    requests: { type: "string", default: "20" },
    budget: { type: "string", default: "60" },
    keep: { type: "boolean", default: false },
    only: { type: "string" },
  },
  strict: false,
});
const placementsWanted = Number(args.placements ?? (args.large ? 100_000 : 10_000));
const menteesWanted = Number(args.mentees ?? (args.large ? 20_000 : 2_000));
const requests = Number(args.requests);
const budgetMs = Number(args.budget) * 1000;
const backend = String(args.backend);
if (backend !== "sqlite" && backend !== "postgresql") throw new Error("--backend is sqlite or postgresql");

const dataDir = join(process.cwd(), ".data", args.keep ? `bench-lists-${backend}-${placementsWanted}-${menteesWanted}` : `bench-lists-${process.pid}`);
const generated = join(dataDir, "generated.json");
const reuse = Boolean(args.keep) && existsSync(generated);
mkdirSync(dataDir, { recursive: true });
const password = "bench password 123";
process.env.DATA_ENCRYPTION_KEY ??= args.keep && existsSync(join(dataDir, "key")) ? readFileSync(join(dataDir, "key"), "utf8") : randomBytes(32).toString("base64");
if (args.keep) writeFileSync(join(dataDir, "key"), process.env.DATA_ENCRYPTION_KEY);

const postgres = backend === "postgresql" ? await startPostgres(dataDir) : undefined;
const ferret = await startFerretdb(dataDir, { postgresqlUrl: postgres?.url });
const services = await startServices({ dataDir, source: { MONGODB_URI: `${ferret.uri}bench` } as unknown as NodeJS.ProcessEnv });
Object.assign(process.env, services.env, { LOG_REQUESTS: "false" });

const { connectDatabase, disconnectDatabase } = await import("~/db/connection.server.ts");
const { ensureIndexes } = await import("~/models.server.ts");
const { UserModel } = await import("~/accounts/model.server.ts");
const { hashPassword } = await import("~/accounts/password.server.ts");
const { OrganisationModel } = await import("~/organisations/model.server.ts");
const { PlacementModel } = await import("~/placements/model.server.ts");
const { MenteeModel } = await import("~/mentees/model.server.ts");
const { IntroductionModel } = await import("~/introductions/model.server.ts");
const { ConsentModel } = await import("~/consent/model.server.ts");
const { FollowUpModel, CheckinModel } = await import("~/checkins/model.server.ts");
const { ProposalModel } = await import("~/matching/model.server.ts");
const { findTown } = await import("~/placements/gazetteer.server.ts");
const { generatePlacements } = await import("../../seed/placements-generator.ts");
const { Types } = await import("mongoose");

const seconds = (since: number) => Number(((performance.now() - since) / 1000).toFixed(1));
function percentile(values: number[], p: number) {
  const sorted = [...values].sort((a, b) => a - b);
  return Number(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))].toFixed(1));
}

interface Generated {
  coordinator: string;
  employer: string;
  mentor: string;
  counts: Record<string, number>;
}

const countries = ["HR", "SI", "DK"] as const;
const capitals = { HR: "Zagreb", SI: "Ljubljana", DK: "Aarhus" } as const;
const firstNames = ["Ana", "Marko", "Petra", "Luka", "Maja", "Ivan", "Nina", "Tomaž", "Sara", "Mads", "Freja", "Jonas"];

// The position-read lists of this branch's code (app/db/id-lists.server.ts), written in bulk; on
// code without them (main before issue 17) nothing is written.
const idLists = await import("~/db/id-lists.server.ts").catch(() => null);
async function writeLists(lists: Map<string, unknown[]>, markers: string[]) {
  if (!idLists) return;
  const entries = [...lists].flatMap(([list, ids]) => ids.map((id, n) => ({ _id: `${list}#${n + 1}`, id })));
  await insertInBatches(idLists.IdListEntryModel, entries);
  await insertInBatches(idLists.IdListModel, [...[...lists].map(([list, ids]) => ({ _id: list, top: ids.length })), ...markers.map((m) => ({ _id: `filled:${m}`, top: 0 }))]);
}
function addTo(lists: Map<string, unknown[]>, list: string, id: unknown) {
  const ids = lists.get(list);
  if (ids) ids.push(id);
  else lists.set(list, [id]);
}

async function insertInBatches<T>(model: { insertMany(docs: T[], options: { ordered: boolean }): Promise<unknown> }, docs: T[]) {
  for (let i = 0; i < docs.length; i += 1000) await model.insertMany(docs.slice(i, i + 1000), { ordered: false });
}

async function generate(): Promise<Generated> {
  const started = performance.now();
  const passwordHash = await hashPassword(password);
  const now = new Date();
  const day = (offset: number) => new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + offset));
  const coordinator = "bench-coordinator@example.test";
  await UserModel.create({ email: coordinator, name: "Bench coordinator", role: "coordinator", approval: "approved", passwordHash, emailConfirmedAt: now });

  // Employers: 50 placements each; 30 more wait for verification (the coordinator's start page).
  const employerCount = Math.max(10, Math.round(placementsWanted / 50));
  const employers = Array.from({ length: employerCount }, (_, i) => ({ _id: new Types.ObjectId(), key: `bench-employer-${i}`, name: `Bench employer ${i}`, kind: "employer", town: capitals[countries[i % 3]], country: countries[i % 3], status: "verified" }));
  const pending = Array.from({ length: 30 }, (_, i) => ({ key: `bench-pending-${i}`, name: `Bench waiting employer ${i}`, kind: "employer", town: capitals[countries[i % 3]], country: countries[i % 3], status: "pending" }));
  await insertInBatches(OrganisationModel, [...employers, ...pending]);
  const employer = "bench-employer@example.test";
  await UserModel.create({ email: employer, name: "Bench employer", role: "employer", approval: "approved", organisationId: employers[0]._id, passwordHash, emailConfirmedAt: now });

  const generatedPlacements = generatePlacements(placementsWanted, employers.map((e) => ({ key: e.key, country: e.country, town: e.town })), 17);
  const organisationIds = new Map(employers.map((e) => [e.key, e._id]));
  const placements = generatedPlacements.map(({ organisation, ...p }, i) => ({
    ...p,
    _id: new Types.ObjectId(),
    organisationId: organisationIds.get(organisation),
    publishedAt: p.status === "published" ? now : undefined,
    // A few taken down, some of those with a review asked for.
    ...(i % 500 === 7 ? { status: "taken_down", moderationReason: "Bench reason", takenDownAt: now, ...(i % 1000 === 7 ? { reviewRequestedAt: now } : {}) } : {}),
  }));
  await insertInBatches(PlacementModel, placements);
  console.log(`placements: ${placements.length} in ${seconds(started)} s`);

  // Mentors: 50 mentees each, under ten mentor organisations.
  const mentorOrganisations = Array.from({ length: 10 }, (_, i) => ({ _id: new Types.ObjectId(), key: `bench-mentors-${i}`, name: `Bench mentor organisation ${i}`, kind: "mentor_organisation", mentorOrganisationType: "ngo", town: capitals[countries[i % 3]], country: countries[i % 3], status: "verified" }));
  await insertInBatches(OrganisationModel, mentorOrganisations);
  const mentorCount = Math.max(4, Math.round(menteesWanted / 50));
  const mentors = Array.from({ length: mentorCount }, (_, i) => ({
    _id: new Types.ObjectId(),
    email: i === 0 ? "bench-mentor@example.test" : `bench-mentor-${i}@example.test`,
    name: `Mentor ${i}`,
    role: "mentor",
    approval: "approved",
    organisationId: mentorOrganisations[i % 10]._id,
    passwordHash,
    emailConfirmedAt: now,
    // One in fifty has left: its mentees wait for a new mentor.
    ...(i % 50 === 49 ? { deactivatedAt: now } : {}),
  }));
  await insertInBatches(UserModel, mentors);

  const mentees = Array.from({ length: menteesWanted }, (_, i) => {
    const country = countries[i % 3];
    const town = findTown(capitals[country], country)!;
    return {
      _id: new Types.ObjectId(),
      mentorId: mentors[i % mentorCount]._id,
      firstName: `${firstNames[i % firstNames.length]} ${i}`,
      readiness: (["job_ready", "activity_ready", "temporarily_passive"] as const)[i % 3],
      readinessChangedAt: now,
      town: town.name,
      country,
      lat: town.lat,
      lng: town.lng,
      travelKm: 20,
      hoursMin: 10,
      hoursMax: 30,
      languages: [country === "DK" ? "da" : country === "SI" ? "sl" : "hr"],
    };
  });
  await insertInBatches(MenteeModel, mentees);
  const lists = new Map<string, unknown[]>();
  lists.set("introductions", []);
  lists.set("introduction-consents", []);
  lists.set("follow-ups", []);
  for (const p of placements) {
    addTo(lists, "placements", p._id);
    addTo(lists, `placements-of:${String(p.organisationId)}`, p._id);
    addTo(lists, `placements-status:${p.status}`, p._id);
    if ("reviewRequestedAt" in p) addTo(lists, "placements-review-asked", p._id);
  }
  for (const m of mentees) {
    addTo(lists, "mentees", m._id);
    addTo(lists, `mentees-of:${String(m.mentorId)}`, m._id);
  }
  console.log(`mentees: ${mentees.length} in ${seconds(started)} s`);

  // Every fourth mentee introduced to a placement (the bench employer's first 20), consented.
  const statuses = ["introduced", "accepted", "meeting_proposed", "declined", "placed", "withdrawn"] as const;
  const introductions = [];
  const consents = [];
  const followUps = [];
  const checkins = [];
  for (let i = 0, n = 0; i < mentees.length; i += 4, n++) {
    const mentee = mentees[i];
    const placement = n < 20 ? placements[n * employerCount] : placements[(n * 7919) % placements.length];
    const started = n % 2 === 0;
    const status = started ? "placed" : statuses[n % statuses.length];
    const at = new Date(now.getTime() - (n % 90) * 86_400_000);
    const introduction = {
      _id: new Types.ObjectId(),
      menteeId: mentee._id,
      proposalId: new Types.ObjectId(),
      placementId: placement._id,
      organisationId: placement.organisationId,
      mentorId: mentee.mentorId,
      status,
      history: [
        { status: "proposed", at, byRole: "mentor" },
        { status: "consented", at, byRole: "mentee" },
        { status: "introduced", at, byRole: "system" },
        ...(status === "introduced" ? [] : [{ status, at, byRole: "employer" }]),
      ],
    };
    introductions.push(introduction);
    consents.push({
      menteeId: mentee._id,
      purpose: "introduction",
      introductionId: introduction._id,
      organisationId: placement.organisationId,
      placementId: placement._id,
      fields: ["firstName"],
      text: "Bench consent",
      textVersion: "1",
      language: "en",
      givenAt: at,
      method: "with_mentor",
      recordedBy: mentee.mentorId,
      ...(status === "withdrawn" ? { withdrawnAt: at, withdrawnBy: mentee.mentorId, withdrawnByRole: "mentor" } : {}),
    });
    if (!started) continue;
    const startDay = day(-(n % 200));
    const followUp = { _id: new Types.ObjectId(), introductionId: introduction._id, menteeId: mentee._id, placementId: placement._id, organisationId: placement.organisationId, placementKind: placement.kind, country: mentee.country, startDay, hoursPerWeek: 20, status: "active", startedBy: mentee.mentorId };
    followUps.push(followUp);
    for (const [milestone, days] of [["week1", 7], ["week2", 14], ["month1", 30], ["month3", 91], ["month6", 182], ["plannedEnd", 120]] as const) {
      const dueDay = new Date(startDay.getTime() + days * 86_400_000);
      // Most past check-ins were done; one in five is still open (overdue).
      const status = dueDay < now && (n + days) % 5 !== 0 ? "done" : "open";
      checkins.push({ followUpId: followUp._id, menteeId: mentee._id, organisationId: placement.organisationId, introductionId: introduction._id, key: `${followUp._id}:${milestone}`, milestone, dueDay, status, withWhom: "both" });
    }
  }
  await insertInBatches(IntroductionModel, introductions);
  const consentsWithIds = consents.map((c) => ({ ...c, _id: new Types.ObjectId() }));
  await insertInBatches(ConsentModel, consentsWithIds);
  await insertInBatches(FollowUpModel, followUps);
  const checkinsWithIds = checkins.map((c) => ({ ...c, _id: new Types.ObjectId() }));
  await insertInBatches(CheckinModel, checkinsWithIds);
  for (const i of introductions) {
    addTo(lists, "introductions", i._id);
    addTo(lists, `introductions-of:${String(i.organisationId)}`, i._id);
    addTo(lists, `introductions-of-mentee:${String(i.menteeId)}`, i._id);
  }
  for (const c of consentsWithIds) {
    addTo(lists, "introduction-consents", c._id);
    addTo(lists, `consents-of-introduction:${String(c.introductionId)}`, c._id);
  }
  for (const f of followUps) {
    addTo(lists, "follow-ups", f._id);
    addTo(lists, `follow-ups-of-mentee:${String(f.menteeId)}`, f._id);
    addTo(lists, `follow-ups-of:${String(f.organisationId)}`, f._id);
  }
  for (const c of checkinsWithIds) {
    addTo(lists, `checkins-of:${String(c.followUpId)}`, c._id);
    addTo(lists, `checkins-due:${c.dueDay.toISOString().slice(0, 10)}`, c._id);
    if (c.status !== "open") addTo(lists, `checkins-closed:${c.dueDay.toISOString().slice(0, 10)}`, c._id);
  }
  await writeLists(lists, ["placements", "mentees", "introductions", "introduction-consents", "follow-ups", "checkins-due", "placements-review-asked"]);
  console.log(`introductions ${introductions.length}, follow-ups ${followUps.length}, check-ins ${checkins.length} in ${seconds(started)} s`);
  return {
    coordinator,
    employer,
    mentor: mentors[0].email,
    counts: { placements: placements.length, mentees: mentees.length, employers: employers.length, mentors: mentors.length, introductions: introductions.length, followUps: followUps.length, checkins: checkins.length, generateSeconds: seconds(started) },
  };
}

const benchMentee = "bench-mentee@example.test";

/**
 * Offers, added to generated or kept data that has none: every introduced mentee's proposal (the
 * introduction's own), two more for every mentee, and a signed-in mentee with ten among them.
 */
async function addOffers(): Promise<void> {
  if (await UserModel.exists({ email: benchMentee })) return;
  const started = performance.now();
  const placements = (await PlacementModel.find({}).select("_id").lean()).map((p) => p._id);
  const mentees = await MenteeModel.find({}).select("_id mentorId").lean();
  mentees.sort((a, b) => String(a._id).localeCompare(String(b._id)));
  const introduced = new Map((await IntroductionModel.find({}).select("menteeId proposalId placementId").lean()).map((i) => [String(i.menteeId), i]));
  const proposals = [];
  const statuses = ["seen", "declined", "not_now", "seen", "interested"] as const;
  const at = new Date();
  const offered = (menteeId: unknown, mentorId: unknown, placementId: unknown, status: string, _id: unknown = new Types.ObjectId()) => ({ _id, menteeId, mentorId, placementId, status, history: [{ status: "proposed", at, by: "mentor" }], createdAt: at, updatedAt: at });
  // Her mentee record: the last introduced (and not yet started) mentee, ten offers. The last, since
  // a filter on the mentees (her account's record) stops where it finds her: the newest pay the most.
  const her = mentees.filter((m, i) => i % 8 === 4 && introduced.has(String(m._id))).pop() ?? mentees[0];
  for (const [i, mentee] of mentees.entries()) {
    const introduction = introduced.get(String(mentee._id));
    if (introduction) proposals.push(offered(mentee._id, mentee.mentorId, introduction.placementId, "interested", introduction.proposalId));
    const more = mentee === her ? 9 : 2;
    for (let k = 0; k < more; k++) {
      const placementId = placements[(i * 4999 + k * 37 + 11) % placements.length];
      if (String(placementId) === String(introduction?.placementId)) continue;
      proposals.push(offered(mentee._id, mentee.mentorId, placementId, mentee === her && k < 3 ? "proposed" : statuses[(i + k) % statuses.length]));
    }
  }
  await insertInBatches(ProposalModel, proposals);
  const lists = new Map<string, unknown[]>();
  for (const p of proposals) addTo(lists, `proposals-of-mentee:${String(p.menteeId)}`, p._id);
  const account = await UserModel.create({ email: benchMentee, name: "Bench mentee", role: "mentee", approval: "approved", passwordHash: await hashPassword(password), emailConfirmedAt: at });
  lists.set(`mentee-of-account:${String(account._id)}`, [her._id]);
  await writeLists(lists, ["proposals", "mentee-accounts"]);
  await MenteeModel.updateOne({ _id: her._id }, { $set: { userId: account._id } });
  console.log(`offers: ${proposals.length} (hers ${proposals.filter((p) => String(p.menteeId) === String(her._id)).length}) in ${seconds(started)} s`);
}

const result: Record<string, unknown> = { placements: placementsWanted, mentees: menteesWanted, backend, date: new Date().toISOString(), machine: { cpus: (await import("node:os")).cpus().length } };
let portal: Awaited<ReturnType<typeof startPortal>> | undefined;
const stopAll = async () => {
  await portal?.stop();
  await disconnectDatabase().catch(() => {});
  await services.stop();
  await ferret.service.stop();
  await postgres?.service.stop();
};
for (const signal of ["SIGINT", "SIGTERM"] as const)
  process.on(signal, () => {
    void stopAll().finally(() => process.exit(130));
  });
try {
  await connectDatabase();
  await ensureIndexes();
  const data: Generated = reuse ? (JSON.parse(readFileSync(generated, "utf8")) as Generated) : await generate();
  if (args.keep) writeFileSync(generated, JSON.stringify(data));
  await addOffers();
  result.data = { ...data.counts, proposals: await ProposalModel.estimatedDocumentCount() };
  await disconnectDatabase();

  portal = await startPortal({ ...services.env, MONGODB_URI: process.env.MONGODB_URI!, NODE_ENV: "production", DATA_ENCRYPTION_KEY: process.env.DATA_ENCRYPTION_KEY, COOKIE_SECURE: "false" } as Record<string, string>, { startTimeoutMs: 600_000 });
  const signIn = async (email: string) => {
    const login = await fetch(`${portal!.url}/login`, {
      method: "POST",
      redirect: "manual",
      headers: { Origin: portal!.url, "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ email, password }),
    });
    const cookie = login.headers.get("set-cookie")?.split(";")[0];
    if (!cookie) throw new Error(`signing in as ${email} answered ${login.status}`);
    return cookie;
  };
  const cookies = { coordinator: await signIn(data.coordinator), employer: await signIn(data.employer), mentor: await signIn(data.mentor), mentee: await signIn(benchMentee) };
  // A process reads the whole ledger once at its start (app/ledger/reader.server.ts: seconds at
  // 100 000 placements) while it already answers: pages timed meanwhile were the first few
  // seconds of a process, not a list. The outcomes page waits for that read; timed apart.
  const warmUpStarted = performance.now();
  await (await fetch(`${portal.url}/coordinator/outcomes`, { headers: { Cookie: cookies.coordinator } })).text();
  result.ledgerReadAtStartMs = Math.round(performance.now() - warmUpStarted);
  console.log(`the ledger read at the process's start: ${result.ledgerReadAtStartMs} ms`);

  // A later page: the link the page itself offers to its next pages, followed a few times.
  // One generated mentee, as a coordinator would type her name.
  const sought = Math.floor(menteesWanted * 0.6) + 4;
  const soughtMentee = `${firstNames[sought % firstNames.length]} ${sought}`;
  const pages: { name: string; role: keyof typeof cookies; path: string; later?: boolean }[] = [
    { name: "coordinator start (waiting organisations, overdue check-ins)", role: "coordinator", path: "/coordinator" },
    { name: "coordinator placements", role: "coordinator", path: "/coordinator/placements" },
    { name: "coordinator placements, later page", role: "coordinator", path: "/coordinator/placements", later: true },
    { name: "coordinator placements, taken down", role: "coordinator", path: "/coordinator/placements?status=taken_down" },
    { name: "coordinator mentees", role: "coordinator", path: "/coordinator/mentees" },
    { name: "coordinator mentees, later page", role: "coordinator", path: "/coordinator/mentees", later: true },
    { name: "coordinator mentees, by name", role: "coordinator", path: `/coordinator/mentees?name=${encodeURIComponent(soughtMentee)}` },
    { name: "coordinator mentors", role: "coordinator", path: "/coordinator/mentors" },
    { name: "employer placements", role: "employer", path: "/employer/placements" },
    { name: "employer introductions", role: "employer", path: "/employer/introductions" },
    { name: "employer placed", role: "employer", path: "/employer/placed" },
    { name: "mentor start (this week, going quiet)", role: "mentor", path: "/mentor" },
    { name: "mentor mentees", role: "mentor", path: "/mentor/mentees" },
    { name: "mentor introductions", role: "mentor", path: "/mentor/introductions" },
    { name: "mentor check-ins", role: "mentor", path: "/mentor/checkins" },
    { name: "mentee offers", role: "mentee", path: "/me/offers" },
  ];
  const nextLink = (html: string) => /<a[^>]*rel="next"[^>]*href="([^"]+)"|<a[^>]*href="([^"]+)"[^>]*rel="next"/.exec(html);
  const timings: Record<string, unknown> = {};
  for (const page of pages) {
    if (args.only && !String(args.only).split(",").some((part) => page.name === part.trim() || (part.endsWith("*") && page.name.startsWith(part.slice(0, -1))))) continue;
    let path = page.path;
    if (page.later) {
      // Five pages on (or as far as it goes), by the page's own "next" links.
      for (let step = 0; step < 5; step++) {
        const html = await (await fetch(`${portal.url}${path}`, { headers: { Cookie: cookies[page.role] } })).text();
        const match = nextLink(html);
        if (!match) break;
        path = new URL((match[1] ?? match[2]).replaceAll("&amp;", "&"), `${portal.url}${page.path}`).pathname + new URL((match[1] ?? match[2]).replaceAll("&amp;", "&"), `${portal.url}${page.path}`).search;
      }
      // A page without "next" links pages by number (as the lists did before keyset pages).
      if (path === page.path) path = `${page.path}${page.path.includes("?") ? "&" : "?"}page=6`;
      if (!path) {
        timings[page.name] = { path, skipped: "the page offers no next page" };
        console.log(`${page.name}: no next page`);
        continue;
      }
    }
    // Once untimed, as a later page is when its links are followed.
    if (!page.later) await (await fetch(`${portal.url}${path}`, { headers: { Cookie: cookies[page.role] } })).text();
    const times: number[] = [];
    let bytes = 0;
    let timedOut = false;
    const pageStarted = performance.now();
    while (times.length < requests && performance.now() - pageStarted < budgetMs) {
      const t = performance.now();
      // A request past the page's budget is given up and counted as the budget (the page is not asked again).
      const response = await fetch(`${portal.url}${path}`, { headers: { Cookie: cookies[page.role] }, signal: AbortSignal.timeout(budgetMs) }).catch(() => null);
      if (!response) {
        times.push(budgetMs);
        timedOut = true;
        break;
      }
      const html = await response.text();
      if (response.status !== 200) throw new Error(`${path} answered ${response.status}`);
      if (path.includes("name=") && !html.includes(`>${soughtMentee}</a>`)) throw new Error(`${path} did not find ${soughtMentee}`);
      times.push(performance.now() - t);
      bytes = html.length;
    }
    timings[page.name] = { path, requests: times.length, p50: percentile(times, 50), p95: percentile(times, 95), htmlKb: Math.round(bytes / 1000), ...(timedOut ? { timedOutAfterMs: budgetMs } : {}) };
    console.log(`${page.name} (${path}): p50 ${percentile(times, 50)} ms, p95 ${percentile(times, 95)} ms over ${times.length}`);
  }
  result.endToEndMs = timings;
} finally {
  await stopAll();
  if (!args.keep) rmSync(dataDir, { recursive: true, force: true });
}

mkdirSync("bench-results", { recursive: true });
const file = `bench-results/lists-${placementsWanted}${backend === "sqlite" ? "" : `-${backend}`}.json`;
writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
console.log(`written to ${file}`);
