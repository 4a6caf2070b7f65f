// `npm run bench:alerts [-- --searches 10000 --placements 100000]`: the alerts digest's finding job
// at scale, on real services. N saved searches (mentees with generated plans, ten a mentor, in the
// three programme time zones) and P placements published over the last 30 days; each search was
// last looked at a day ago. Measures the multi-search that finds new fits (100 searches a request)
// and the whole run of each zone (plans read and checked, digests written, e-mails queued).
// Writes bench-results/alerts-<N>-<P>.json. A benchmark, not a test: nothing passes or fails here.
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { randomBytes } from "node:crypto";
import { startServices } from "../../server/services/manager.ts";

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
};
const searchCount = Number(arg("searches", "10000"));
const placementCount = Number(arg("placements", "100000"));

const dataDir = join(process.cwd(), ".data", `bench-alerts-${process.pid}`);
const services = await startServices({ dataDir, source: {} as NodeJS.ProcessEnv });
Object.assign(process.env, services.env, { MONGODB_URI: services.env.MONGODB_URI.replace(/\/[^/]*$/, "/benchalerts"), LOG_REQUESTS: "false", MEILI_INDEX_PREFIX: "benchalerts_" });
process.env.DATA_ENCRYPTION_KEY ??= randomBytes(32).toString("base64");

const { connectDatabase, disconnectDatabase } = await import("~/db/connection.server.ts");
const { ensureIndexes } = await import("~/models.server.ts");
const { OrganisationModel } = await import("~/organisations/model.server.ts");
const { UserModel } = await import("~/accounts/model.server.ts");
const { PlacementModel } = await import("~/placements/model.server.ts");
const { MenteeModel } = await import("~/mentees/model.server.ts");
const { menteeRecordFields, toPlan } = await import("~/mentees/mentees.server.ts");
const { menteeFormSchema } = await import("~/mentees/schema.server.ts");
const { rebuildPlacementIndex } = await import("~/placements/search-index.server.ts");
const { findTown, townNames } = await import("~/placements/gazetteer.server.ts");
const { supportOptions } = await import("~/placements/vocabulary.ts");
const { generatePlacements } = await import("../../seed/placements-generator.ts");
const { SavedSearchModel, AlertDigestModel } = await import("~/alerts/model.server.ts");
const { fingerprintOf } = await import("~/alerts/fingerprint.server.ts");
const { findNewFits, runDigests, SEARCHES_PER_REQUEST } = await import("~/alerts/digest.server.ts");
const { OutboxModel } = await import("~/outbox/model.server.ts");
const { timeZoneOf } = await import("~/checkins/days.ts");

function percentile(values: number[], p: number) {
  const sorted = [...values].sort((a, b) => a - b);
  return Number(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))].toFixed(1));
}
const seconds = (since: number) => Number(((performance.now() - since) / 1000).toFixed(2));

/** Deterministic numbers, so that runs compare. */
function prng(seed: number) {
  let state = seed;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 4294967296;
  };
}

const DAY = 86_400_000;
const countries = ["HR", "SI", "DK"] as const;
const result: Record<string, unknown> = { searches: searchCount, placements: placementCount, date: new Date().toISOString(), machine: { cpus: (await import("node:os")).cpus().length } };
for (const signal of ["SIGINT", "SIGTERM"] as const)
  process.on(signal, () => {
    void services.stop().finally(() => process.exit(130));
  });
try {
  await connectDatabase();
  await ensureIndexes();
  const random = prng(16);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)];

  // Placements, published over the last 30 days.
  const organisations = Array.from({ length: 90 }, (_, i) => ({
    key: `bench-org-${i}`,
    name: `Bench employer ${i}`,
    kind: i % 3 === 0 ? "social_enterprise" : "employer",
    town: ["Zagreb", "Maribor", "Aarhus"][i % 3],
    country: countries[i % 3],
    status: "verified",
  }));
  const orgIds = new Map<string, unknown>();
  for (const o of organisations) orgIds.set(o.key, (await OrganisationModel.create(o))._id);
  let started = performance.now();
  const generated = generatePlacements(placementCount, organisations, 11);
  const at = Date.now();
  for (let i = 0; i < generated.length; i += 2000) {
    await PlacementModel.insertMany(
      generated.slice(i, i + 2000).map(({ organisation, ...p }) => ({
        ...p,
        organisationId: orgIds.get(organisation),
        publishedAt: p.status === "published" ? new Date(at - Math.floor(random() * 30 * DAY)) : undefined,
      })),
      { ordered: false },
    );
  }
  result.databaseInsertSeconds = seconds(started);
  started = performance.now();
  const indexed = await rebuildPlacementIndex({ batchSize: 10_000 });
  result.bulkIndex = { documents: indexed.documents, seconds: seconds(started) };
  console.log(`indexed ${indexed.documents} placements in ${(result.bulkIndex as { seconds: number }).seconds} s`);

  // Mentors (ten searches each) of a mentor organisation in each country, and their mentees' plans.
  started = performance.now();
  const mentorOrgs = await Promise.all(
    countries.map((country) => OrganisationModel.create({ name: `Bench mentors ${country}`, kind: "mentor_organisation", mentorOrganisationType: "centre_for_social_care", town: { HR: "Zagreb", SI: "Maribor", DK: "Aarhus" }[country], country, status: "verified" })),
  );
  const mentorCount = Math.ceil(searchCount / 10);
  const mentors = await UserModel.insertMany(
    Array.from({ length: mentorCount }, (_, i) => ({
      organisationId: mentorOrgs[i % 3]._id,
      email: `bench-mentor-${i}@example.test`,
      name: `Bench mentor ${i}`,
      role: "mentor",
      approval: "approved",
      language: "en",
      passwordHash: "x",
      emailConfirmedAt: new Date(),
    })),
  );
  const towns = Object.fromEntries(countries.map((c) => [c, townNames(c, 40)]));
  const menteeDocs = Array.from({ length: searchCount }, (_, i) => {
    const mentorIndex = Math.floor(i / 10);
    const country = countries[mentorIndex % 3];
    const townName = pick(towns[country]);
    const town = findTown(townName, country)!;
    const hoursMin = pick([4, 8, 10, 15, 20]);
    const input = menteeFormSchema.parse({
      firstName: `Bench${i}`,
      language: { HR: "hr", SI: "sl", DK: "da" }[country],
      readiness: pick(["job_ready", "activity_ready", "activity_ready", "temporarily_passive"]),
      interests: "kuhanje",
      languages: random() < 0.3 ? [{ HR: "hr", SI: "sl", DK: "da" }[country], "en"] : [{ HR: "hr", SI: "sl", DK: "da" }[country]],
      town: town.name,
      country,
      travelKm: String(pick([10, 20, 30, 50])),
      hoursMin: String(hoursMin),
      hoursMax: String(hoursMin + pick([5, 10, 20])),
      supportNeeded: supportOptions.filter(() => random() < 0.15),
    });
    return { ...menteeRecordFields(input, { town: town.name, lat: town.lat, lng: town.lng }), mentorId: mentors[mentorIndex]._id, readinessChangedAt: new Date() };
  });
  const mentees: { _id: unknown; mentorId: unknown }[] = [];
  const plans: ReturnType<typeof toPlan>[] = [];
  for (let i = 0; i < menteeDocs.length; i += 2000) {
    for (const m of await MenteeModel.insertMany(menteeDocs.slice(i, i + 2000))) {
      mentees.push({ _id: m._id, mentorId: m.mentorId });
      plans.push(toPlan(m.toObject() as Parameters<typeof toPlan>[0]));
    }
  }
  const lastRun = new Date(at - DAY);
  const searchDocs = plans.map((plan, i) => ({
    mentorId: mentees[i].mentorId,
    menteeId: mentees[i]._id,
    relax: { distance: random() < 0.2, hours: false, languages: false, support: random() < 0.1 },
    fingerprint: fingerprintOf(plan),
    cadence: "daily",
    status: "active",
    timeZone: timeZoneOf(plan.country),
    savedAt: new Date(at - 30 * DAY),
    checkedUpTo: lastRun,
  }));
  for (let i = 0; i < searchDocs.length; i += 2000) await SavedSearchModel.insertMany(searchDocs.slice(i, i + 2000));
  result.setupSearchesSeconds = seconds(started);

  // 1. The finding alone: every search's plan filters plus "published since the last run", 100 a request.
  const queries = plans.map((plan, i) => ({ plan, relax: searchDocs[i].relax, from: lastRun.getTime(), until: Date.now() }));
  const perRequest: number[] = [];
  started = performance.now();
  let fits = 0;
  let withNews = 0;
  for (let i = 0; i < queries.length; i += SEARCHES_PER_REQUEST) {
    const t = performance.now();
    const found = await findNewFits(queries.slice(i, i + SEARCHES_PER_REQUEST));
    perRequest.push(performance.now() - t);
    fits += found.reduce((sum, ids) => sum + ids.length, 0);
    withNews += found.filter((ids) => ids.length > 0).length;
  }
  result.findNewFits = {
    seconds: seconds(started),
    requests: perRequest.length,
    searchesPerRequest: SEARCHES_PER_REQUEST,
    msPerRequest: { p50: percentile(perRequest, 50), p95: percentile(perRequest, 95), max: percentile(perRequest, 100) },
    searchesWithNewFits: withNews,
    newFits: fits,
  };
  console.log(`findNewFits: ${JSON.stringify(result.findNewFits)}`);

  // 2. The whole run of each zone, as the outbox carries it out at 07:00.
  const runs: Record<string, unknown> = {};
  started = performance.now();
  for (const country of countries) {
    const t = performance.now();
    const run = await runDigests(timeZoneOf(country));
    runs[timeZoneOf(country)] = { ...run, seconds: seconds(t) };
  }
  result.runDigests = {
    seconds: seconds(started),
    zones: runs,
    digestsWritten: await AlertDigestModel.countDocuments({}),
    emailsQueued: await OutboxModel.countDocuments({ kind: "email", key: /^alerts-digest:/ }),
  };
  console.log(`runDigests: ${JSON.stringify(result.runDigests)}`);

  // 3. The same runs again the same day: nothing is looked at twice, nothing sent twice.
  started = performance.now();
  for (const country of countries) await runDigests(timeZoneOf(country));
  result.repeatedRunSeconds = seconds(started);
  result.emailsAfterRepeat = await OutboxModel.countDocuments({ kind: "email", key: /^alerts-digest:/ });

  mkdirSync("bench-results", { recursive: true });
  const file = `bench-results/alerts-${searchCount}-${placementCount}.json`;
  writeFileSync(file, JSON.stringify(result, null, 2));
  console.log(`wrote ${file}`);
} finally {
  await disconnectDatabase().catch(() => {});
  await services.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
