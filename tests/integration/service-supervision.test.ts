import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "../../server/services/processes.ts";
import type { RunningServicesFile } from "../../server/runtime.ts";
import { emailsTo, waitForEmail } from "../support/mailbox.ts";
import { postForm, startPortal, type RunningPortal } from "../support/portal.ts";

// A portal that starts its own FerretDB, Meilisearch and SMTP server (nothing of the test run's
// shared services is named to it), with their data in a folder of this file's own.
const dataDir = mkdtempSync(join(process.env.SERVICES_DATA_DIR!, "supervision-"));
const runningFile = join(dataDir, "running-services.json");
let portal: RunningPortal;

interface Health {
  status: number;
  body: { status: string; services: Record<string, { ok: boolean; embedded?: { state: string; restarts: number; lastRestartAt: string | null } }> };
}

async function health(url = portal.url): Promise<Health> {
  const response = await fetch(`${url}/healthz`);
  return { status: response.status, body: (await response.json()) as Health["body"] };
}

async function until<T>(what: string, check: () => Promise<T | undefined> | T | undefined, timeoutMs = 90_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = await check();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error(`${what}: not reached within ${timeoutMs} ms\n${portal.output().slice(-3000)}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Every service pid this file has seen, so that nothing is left behind even when a test fails. */
const seenPids = new Set<number>();

function running(): RunningServicesFile {
  const file = JSON.parse(readFileSync(runningFile, "utf8")) as RunningServicesFile;
  for (const { pid } of file.services) if (pid) seenPids.add(pid);
  return file;
}

function pidOf(name: string): number {
  const pid = running().services.find((s) => s.name === name)?.pid;
  if (!pid) throw new Error(`no pid for ${name} in ${runningFile}`);
  return pid;
}

/** Alive and not a zombie waiting to be reaped. */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2)[0] !== "Z";
  } catch {
    return false;
  }
}

/** Kills a service the way a crash or the out-of-memory killer would, and waits until it is gone. */
async function crash(name: string): Promise<number> {
  const pid = pidOf(name);
  process.kill(pid, "SIGKILL");
  await until(`${name} (pid ${pid}) gone`, () => (isAlive(pid) ? undefined : true));
  return pid;
}

/** Waits until /healthz answers 200 and reports the service restarted `restarts` times. */
function recovered(service: string, restarts: number) {
  return until(`/healthz 200 with ${service} restarted ${restarts}×`, async () => {
    const report = await health().catch(() => undefined);
    return report?.status === 200 && report.body.services[service].embedded?.restarts === restarts ? report : undefined;
  });
}

/** Names none of the test run's services, so that the portal starts its own. */
const ownServices = { MONGODB_URI: undefined, MEILI_HOST: undefined, MEILI_MASTER_KEY: undefined, SMTP_URL: undefined, MAILBOX_DIR: undefined, MEILI_INDEX_PREFIX: undefined };
let placementsBefore: number | undefined;

beforeAll(async () => {
  portal = await startPortal(
    { ...ownServices, SERVICES_DATA_DIR: dataDir, OUTBOX_POLL_MS: "200", OUTBOX_BACKOFF_BASE_MS: "200" },
    { seed: true, startTimeoutMs: 150_000 },
  );
}, 180_000);

afterAll(async () => {
  await portal?.stop();
  // Should a portal have left a service behind, it is stopped here (and a test above failed);
  // only a process that still works on this file's data, in case its pid was reused.
  if (existsSync(runningFile)) running();
  for (const pid of seenPids) {
    if (isAlive(pid) && readFileSync(`/proc/${pid}/cmdline`, "utf8").includes(dataDir)) process.kill(pid, "SIGKILL");
  }
  rmSync(dataDir, { recursive: true, force: true });
});

/** The public search page: how many placements it found, and whether it says it fell back to the database. */
async function placementsFound(): Promise<{ status: number; count: number | undefined; fallback: boolean }> {
  const response = await fetch(`${portal.url}/placements`, { headers: { "Accept-Language": "en" } });
  const html = await response.text();
  const count = html.match(/>(\d+) placements found</)?.[1];
  return { status: response.status, count: count ? Number(count) : undefined, fallback: html.includes(">Search is running in a simpler mode") };
}

describe("the embedded services of a portal", { timeout: 180_000 }, () => {
  it("says on /healthz that they run and were never restarted, and tells where they run only in its own file", async () => {
    const { status, body } = await health();
    expect(status).toBe(200);
    for (const name of ["database", "search", "email"]) expect(body.services[name].embedded).toEqual({ state: "running", restarts: 0, lastRestartAt: null });
    expect(running().services.map((s) => s.name).sort()).toEqual(["ferretdb", "meilisearch", "smtp"]);
    for (const { pid } of running().services) expect(isAlive(pid!)).toBe(true);
  });

  it("restarts Meilisearch when it is killed, with its index, and search works again", async () => {
    const before = await placementsFound();
    expect(before).toMatchObject({ status: 200, fallback: false });
    expect(before.count).toBeGreaterThan(0);
    placementsBefore = before.count;
    const killed = await crash("meilisearch");

    const { body } = await recovered("search", 1);
    expect(body.services.search.embedded?.state).toBe("running");
    expect(Date.parse(body.services.search.embedded!.lastRestartAt!)).not.toBeNaN();
    expect(pidOf("meilisearch")).not.toBe(killed);
    expect(portal.output()).toContain(`meilisearch (pid ${killed}) was killed by SIGKILL`);

    expect(await placementsFound()).toEqual(before);
  });

  it("restarts the SMTP server when it is killed, and delivers an e-mail queued right after the crash", async () => {
    await crash("smtp");
    const email = `supervised-smtp.${Date.now()}@example.test`;
    const response = await postForm(
      portal,
      "/register",
      { name: "Mette Smtp", email, password: "a long enough password", language: "da", organisationName: "Café Genstart", organisationKind: "employer", town: "Aarhus", country: "DK" },
      { "Accept-Language": "da" },
    );
    expect(response.status).toBe(200);

    await recovered("email", 1);
    const mailbox = join(dataDir, "mailbox");
    const message = await waitForEmail(mailbox, email, () => true, 60_000);
    expect(message.text).toContain("/confirm-email?token=");
    expect(await emailsTo(mailbox, email)).toHaveLength(1);
  });

  it("restarts FerretDB when it is killed, and pages that read the database work again", async () => {
    await crash("ferretdb");
    await recovered("database", 1);
    const login = await until("login after FerretDB came back", async () => {
      const response = await postForm(portal, "/login", { email: "coordinator@demo.placements.test", password: "demo-placements-2026" });
      return response.status === 302 ? response : undefined;
    });
    const page = await fetch(`${portal.url}/coordinator/placements`, { headers: { Cookie: login.headers.get("set-cookie")!.split(";")[0] } });
    expect(page.status).toBe(200);
    expect((await health()).body.services).toMatchObject({
      database: { embedded: { restarts: 1 } },
      search: { embedded: { restarts: 1 } },
      email: { embedded: { restarts: 1 } },
    });
  });

  it("leaves none of them running when the portal itself is killed", async () => {
    const { pid: portalPid, services } = running();
    const pids = services.map((s) => s.pid!);
    expect(pids).toHaveLength(3);
    for (const pid of pids) expect(isAlive(pid)).toBe(true);
    process.kill(portalPid, "SIGKILL");
    await until("every embedded service gone after the portal was killed", () => (pids.some(isAlive) ? undefined : true));
  });

  it("lets a new portal start on the same data after the old one was killed", async () => {
    const before = JSON.parse(readFileSync(runningFile, "utf8")) as RunningServicesFile;
    expect(isAlive(before.pid)).toBe(false);
    portal = await startPortal(
      { ...ownServices, SERVICES_DATA_DIR: dataDir, OUTBOX_POLL_MS: "200" },
      { startTimeoutMs: 150_000 },
    );
    expect((await health()).status).toBe(200);
    expect(running().pid).not.toBe(before.pid);
    expect((await placementsFound()).count).toBe(placementsBefore);
  });
});

describe("/healthz while a service is down", () => {
  let faulty: RunningPortal;
  let smtpPort: number;

  beforeAll(async () => {
    // Nothing listens on this port: every connection to it is refused.
    smtpPort = await freePort();
    faulty = await startPortal({ SMTP_URL: `smtp://127.0.0.1:${smtpPort}`, OUTBOX_POLL_MS: "60000" });
  });
  afterAll(async () => faulty?.stop());

  it("names the service but shows no internal error, address or port, and logs the details once", async () => {
    const reports: { status: number; text: string }[] = [];
    for (let i = 0; i < 20; i++) {
      const response = await fetch(`${faulty.url}/healthz`);
      reports.push({ status: response.status, text: await response.text() });
    }
    for (const { status, text } of reports) {
      expect(status).toBe(503);
      const body = JSON.parse(text) as Health["body"];
      expect(body.services.email.ok).toBe(false);
      expect(body.services.database.ok).toBe(true);
      for (const service of Object.values(body.services)) expect(Object.keys(service).sort()).toEqual(["ms", "ok"]);
      expect(text).not.toContain("ECONNREFUSED");
      expect(text).not.toContain("127.0.0.1");
      expect(text).not.toContain(String(smtpPort));
      for (const url of [process.env.MONGODB_URI!, process.env.MEILI_HOST!]) expect(text).not.toContain(String(new URL(url).port));
    }
    const logged = faulty.output().split("\n").filter((line) => line.includes("email does not answer"));
    expect(logged).toHaveLength(1);
    expect(logged[0]).toContain(`ECONNREFUSED 127.0.0.1:${smtpPort}`);
  });
});
