import { Agent, request } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DAY, portalClock } from "../support/clock.ts";
import { emailsTo, waitForEmail } from "../support/mailbox.ts";
import { startPortal, type RunningPortal } from "../support/portal.ts";
import { until } from "../support/until.ts";

// The portal as two processes behind one port, against one database, Meilisearch and SMTP. Each
// answer of a portal in a test names the process that gave it (X-Portal-Process), and a kept-alive
// connection stays with the process that accepted it: so each step below is done by a process
// the test knows, and what one process did is checked on the other.
const clock = portalClock();
let portal: RunningPortal;
let first: ProcessClient;
let second: ProcessClient;
const PASSWORD = "a long and right password";

interface Answer {
  status: number;
  location: string | undefined;
  retryAfterSeconds: number;
  cookies: string;
  process: string;
  body: string;
}

interface ProcessClient {
  /** The pid of the process this client speaks to. */
  process: string;
  get(path: string, headers?: Record<string, string>): Promise<Answer>;
  post(path: string, fields: Record<string, string>, headers?: Record<string, string>): Promise<Answer>;
  /** A multipart form with a file, as a browser sends an upload. */
  upload(path: string, fields: Record<string, string>, file: { name: string; content: string }, headers?: Record<string, string>): Promise<Answer>;
  close(): void;
}

function send(agent: Agent, method: string, path: string, headers: Record<string, string>, body?: string | Buffer): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const url = new URL(path, portal.url);
    const sent = request(url, { method, agent, headers: { ...headers, ...(body === undefined ? {} : { "Content-Length": String(Buffer.byteLength(body)) }) } }, (response) => {
      let body = "";
      response.setEncoding("utf8");
      response.on("data", (chunk: string) => (body += chunk));
      response.on("end", () =>
        resolve({
          body,
          status: response.statusCode ?? 0,
          location: response.headers.location,
          retryAfterSeconds: Number(response.headers["retry-after"] ?? 0),
          cookies: (response.headers["set-cookie"] ?? []).map((cookie) => cookie.split(";")[0]).join("; "),
          process: String(response.headers["x-portal-process"]),
        }),
      );
    });
    // A connection handed to a process at the moment it is killed can go unanswered: give up on it.
    sent.setTimeout(15_000, () => sent.destroy(new Error(`${method} ${path}: no answer`)));
    sent.on("error", reject);
    sent.end(body);
  });
}

/**
 * A client whose requests all go to one process: one kept-alive connection. Before a request
 * after a pause (the server closes idle connections) it makes sure, with a GET, that its
 * connection still reaches that process, opening new ones until it does.
 */
async function clientOf(process: string | undefined): Promise<ProcessClient> {
  let agent = new Agent({ keepAlive: true, maxSockets: 1 });
  let pinned = process;
  let lastUse = 0;
  const reach = async () => {
    for (let tries = 0; tries < 20; tries++) {
      const answer = await send(agent, "GET", "/login", {});
      pinned ??= answer.process;
      if (answer.process === pinned) return;
      agent.destroy();
      agent = new Agent({ keepAlive: true, maxSockets: 1 });
    }
    throw new Error(`no connection reached process ${pinned}`);
  };
  await reach();
  lastUse = Date.now();
  const on = async (method: string, path: string, headers: Record<string, string>, body?: string | Buffer) => {
    if (Date.now() - lastUse > 1000) await reach();
    const answer = await send(agent, method, path, headers, body);
    lastUse = Date.now();
    expect(answer.process, `${method} ${path} answered by the process the test chose`).toBe(pinned);
    return answer;
  };
  return {
    process: pinned!,
    get: (path, headers = {}) => on("GET", path, headers),
    post: (path, fields, headers = {}) =>
      on("POST", path, { Origin: portal.url, "Content-Type": "application/x-www-form-urlencoded", ...headers }, new URLSearchParams(fields).toString()),
    async upload(path, fields, file, headers = {}) {
      const form = new FormData();
      form.append("file", new Blob([file.content]), file.name);
      for (const [name, value] of Object.entries(fields)) form.append(name, value);
      const encoded = new Request(portal.url, { method: "POST", body: form });
      const body = Buffer.from(await encoded.arrayBuffer());
      return on("POST", path, { Origin: portal.url, "Content-Type": encoded.headers.get("content-type")!, ...headers }, body);
    },
    close: () => agent.destroy(),
  };
}

beforeAll(async () => {
  // This test's own process keeps the portal's time too: what it writes (a claim, a ledger event) is dated as the portal would date it.
  const { followClockFile } = await import("~/clock/test-clock.server.ts");
  followClockFile(clock.env.TEST_CLOCK_FILE);
  // A short poll, so that both processes' outbox workers look for work often.
  portal = await startPortal({ TRUST_PROXY: "loopback", OUTBOX_POLL_MS: "100", ...clock.env }, { processes: 2 });
  first = await clientOf(undefined);
  for (let tries = 0; tries < 20 && !second; tries++) {
    const other = await clientOf(undefined);
    if (other.process !== first.process) second = other;
    else other.close();
  }
});
afterAll(async () => {
  first?.close();
  second?.close();
  await portal?.stop();
  clock.reset();
  (await import("~/clock/test-clock.server.ts")).resetClock();
});

let counter = 0;
/** Each step from its own client address, so that no sign-in limit of one step touches another. */
const address = () => `10.70.${Math.floor(counter / 200)}.${counter++ % 200}`;

async function newAccount(prefix: string) {
  const { UserModel } = await import("~/accounts/model.server.ts");
  const { hashPassword } = await import("~/accounts/password.server.ts");
  const email = `${prefix}.${Date.now()}.${counter++}@example.test`;
  await UserModel.create({ email, name: "Vesna", role: "employer", language: "en", passwordHash: await hashPassword(PASSWORD), emailConfirmedAt: new Date() });
  return email;
}

async function signIn(on: ProcessClient, email: string) {
  const answer = await on.post("/login", { email, password: PASSWORD }, { "X-Forwarded-For": address() });
  expect(answer.status, `sign-in of ${email}`).toBe(302);
  return answer.cookies;
}

async function isSignedIn(on: ProcessClient, cookies: string) {
  const answer = await on.get("/account/password", { Cookie: cookies });
  if (answer.status === 200) return true;
  expect(answer.status).toBe(302);
  expect(answer.location).toMatch(/^\/login/);
  return false;
}

describe("the portal as two processes", () => {
  it("runs two processes, which the test reaches one by one", () => {
    expect(portal.output()).toContain("(2 processes)");
    expect(second, "a connection to a second process").toBeDefined();
    expect(second.process).not.toBe(first.process);
    expect(portal.workerPids().map(String).sort()).toEqual([first.process, second.process].sort());
  });

  it("keeps a sign-in made on one process on the other, and a sign-out on the other ends it on the first", async () => {
    const cookies = await signIn(first, await newAccount("across"));
    expect(await isSignedIn(second, cookies)).toBe(true);
    const out = await second.post("/logout", {}, { Cookie: cookies });
    expect(out.status).toBe(302);
    expect(await isSignedIn(first, cookies)).toBe(false);
  });

  it("holds a sign-in limit reached on one process on the other", async () => {
    const email = await newAccount("limit");
    // The limit on one account from browsers that never signed in to it: 20 wrong passwords an hour, all on the first process.
    for (let n = 0; n < 20; n++) expect((await first.post("/login", { email, password: `guess ${n}` }, { "X-Forwarded-For": address() })).status, `guess ${n}`).toBe(400);
    expect((await second.post("/login", { email, password: "one more guess" }, { "X-Forwarded-For": address() })).status).toBe(429);
    expect((await second.post("/login", { email, password: PASSWORD }, { "X-Forwarded-For": address() })).status).toBe(429);
    expect((await first.post("/login", { email, password: PASSWORD }, { "X-Forwarded-For": address() })).status).toBe(429);
  });

  it("lets one try of a burst on both processes through during a wait, not one per process", async () => {
    const email = await newAccount("burst");
    const from = address();
    const tryOn = (on: ProcessClient, password: string) => on.post("/login", { email, password }, { "X-Forwarded-For": from });
    // Twelve wrong passwords from one client, moving the clock past each wait as it comes (1 s, 2 s, 4 s …).
    let failures = 0;
    for (let tries = 0; failures < 12 && tries < 40; tries++) {
      const answer = await tryOn(tries % 2 === 0 ? first : second, `wrong ${tries}`);
      if (answer.status === 400) failures++;
      else {
        expect(answer.status).toBe(429);
        clock.move((answer.retryAfterSeconds + 1) * 1000);
      }
    }
    expect(failures).toBe(12);
    // The wait is now two minutes; once it is over, six tries at once, three on each process.
    const burst = [first, second];
    for (let n = 0; n < 4; n++) burst.push(await clientOf(burst[n % 2].process));
    await Promise.all(burst.map((on) => on.get("/login")));
    clock.move(3 * 60_000);
    const answers = await Promise.all(burst.map((on, n) => tryOn(on, `burst ${n}`)));
    for (const client of burst.slice(2)) client.close();
    expect(answers.map((a) => a.status).sort()).toEqual([400, 429, 429, 429, 429, 429]);
  });

  it("sends each e-mail either process queued exactly once, while both run the outbox", async () => {
    const accounts = await Promise.all([0, 1, 2, 3, 4, 5].map((n) => newAccount(`reset-${n}`)));
    for (const [n, email] of accounts.entries()) {
      const asked = await (n % 2 === 0 ? first : second).post("/forgot-password", { email }, { "X-Forwarded-For": address() });
      expect(asked.status, `reset asked for ${email}`).toBe(200);
    }
    const mailboxDir = process.env.MAILBOX_DIR!;
    for (const email of accounts) await waitForEmail(mailboxDir, email);
    const { OutboxModel } = await import("~/outbox/model.server.ts");
    // Sent is written after the SMTP server took the e-mail: a second sending would be in the mailbox by then.
    await until("every e-mail marked sent", async () => (await OutboxModel.countDocuments({ status: { $ne: "sent" } })) === 0);
    for (const email of accounts) expect((await emailsTo(mailboxDir, email)).length, `e-mails to ${email}`).toBe(1);
    const { OutboxClaimModel } = await import("~/outbox/model.server.ts");
    const claimedBy = new Set((await OutboxClaimModel.find({}).lean()).map((claim) => String(claim.worker).split("-")[0]));
    // Each process starts its own worker at once on what it queued: both took part.
    expect([...claimedBy].sort()).toEqual([first.process, second.process].sort());
  });

  it("counts the outcomes on each process from the one ledger, whatever another process recorded since", async () => {
    const { Types } = await import("mongoose");
    const { UserModel } = await import("~/accounts/model.server.ts");
    const { OrganisationModel } = await import("~/organisations/model.server.ts");
    const { appendLedgerFacts } = await import("~/ledger/ledger.server.ts");
    const { programmeToday } = await import("~/i18n/dates.ts");
    const coordinator = await newAccount("coordinator");
    await UserModel.updateOne({ email: coordinator }, { $set: { role: "coordinator" } });
    const cookies = await signIn(first, coordinator);
    const programme = await OrganisationModel.create({ name: "Procesi Split", kind: "mentor_organisation", town: "Split", country: "HR", status: "verified" });
    const today = programmeToday();
    const scope = `organisation:${String(programme._id)}`;
    const caseload = async (on: ProcessClient) => {
      const answer = await on.get(`/coordinator/outcomes/export?from=${today.slice(0, 8)}01&to=${today}&scope=${scope}&format=json`, { Cookie: cookies });
      expect(answer.status).toBe(200);
      return (JSON.parse(answer.body) as { figures: { id: string; value: unknown }[] }).figures.find((figure) => figure.id === "funnel.caseload")?.value;
    };
    const mentorId = String(new Types.ObjectId());
    // Joined today, recorded by a process that serves no page (this test's own).
    const join = (count: number) =>
      appendLedgerFacts(
        Array.from({ length: count }, () => ({ kind: "joined" as const, day: today, menteeId: String(new Types.ObjectId()), to: "activity_ready", mentorId, organisationId: String(programme._id), country: "HR" })),
      );
    // Both processes have read the ledger before the events are recorded.
    const before = [await caseload(first), await caseload(second)];
    expect(before[0]).toEqual(before[1]);
    await join(5);
    expect([await caseload(first), await caseload(second)]).toEqual([5, 5]);
    await join(2);
    expect([await caseload(second), await caseload(first)]).toEqual([7, 7]);
  });

  it("lets one person run one import at a time across the processes", async () => {
    const { UserModel } = await import("~/accounts/model.server.ts");
    const { takeSharedImportTurn } = await import("~/import/running.server.ts");
    const en = (await import("~/locales/en.json")).default;
    const email = await newAccount("importer");
    const coordinator = (await UserModel.findOneAndUpdate({ email }, { $set: { role: "coordinator" } }, { new: true }).lean())!;
    const cookies = await signIn(first, email);
    const file = { name: "organisations.csv", content: "key,name,kind,town,country\nprocesi-split,Procesi Split,employer,Split,HR\n" };
    const check = (on: ProcessClient) => on.upload("/coordinator/import", { intent: "check" }, file, { Cookie: cookies });
    // An import of hers runs in another process (this test's own): neither portal process starts another.
    const running = await takeSharedImportTurn(String(coordinator._id));
    expect(running.ok).toBe(true);
    for (const on of [first, second]) {
      const refused = await check(on);
      expect(refused.status).toBe(429);
      expect(refused.body).toContain(en.import.errors.stillRunning);
    }
    if (running.ok) await running.done();
    for (const on of [second, first]) {
      const checked = await check(on);
      expect(checked.status).toBe(200);
      expect(checked.body).toContain(en.import.report.dryRun);
    }
  });

  it("replaces a process that dies, and keeps serving meanwhile", async () => {
    const dead = second.process;
    second.close();
    process.kill(Number(dead), "SIGKILL");
    const replacement = await until("a new process answering", async () => {
      const client = await clientOf(undefined).catch(() => undefined);
      client?.close();
      return client !== undefined && client.process !== first.process && client.process !== dead && client.process;
    });
    expect(portal.output()).toContain(`Portal process ${dead} was killed by SIGKILL; starting another in 0.5 s.`);
    second = await clientOf(replacement);
  });

  it("moves both processes' clocks with the test clock", async () => {
    const cookies = await signIn(first, await newAccount("clock"));
    clock.move(15 * DAY);
    expect(await isSignedIn(first, cookies)).toBe(false);
    const later = await signIn(second, await newAccount("clock-later"));
    expect(await isSignedIn(first, later)).toBe(true);
    clock.move(15 * DAY);
    expect(await isSignedIn(second, later)).toBe(false);
  });
});
