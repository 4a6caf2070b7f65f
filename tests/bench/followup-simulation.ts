// `npm run simulate:followup -- --placements 1000 --months 7`: starts its own FerretDB and SMTP,
// records the start of N placements on spread days, then moves the clock through the months with
// two outbox worker processes running at once, stops SMTP for one simulated day and the database
// for a moment in between, and prints one line:
//   follow-up: placements N checkins-due N reminders-expected N sent N duplicates N lost N quiet-flagged N seconds S
// Expected reminders come from the plan's pure rules (schedule.ts, reminders.ts); sent,
// duplicates and lost are read from the SMTP server's mailbox, not from the portal's bookkeeping.
// No check-in is recorded, so every reminder of every check-in due in the window is expected.
// A benchmark, not a test: nothing passes or fails here; duplicates and lost must read 0.
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { appendFileSync, mkdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { startFerretdb } from "../../server/services/ferretdb.ts";
import { postgresBinDir, startPostgres } from "../../server/services/postgres.ts";
import { startSmtp } from "../../server/services/smtp.ts";

const { values: args } = parseArgs({
  options: {
    placements: { type: "string", default: "1000" },
    months: { type: "string", default: "7" },
    keep: { type: "boolean", default: false },
    // FerretDB's PostgreSQL backend where the machine has PostgreSQL: at a thousand placements the
    // SQLite backend reads the whole outbox for every query that is not by _id (decision 015).
    backend: { type: "string", default: postgresBinDir() ? "postgresql" : "sqlite" },
  },
});
if (args.backend !== "postgresql" && args.backend !== "sqlite") throw new Error("--backend is postgresql or sqlite");
const PLACEMENTS = Number(args.placements);
const MONTHS = Number(args.months);
const DAY = 24 * 60 * 60_000;
const STEP = 6 * 60 * 60_000;
const began = Date.now();

const dataDir = join(process.cwd(), ".data", `simulate-followup-${process.pid}`);
mkdirSync(dataDir, { recursive: true });
let postgres = args.backend === "postgresql" ? await startPostgres(dataDir) : undefined;
let ferret = await startFerretdb(dataDir, { postgresqlUrl: postgres?.url });
let smtp = await startSmtp(dataDir);
const clockFile = join(dataDir, "clock.json");
Object.assign(process.env, {
  NODE_ENV: "test",
  MONGODB_URI: ferret.uri.replace(/\/[^/]*$/, "/simulate_followup"),
  SMTP_URL: `smtp://127.0.0.1:${smtp.port}`,
  MAILBOX_DIR: smtp.mailboxDir,
  // Nothing in the simulation searches; the variable must only be well formed.
  MEILI_HOST: "http://127.0.0.1:9",
  DATA_ENCRYPTION_KEY: randomBytes(32).toString("base64"),
  PASSWORD_HASH_COST: "4",
  OUTBOX_BACKOFF_BASE_MS: "200",
  TEST_CLOCK_FILE: clockFile,
  LOG_REQUESTS: "false",
});

const { followClockFile, writeClockFile } = await import("~/clock/test-clock.server.ts");
writeClockFile(clockFile, 0);
followClockFile(clockFile);
const { nowMs } = await import("~/clock/clock.ts");
const { connectDatabase, disconnectDatabase } = await import("~/db/connection.server.ts");
const { ensureIndexes } = await import("~/models.server.ts");
await connectDatabase();
await ensureIndexes();

const { UserModel } = await import("~/accounts/model.server.ts");
const { OrganisationModel } = await import("~/organisations/model.server.ts");
const { createPlacement } = await import("~/placements/placements.server.ts");
const { createMentee } = await import("~/mentees/mentees.server.ts");
const { MenteeModel } = await import("~/mentees/model.server.ts");
const { ProposalModel } = await import("~/matching/model.server.ts");
const { startIntroduction, giveConsent } = await import("~/introductions/introductions.server.ts");
const { respondToIntroduction } = await import("~/introductions/employer.server.ts");
const { startFollowUp, quietStateOf, todayIn } = await import("~/checkins/checkins.server.ts");
const { addDays, timeZoneOf } = await import("~/checkins/days.ts");
const { followUpSchedule } = await import("~/checkins/schedule.ts");
const { remindersFor } = await import("~/checkins/reminders.ts");
const { quietReasons } = await import("~/checkins/quiet.ts");
const { CheckinModel, FollowUpModel } = await import("~/checkins/model.server.ts");
const { OutboxModel } = await import("~/outbox/model.server.ts");
const { readMailbox } = await import("~/email/mailbox.server.ts");
const { menteeInput } = await import("../support/mentees.ts");
const { placementInput } = await import("../support/placements.ts");

const towns = [
  { town: "Varaždin", country: "HR" },
  { town: "Maribor", country: "SI" },
  { town: "Aarhus", country: "DK" },
] as const;

// People and places: a mentor for every 25 placements, an employer (one person) for every 50.
const mentorOrganisation = await OrganisationModel.create({ name: "Simulation mentors", kind: "mentor_organisation", mentorOrganisationType: "centre_for_social_care", town: "Varaždin", country: "HR", status: "verified" });
const user = async (role: "mentor" | "employer" | "mentee", n: number, organisationId?: unknown) =>
  (await UserModel.create({ email: `${role}-${n}@simulation.test`, name: `${role} ${n}`, role, language: (["hr", "sl", "da", "en"] as const)[n % 4], organisationId, passwordHash: "x", emailConfirmedAt: new Date() })).toObject();
const mentors = await Promise.all(Array.from({ length: Math.ceil(PLACEMENTS / 25) }, (_, n) => user("mentor", n, mentorOrganisation._id)));
const employers = [];
const placements: string[] = [];
for (let n = 0; n < Math.ceil(PLACEMENTS / 50); n++) {
  const place = towns[n % towns.length];
  const organisation = await OrganisationModel.create({ name: `Simulation employer ${n}`, kind: "employer", town: place.town, country: place.country, status: "verified" });
  const employer = await user("employer", n, organisation._id);
  const created = await createPlacement(employer as never, placementInput({ title: `Simulation placement ${n}`, kind: "work_trial", town: place.town, country: place.country }), { publish: false });
  if (!created.ok) throw new Error(`placement: ${JSON.stringify(created)}`);
  employers.push(employer);
  placements.push(created.id);
}
await OutboxModel.deleteMany({ kind: "placement-sync" });

// Each placement: a mentee with her own account, introduced with consent, accepted, started on a day spread over a month.
const startedAt = nowMs();
let startedUntil = startedAt;
const today = todayIn("HR");
let expected = 0;
let checkinsDue = 0;
const endAt = startedAt + MONTHS * 30 * DAY;
for (let i = 0; i < PLACEMENTS; i++) {
  const mentor = mentors[i % mentors.length];
  const e = Math.floor(i / 50);
  const place = towns[e % towns.length];
  const email = `mentee-${i}@simulation.test`;
  const mentee = await createMentee(mentor as never, menteeInput({ firstName: `Ana${i}`, email, town: place.town, country: place.country }));
  if (!mentee.ok) throw new Error(`mentee: ${JSON.stringify(mentee)}`);
  const account = await user("mentee", i);
  await MenteeModel.updateOne({ _id: mentee.id }, { $set: { userId: account._id } });
  const proposal = await ProposalModel.create({ menteeId: mentee.id, placementId: placements[e], mentorId: mentor._id, status: "interested" });
  const introduction = await startIntroduction(mentor as never, String(proposal._id));
  if (!introduction.ok) throw new Error("introduction");
  await giveConsent(mentor as never, introduction.id, { fields: ["firstName"], note: "", method: "with_mentor" });
  await respondToIntroduction(employers[e] as never, introduction.id, { answer: "accepted" });
  const startDay = addDays(today, i % 30);
  const plannedEndDay = addDays(startDay, 61);
  const started = await startFollowUp(mentor as never, introduction.id, { startDay, hoursPerWeek: 20, plannedEndDay });
  if (!started.ok) throw new Error(`start: ${JSON.stringify(started)}`);
  const recordedAt = nowMs();
  if ((i + 1) % 50 === 0) console.error(`simulate:followup: ${i + 1} of ${PLACEMENTS} placements started, ${Math.round((Date.now() - began) / 1000)} s`);
  // What the rules say must reach the mailbox: every reminder after the start was recorded and before the end of the window.
  for (const checkin of followUpSchedule(startDay, plannedEndDay)) {
    if (checkin.dueDay.getTime() <= endAt) checkinsDue++;
    for (const reminder of remindersFor(checkin.dueDay, "both", timeZoneOf(place.country))) {
      if (reminder.at.getTime() > recordedAt && reminder.at.getTime() <= endAt) expected++;
    }
  }
}

startedUntil = nowMs();
// Two worker processes, as two portal processes would run.
const workerLog = join(dataDir, "workers.log");
const workers: ChildProcess[] = [0, 1].map(() => {
  const child = spawn(process.execPath, ["--import", "tsx", "tests/bench/followup-worker.ts"], { env: process.env, stdio: ["ignore", "ignore", "pipe", "ipc"] });
  child.stderr?.on("data", (chunk: Buffer) => appendFileSync(workerLog, chunk));
  return child;
});
// Interrupted: the workers go too (they also leave when this process's channel to them closes).
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    for (const worker of workers) worker.kill("SIGTERM");
    process.exit(130);
  });
}
let unsettledSteps = 0;
// The outbox's pending items of the UTC days from one moment to another, found as the workers find
// them (by equality on dueDay: a range query reads every pending item on FerretDB).
const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);
async function pendingBetween(fromMs: number, toMs: number) {
  const items = [];
  for (let day = dayOf(fromMs); day <= dayOf(toMs); day = dayOf(Date.parse(day) + DAY)) {
    items.push(...(await OutboxModel.find({ status: "pending", dueDay: day }).select("nextAttemptAt leasedUntil").lean()));
  }
  return items;
}
// Settled: nothing due and nothing in a worker's hands (an item being sent holds a lease; moving
// the clock past it would hand the item to the other worker while the first still sends it).
async function due(sinceMs: number) {
  const at = nowMs();
  // An item in a worker's hands is on the day its lease ends, a couple of minutes ahead at most.
  const items = await pendingBetween(sinceMs, at + 5 * 60_000);
  return items.filter((item) => item.nextAttemptAt.getTime() <= at || (item.leasedUntil?.getTime() ?? 0) > at).length;
}
async function settle(sinceMs: number, deadlineMs = 4 * 60_000) {
  const deadline = Date.now() + deadlineMs;
  while (Date.now() < deadline) {
    if ((await due(sinceMs).catch(() => 1)) === 0) return;
    await new Promise((r) => setTimeout(r, 500));
  }
  unsettledSteps++;
  console.error(`simulate:followup: items still due after ${deadlineMs / 1000} s at ${new Date(nowMs()).toISOString()} (workers' log: ${workerLog})`);
}
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const smtpDownAt = startedAt + 40 * DAY;
const databaseDownAt = startedAt + 100 * DAY;
let smtpDown = false;
let databaseStopped = false;
// The clock goes from one due item to the next (at most a day at a time, and to each outage's edges).
async function nextMoment(from: number): Promise<number> {
  const later = (await pendingBetween(from, from + DAY)).map((item) => item.nextAttemptAt.getTime()).filter((t) => t > from);
  const next = later.length ? Math.min(...later) : undefined;
  const candidates = [from + DAY, smtpDownAt, smtpDownAt + DAY, databaseDownAt, endAt].filter((t) => t > from);
  // While SMTP is down the workers' attempts fail: they go on trying every few simulated hours.
  if (smtpDown) candidates.push(from + STEP);
  else if (next !== undefined) candidates.push(next);
  return Math.max(from + 60_000, Math.min(...candidates));
}
let steps = 0;
let previous = startedUntil;
for (let at = await nextMoment(startedUntil); at <= endAt; previous = at, at = at === endAt ? endAt + 1 : await nextMoment(at)) {
  steps++;
  if (steps % 20 === 0) console.error(`simulate:followup: day ${Math.floor((at - startedAt) / DAY)} of ${MONTHS * 30}, ${Math.round((Date.now() - began) / 1000)} s`);
  // The clock file holds an offset from the machine's time, which runs on while we wait: each step sets the moment itself.
  writeClockFile(clockFile, at - Date.now());
  if (!smtpDown && at >= smtpDownAt && at < smtpDownAt + DAY) {
    smtpDown = true;
    await smtp.service.stop();
  }
  if (smtpDown && at >= smtpDownAt + DAY) {
    smtp = await startSmtp(dataDir, { port: smtp.port });
    smtpDown = false;
  }
  if (!databaseStopped && at >= databaseDownAt) {
    databaseStopped = true;
    await ferret.service.stop();
    await postgres?.service.stop();
    await sleep(3000);
    if (postgres) postgres = await startPostgres(dataDir, { port: postgres.port });
    ferret = await startFerretdb(dataDir, { port: ferret.port, build: false, postgresqlUrl: postgres?.url });
  }
  if (smtpDown) await sleep(1500);
  else await settle(previous);
}
await settle(smtpDownAt);
for (const worker of workers) worker.kill("SIGTERM");
await Promise.all(workers.map((w) => new Promise((r) => (w.exitCode !== null ? r(null) : w.once("exit", r)))));
if (unsettledSteps) console.error(`simulate:followup: ${unsettledSteps} of ${steps} steps did not settle`);

// The mailbox: reminders only (each names the page it asks to open), each distinct content once.
const messages = (await readMailbox(smtp.mailboxDir)).filter((m) => /\/mentor\/checkins\/|\/me\/checkins|\/employer\/placed/.test(m.text));
const seen = new Map<string, number>();
for (const m of messages) {
  const id = `${m.to}\n${m.subject}\n${m.text}`;
  seen.set(id, (seen.get(id) ?? 0) + 1);
}
const duplicates = [...seen.values()].reduce((sum, n) => sum + n - 1, 0);
const lost = Math.max(0, expected - seen.size);

let quiet = 0;
for (const followUp of await FollowUpModel.find({}).lean()) {
  const checkins = await CheckinModel.find({ followUpId: followUp._id }).lean();
  if (quietReasons(quietStateOf(followUp, checkins as never), todayIn(followUp.country)).length) quiet++;
}
const seconds = Math.round((Date.now() - began) / 1000);
console.error(`simulate:followup: FerretDB's ${args.backend} backend`);
console.log(`follow-up: placements ${PLACEMENTS} checkins-due ${checkinsDue} reminders-expected ${expected} sent ${messages.length} duplicates ${duplicates} lost ${lost} quiet-flagged ${quiet} seconds ${seconds}`);

await disconnectDatabase();
await Promise.all([smtp.service.stop(), ferret.service.stop()]);
await postgres?.service.stop();
if (!args.keep && !unsettledSteps) rmSync(dataDir, { recursive: true, force: true });
