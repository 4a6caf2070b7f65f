import { execFile } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import mongoose, { mongo } from "mongoose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemoData, DEMO_PASSWORD } from "../../seed/demo.ts";
import { photoFilePattern, storyPhotosDir } from "~/stories/photos.server.ts";
import { rebuildSearchIndexes } from "../../server/search-rebuild.ts";
import { drainOutbox } from "../support/placements.ts";
import { postForm, startPortal, type RunningPortal } from "../support/portal.ts";

// The portal's own backup of the embedded database, restored into a fresh database name and a
// fresh data folder, gives the same portal: the same documents to the byte, and the same answers.

const { EJSON } = mongo.BSON;
const work = mkdtempSync(join(tmpdir(), "portal-backup-"));
const backupFile = join(work, "portal.jsonl.gz");
const sourceDatabase = new URL(process.env.MONGODB_URI!).pathname.slice(1);
const restoredDatabase = `${sourceDatabase}_restored`;
const restoredUri = Object.assign(new URL(process.env.MONGODB_URI!), { pathname: `/${restoredDatabase}` }).toString();
// Under the test's own prefix, so that the test's clean-up deletes these indexes too.
const restoredPrefix = `${process.env.MEILI_INDEX_PREFIX}restored_`;
const restoredDataDir = join(work, "restored-data");
const restoredEnv = { MONGODB_URI: restoredUri, MEILI_INDEX_PREFIX: restoredPrefix, SERVICES_DATA_DIR: restoredDataDir };
const asStored = { promoteValues: false, promoteLongs: false, promoteBuffers: false } as const;

/** One of the operator's commands, as `npm run backup` / `npm run restore` run it. */
function run(args: string[], env: Record<string, string> = {}): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ["--import", "tsx", "server/backup-cli.ts", ...args], { env: { ...process.env, ...env } }, (error, stdout, stderr) =>
      resolve({ code: error ? Number(error.code ?? 1) : 0, output: stdout + stderr }),
    );
  });
}

async function everyDocument(database: string): Promise<Record<string, string[]>> {
  const db = mongoose.connection.useDb(database, { useCache: true }).db!;
  const names = (await db.listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name).filter((n) => !n.startsWith("system."));
  const all: Record<string, string[]> = {};
  for (const name of names.sort()) all[name] = (await db.collection(name).find({}, { ...asStored, sort: { _id: 1 } }).toArray()).map((d) => EJSON.stringify(d, { relaxed: false }));
  return all;
}

async function indexNames(database: string): Promise<Record<string, string[]>> {
  const db = mongoose.connection.useDb(database, { useCache: true }).db!;
  const all: Record<string, string[]> = {};
  for (const { name } of await db.listCollections({}, { nameOnly: true }).toArray()) all[name] = (await db.collection(name).indexes()).map((i) => i.name!).sort();
  return all;
}

let source: RunningPortal;
let restored: RunningPortal;
let restoreOutput = "";

beforeAll(async () => {
  await seedDemoData();
  await drainOutbox();
  await rebuildSearchIndexes(() => {});
  // What no demo record holds: every kind of value a document can carry, to see each one come back as it was.
  await mongoose.connection.db!.collection("backup_values").insertOne({
    _id: new mongo.ObjectId(),
    at: new Date("2027-03-15T10:11:12.345Z"),
    int32: new mongo.Int32(7),
    wholeDouble: new mongo.Double(2),
    double: 2.5,
    int64: mongo.Long.fromString("9007199254740993"),
    binary: new mongo.Binary(Buffer.from([0, 1, 2, 255])),
    uuid: new mongo.Binary(Buffer.alloc(16, 7), 4),
    nested: { list: [1, "Čakovec ø æ", null, { at: new Date(0) }], empty: [], none: {} },
    nothing: null,
  });
}, 300_000);

afterAll(async () => {
  await Promise.all([source?.stop(), restored?.stop()]);
  await mongoose.connection.useDb(restoredDatabase).dropDatabase().catch(() => {});
  rmSync(work, { recursive: true, force: true });
});

describe("npm run backup and npm run restore", () => {
  it("restores every document exactly, with the portal's indexes, into a fresh database", async () => {
    const backup = await run(["backup", backupFile]);
    expect(backup.code, backup.output).toBe(0);
    // Every original photo of the folder the portal keeps them in: the demo's, and those other test files left in the shared one.
    const photos = readdirSync(storyPhotosDir()).filter((name) => photoFilePattern.test(name)).length;
    expect(photos).toBeGreaterThanOrEqual(1);
    expect(backup.output).toMatch(new RegExp(`Backed up the database .* mentees \\d+, .*placements \\d+, .*stories-photos ${photos}\\.`));

    const restore = await run(["restore", backupFile], restoredEnv);
    restoreOutput = restore.output;
    expect(restore.code, restore.output).toBe(0);
    expect(restore.output).toMatch(/Reindexed \d+ published placements/);
    expect(restore.output).toContain("Reindexed 4 published stories.");

    // Byte for byte: ObjectIds, Dates, Binary, Int32, Int64 and whole Doubles as they were, encrypted plans included.
    const [before, after] = [await everyDocument(sourceDatabase), await everyDocument(restoredDatabase)];
    expect(Object.keys(after)).toEqual(Object.keys(before));
    for (const name of Object.keys(before)) expect(after[name], name).toEqual(before[name]);
    expect(after.mentees.join()).toContain('"barriersSealed":"v1.');
    expect(after.backup_values[0]).toContain('"wholeDouble":{"$numberDouble":"2.0"}');
    // The indexes come from the portal's models, not from the file.
    const [sourceIndexes, restoredIndexes] = [await indexNames(sourceDatabase), await indexNames(restoredDatabase)];
    for (const name of Object.keys(sourceIndexes)) expect(restoredIndexes[name], name).toEqual(sourceIndexes[name]);
  });

  it("refuses a database that holds documents unless told --replace, and then replaces them", async () => {
    const db = mongoose.connection.useDb(restoredDatabase).db!;
    await db.collection("users").updateOne({ email: "mentee@demo.placements.test" }, { $set: { name: "Changed since" } });
    const refused = await run(["restore", backupFile], restoredEnv);
    expect(refused.code).toBe(3);
    expect(refused.output).toContain("is not empty");
    expect((await db.collection("users").findOne({ email: "mentee@demo.placements.test" }))?.name).toBe("Changed since");

    const replaced = await run(["restore", backupFile, "--replace"], restoredEnv);
    expect(replaced.code, replaced.output).toBe(0);
    expect((await db.collection("users").findOne({ email: "mentee@demo.placements.test" }))?.name).toBe("Ana Marić");
  });

  it("refuses a file cut short and a file that is not a backup, and says when the key does not open the restored data", async () => {
    const whole = readFileSync(backupFile);
    const { writeFileSync } = await import("node:fs");
    writeFileSync(join(work, "cut.gz"), whole.subarray(0, Math.floor(whole.length / 2)));
    writeFileSync(join(work, "other.gz"), (await import("node:zlib")).gzipSync('{"hello":"world"}\n'));
    const empty = { ...restoredEnv, MONGODB_URI: `${restoredUri}_empty` };
    const cut = await run(["restore", join(work, "cut.gz")], empty);
    expect(cut.code).toBe(1);
    expect(cut.output).toMatch(/unexpected end of file|cut off/);
    const other = await run(["restore", join(work, "other.gz"), "--replace"], empty);
    expect(other.code).toBe(1);
    expect(other.output).toContain("Not a backup of this portal");
    // Restored under another key, the plans would be unreadable: the operator is told at once.
    const otherKey = await run(["restore", backupFile, "--replace"], { ...empty, DATA_ENCRYPTION_KEY: Buffer.alloc(32, 1).toString("base64") });
    expect(otherKey.code).toBe(4);
    expect(otherKey.output).toContain("DATA_ENCRYPTION_KEY does not open");
    await mongoose.connection.useDb(`${restoredDatabase}_empty`).dropDatabase();
  });

  it("gives the same portal: the mentor's caseload with decrypted plans, search after reindex, the demo password, the story photo", async () => {
    expect(restoreOutput).not.toBe("");
    [source, restored] = await Promise.all([startPortal({}), startPortal(restoredEnv)]);

    const signIn = async (portal: RunningPortal, email: string) => {
      const response = await postForm(portal, "/login", { email, password: DEMO_PASSWORD });
      expect(response.status, `${email} signs in`).toBe(302);
      return response.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
    };
    const page = async (portal: RunningPortal, path: string, cookie = "") => {
      const response = await fetch(`${portal.url}${path}`, { headers: { Cookie: cookie, "Accept-Language": "hr" } });
      expect(response.status, path).toBe(200);
      return response.text();
    };
    const links = (html: string, pattern: RegExp) => [...html.matchAll(pattern)].map((m) => m[0]);

    const mentorOn = { source: await signIn(source, "mentor.hr@demo.placements.test"), restored: await signIn(restored, "mentor.hr@demo.placements.test") };
    const caseload = { source: await page(source, "/mentor/mentees", mentorOn.source), restored: await page(restored, "/mentor/mentees", mentorOn.restored) };
    const mentees = links(caseload.restored, /\/mentor\/mentees\/[a-f0-9]{24}(?=")[^<]*/g);
    expect(mentees.length).toBeGreaterThanOrEqual(3);
    expect(mentees).toEqual(links(caseload.source, /\/mentor\/mentees\/[a-f0-9]{24}(?=")[^<]*/g));

    const ana = caseload.restored.match(/\/mentor\/mentees\/([a-f0-9]{24})">Ana/)![1];
    const plan = await page(restored, `/mentor/mentees/${ana}`, mentorOn.restored);
    for (const secret of ["Dugo bez posla; briga za majku.", "Voli rano ustajati."]) expect(plan).toContain(secret);

    const search = (portal: RunningPortal) => page(portal, "/placements?q=kuhinja");
    const found = { source: await search(source), restored: await search(restored) };
    const fallback = `class="alert">Pretraživanje trenutačno radi`;
    expect(found.restored).not.toContain(fallback);
    const hits = links(found.restored, /\/placements\/[a-f0-9]{24}/g);
    expect(hits.length).toBeGreaterThan(0);
    expect(hits).toEqual(links(found.source, /\/placements\/[a-f0-9]{24}/g));

    const stories = { source: await page(source, "/stories"), restored: await page(restored, "/stories") };
    expect(links(stories.restored, /\/stories\/[a-z0-9-]+(?=")/g)).toEqual(links(stories.source, /\/stories\/[a-z0-9-]+(?=")/g));
    let photo: string | undefined;
    for (const story of links(stories.restored, /\/stories\/[a-z0-9-]+(?=")/g)) photo ??= (await page(restored, story)).match(/\/stories\/photos\/[a-f0-9]{32}\.jpg/)?.[0];
    expect(photo).toBeDefined();
    const [sourcePhoto, restoredPhoto] = await Promise.all([source, restored].map((p) => fetch(`${p.url}${photo}`).then(async (r) => [r.status, Buffer.from(await r.arrayBuffer()).length])));
    expect(restoredPhoto).toEqual(sourcePhoto);
    expect(restoredPhoto[0]).toBe(200);

    await signIn(restored, "mentee@demo.placements.test");
    await signIn(restored, "coordinator@demo.placements.test");
  });
});
