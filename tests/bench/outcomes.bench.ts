// `npm run bench [-- --mentees 20000]`: loads a generated 18-month programme history (seed/
// outcomes-history.ts: N mentees, about five ledger events each) into real services and measures
// counting the outcomes figures, reading the ledger cold, and the coordinator's outcomes page.
// Writes bench-results/outcomes-<N>.json. A benchmark, not a test: nothing here passes or fails
// on a number.
import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { startServices } from "../../server/services/manager.ts";
import { startPortal } from "../support/portal.ts";

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
};
const mentees = Number(arg("mentees", "20000"));
const repetitions = Number(arg("repetitions", "30"));

const dataDir = join(process.cwd(), ".data", `bench-outcomes-${process.pid}`);
const services = await startServices({ dataDir, source: {} as NodeJS.ProcessEnv });
Object.assign(process.env, services.env, { MONGODB_URI: services.env.MONGODB_URI.replace(/\/[^/]*$/, "/bench"), LOG_REQUESTS: "false" });
process.env.DATA_ENCRYPTION_KEY ??= randomBytes(32).toString("base64");

const { connectDatabase, disconnectDatabase } = await import("~/db/connection.server.ts");
const { ensureIndexes } = await import("~/models.server.ts");
const { UserModel } = await import("~/accounts/model.server.ts");
const { hashPassword } = await import("~/accounts/password.server.ts");
const { OrganisationModel } = await import("~/organisations/model.server.ts");
const { ledgerFacts } = await import("~/ledger/reader.server.ts");
const { countFigures } = await import("~/outcomes/figures.ts");
const { programmeToday } = await import("~/i18n/dates.ts");
const { generateOutcomesHistory, insertOutcomesHistory } = await import("../../seed/outcomes-history.ts");
const { appendLedgerFacts } = await import("~/ledger/ledger.server.ts");
const { addMonths } = await import("~/outcomes/figures.ts");

function percentile(values: number[], p: number) {
  const sorted = [...values].sort((a, b) => a - b);
  return Number(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))].toFixed(2));
}
const seconds = (since: number) => Number(((performance.now() - since) / 1000).toFixed(1));
const megabytes = (bytes: number) => Math.round(bytes / 1e6);
/** A process's resident memory, from /proc (Linux); null elsewhere. */
function rssOf(pid: number): number | null {
  try {
    const kb = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1];
    return kb ? Math.round(Number(kb) / 1000) : null;
  } catch {
    return null;
  }
}

const result: Record<string, unknown> = { mentees, date: new Date().toISOString(), machine: { cpus: (await import("node:os")).cpus().length } };
let portal: Awaited<ReturnType<typeof startPortal>> | undefined;
for (const signal of ["SIGINT", "SIGTERM"] as const)
  process.on(signal, () => {
    void Promise.allSettled([portal?.stop(), services.stop()]).finally(() => process.exit(130));
  });
try {
  await connectDatabase();
  await ensureIndexes();

  // Twelve mentor organisations (four a country), five mentors each.
  const countries = ["HR", "SI", "DK"] as const;
  const towns = { HR: "Zagreb", SI: "Ljubljana", DK: "Aarhus" } as const;
  const organisations = [];
  for (let i = 0; i < 12; i++) {
    const country = countries[i % 3];
    const organisation = await OrganisationModel.create({ key: `bench-mentors-${i}`, name: `Bench mentor organisation ${i}`, kind: "mentor_organisation", mentorOrganisationType: "ngo", town: towns[country], country, status: "verified" });
    const mentorIds = [];
    for (let j = 0; j < 5; j++) {
      const mentor = await UserModel.create({ email: `bench-mentor-${i}-${j}@example.test`, name: `Mentor ${i}-${j}`, role: "mentor", approval: "approved", organisationId: organisation._id, passwordHash: "x", emailConfirmedAt: new Date() });
      mentorIds.push(String(mentor._id));
    }
    organisations.push({ id: String(organisation._id), country, mentorIds });
  }

  const today = programmeToday();
  let started = performance.now();
  const history = generateOutcomesHistory({ seed: 14, mentees, months: 18, endDay: today, organisations });
  result.generate = { facts: history.facts.length, seconds: seconds(started) };
  started = performance.now();
  await insertOutcomesHistory(history);
  result.databaseInsert = { mentees, events: history.facts.length, seconds: seconds(started) };
  console.log(`inserted ${mentees} mentees and ${history.facts.length} events in ${seconds(started)} s`);

  // (b) The ledger read cold: the first call reads every event; the process's memory after it.
  const rssBefore = process.memoryUsage().rss;
  started = performance.now();
  const facts = await ledgerFacts();
  result.coldLedgerRead = { events: facts.length, seconds: seconds(started), benchProcessRssMbBefore: megabytes(rssBefore), benchProcessRssMbAfter: megabytes(process.memoryUsage().rss) };
  started = performance.now();
  await ledgerFacts();
  result.warmLedgerFollowMs = Number((performance.now() - started).toFixed(2));

  // (a) Counting the figures in memory, for the kinds of question a coordinator asks.
  const quarterFrom = addMonths(today, -3);
  const eighteenFrom = addMonths(today, -18);
  const queries = {
    "all, 18 months": { from: eighteenFrom, to: today, scope: { kind: "all" } },
    "all, 3 months": { from: quarterFrom, to: today, scope: { kind: "all" } },
    "one organisation, 18 months": { from: eighteenFrom, to: today, scope: { kind: "organisation", id: organisations[0].id } },
    "one organisation, 3 months": { from: quarterFrom, to: today, scope: { kind: "organisation", id: organisations[0].id } },
    "one country, 18 months": { from: eighteenFrom, to: today, scope: { kind: "country", code: "SI" } },
    "one country, 3 months": { from: quarterFrom, to: today, scope: { kind: "country", code: "SI" } },
    "one mentor, 18 months": { from: eighteenFrom, to: today, scope: { kind: "mentor", id: organisations[0].mentorIds[0] } },
  } as const;
  const counting: Record<string, { p50: number; p95: number; caseload: number }> = {};
  for (const [name, query] of Object.entries(queries)) {
    const times: number[] = [];
    let caseload = 0;
    for (let i = 0; i < repetitions; i++) {
      const t = performance.now();
      caseload = countFigures(facts, { ...query, today }).figures.funnel.caseload.value;
      times.push(performance.now() - t);
    }
    counting[name] = { p50: percentile(times, 50), p95: percentile(times, 95), caseload };
  }
  result.countFiguresMs = counting;

  // (c) The coordinator's outcomes page through the real portal, when this build has it.
  portal = await startPortal({ ...services.env, MONGODB_URI: process.env.MONGODB_URI!, NODE_ENV: "production", DATA_ENCRYPTION_KEY: process.env.DATA_ENCRYPTION_KEY } as Record<string, string>);
  const email = `bench-coordinator-${Date.now()}@example.test`;
  await UserModel.create({ email, name: "Bench coordinator", role: "coordinator", approval: "approved", passwordHash: await hashPassword("bench password 123"), emailConfirmedAt: new Date() });
  const login = await fetch(`${portal.url}/login`, {
    method: "POST",
    redirect: "manual",
    headers: { Origin: portal.url, "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ email, password: "bench password 123" }),
  });
  const cookie = login.headers.get("set-cookie")!.split(";")[0];
  const pages = {
    "all, 18 months": `scope=all&from=${eighteenFrom}&to=${today}`,
    "one organisation, 3 months": `scope=organisation:${organisations[0].id}&from=${quarterFrom}&to=${today}`,
    "one country, 18 months": `scope=country:SI&from=${eighteenFrom}&to=${today}`,
  };
  // The first request after the start may pay for reading the ledger (unless the portal warmed it at its start).
  let t = performance.now();
  const probe = await fetch(`${portal.url}/coordinator/outcomes`, { headers: { Cookie: cookie } });
  await probe.text();
  const firstRequestMs = Number((performance.now() - t).toFixed(2));
  if (probe.status === 404) {
    result.outcomesPage = "not measured: this build has no /coordinator/outcomes";
  } else {
    const page: Record<string, unknown> = { firstRequest: { status: probe.status, ms: firstRequestMs }, portalRssMbAfterFirst: rssOf(portal.pid) };
    const measured: Record<string, { p50: number; p95: number }> = {};
    for (const [name, q] of Object.entries(pages)) {
      const times: number[] = [];
      for (let i = 0; i < repetitions; i++) {
        // One event recorded before each request, as in a programme at work: the portal follows it
        // and counts afresh (it keeps a count only while the ledger is unchanged).
        await appendLedgerFacts([{ ...history.facts[i % history.facts.length], day: history.facts.at(-1)!.day }]);
        t = performance.now();
        const response = await fetch(`${portal.url}/coordinator/outcomes?${q}`, { headers: { Cookie: cookie } });
        await response.text();
        if (response.status !== 200) throw new Error(`/coordinator/outcomes?${q} answered ${response.status}`);
        times.push(performance.now() - t);
      }
      measured[name] = { p50: percentile(times, 50), p95: percentile(times, 95) };
    }
    page.endToEndMs = measured;
    page.portalRssMb = rssOf(portal.pid);
    result.outcomesPage = page;
  }
  result.benchProcessRssMb = megabytes(process.memoryUsage().rss);
} finally {
  await portal?.stop();
  await disconnectDatabase().catch(() => {});
  await services.stop();
  rmSync(dataDir, { recursive: true, force: true });
}

mkdirSync("bench-results", { recursive: true });
const file = `bench-results/outcomes-${mentees}.json`;
writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
console.log(JSON.stringify(result, null, 2));
console.log(`written to ${file}`);
