// The portal's own backup: the whole database (every collection, whatever model it belongs to) and
// the story photos, as one gzipped file of canonical Extended JSON lines. Canonical EJSON keeps
// every BSON type as it was (ObjectId, Date, Binary, Int32 / Int64 / Double), so a restored
// database holds the same bytes; it needs no mongodump, which these machines cannot install.
//
// The file, line by line:
//   {"backup":"supported-placement-portal","version":1,"database":…,"createdAt":…}
//   {"collection":"users"}            then one line per document (every document has an _id)
//   {"files":"stories-photos"}        then one line per photo: {"_id":<file name>,"data":<Binary>}
//   {"end":{"users":17,…,"stories-photos":1}}   counts, so a cut-off file is refused
import { createReadStream, createWriteStream } from "node:fs";
import { mkdir, readdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { createGunzip, createGzip } from "node:zlib";
import mongoose, { mongo } from "mongoose";
import { MenteeModel } from "~/mentees/model.server.ts";
import { ensureIndexes } from "~/models.server.ts";
import { decryptText } from "~/security/encryption.server.ts";
import { photoFilePattern, smallPhotoWidths, smallPhotoName, storyPhotosDir } from "~/stories/photos.server.ts";

const { EJSON } = mongo.BSON;
const FORMAT = "supported-placement-portal";
const VERSION = 1;
const PHOTOS = "stories-photos";
/** Documents per insert, and at most this many bytes of EJSON in one: a batch stays small in memory. */
const INSERT_BATCH = 1000;
const INSERT_BATCH_BYTES = 8 * 1024 * 1024;

// Values as stored: no promotion of Int32/Int64/Double to a JS number, which would turn a
// double 2.0 into an int 2, nor of Binary to a Buffer.
const asStored = { promoteValues: false, promoteLongs: false, promoteBuffers: false, bsonRegExp: true } as const;

function line(value: unknown): string {
  return `${EJSON.stringify(value, { relaxed: false })}\n`;
}

/** The header, section and end lines hold only names, counts and a date: readable as plain JSON. */
function plainLine(value: unknown): string {
  return `${EJSON.stringify(value, { relaxed: true })}\n`;
}

function database() {
  const db = mongoose.connection.db;
  if (!db) throw new Error("not connected to the database");
  return db;
}

/** The database's own collections, sorted by name (system collections are the server's, not ours). */
async function collectionNames(): Promise<string[]> {
  const collections = await database().listCollections({}, { nameOnly: true }).toArray();
  return collections
    .map((c) => c.name)
    .filter((name) => !name.startsWith("system."))
    .sort();
}

/** The photos as the portal made them: the originals (smaller copies are made again when asked for). */
async function photoFiles(): Promise<string[]> {
  const names = await readdir(storyPhotosDir()).catch(() => [] as string[]);
  return names.filter((name) => photoFilePattern.test(name)).sort();
}

async function* backupLines(counts: Record<string, number>): AsyncGenerator<string> {
  yield plainLine({ backup: FORMAT, version: VERSION, database: database().databaseName, createdAt: new Date() });
  for (const name of await collectionNames()) {
    yield plainLine({ collection: name });
    counts[name] = 0;
    // In the order the database keeps them: sorting by _id doubled the time on FerretDB (30 000 placements: 21–27 s against 47–48 s).
    const cursor = database().collection(name).find({}, { ...asStored, batchSize: 1000 });
    for await (const document of cursor) {
      yield line(document);
      counts[name]++;
    }
  }
  yield plainLine({ files: PHOTOS });
  counts[PHOTOS] = 0;
  for (const file of await photoFiles()) {
    yield line({ _id: file, data: new mongo.Binary(await readFile(join(storyPhotosDir(), file))) });
    counts[PHOTOS]++;
  }
  yield plainLine({ end: counts });
}

/** Writes the connected database and the story photos to `file`, streamed; returns what it wrote. */
export async function writeBackup(file: string): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  const partial = `${file}.part`;
  await pipeline(Readable.from(backupLines(counts)), createGzip(), createWriteStream(partial, { mode: 0o600 }));
  // Renamed only when whole: a backup that failed half-way never looks like a finished one.
  await rename(partial, file);
  return counts;
}

export class RestoreRefused extends Error {}

/** Collections of the connected database that hold documents. */
export async function nonEmptyCollections(): Promise<string[]> {
  const names: string[] = [];
  for (const name of await collectionNames()) if ((await database().collection(name).estimatedDocumentCount()) > 0) names.push(name);
  return names;
}

async function writePhoto(file: string, data: Buffer) {
  await mkdir(storyPhotosDir(), { recursive: true });
  const target = join(storyPhotosDir(), file);
  await writeFile(`${target}.restore.part`, data);
  await rename(`${target}.restore.part`, target);
  // Smaller copies of another photo under this name would not be this photo's: they are made again from it.
  for (const width of smallPhotoWidths) await rm(join(storyPhotosDir(), smallPhotoName(file, width)), { force: true });
}

/**
 * Restores a backup into the connected database: refuses one that holds documents unless
 * `replace`, creates the portal's indexes (ensureIndexes), then inserts every document as it was.
 * Streamed: at most one batch of documents is in memory. Returns the counts it restored.
 */
export async function restoreBackup(file: string, options: { replace?: boolean } = {}): Promise<Record<string, number>> {
  // Mongoose builds each model's indexes when it connects: let that finish before collections are dropped under it.
  await Promise.all(Object.values(mongoose.models).map((model) => model.init()));
  const filled = await nonEmptyCollections();
  if (filled.length && !options.replace) {
    throw new RestoreRefused(`The database ${database().databaseName} is not empty (${filled.join(", ")}): restore into an empty one, or add --replace to delete what it holds first.`);
  }
  if (options.replace) for (const name of await collectionNames()) await database().collection(name).drop();
  await ensureIndexes();

  const lines = createInterface({ input: createReadStream(file).pipe(createGunzip()), crlfDelay: Infinity });
  const counts: Record<string, number> = {};
  let section: { kind: "collection" | "files"; name: string } | undefined;
  let batch: mongo.Document[] = [];
  let batchBytes = 0;
  let header = false;
  let end: Record<string, number> | undefined;

  const flush = async () => {
    if (!batch.length || section?.kind !== "collection") return;
    await database().collection(section.name).insertMany(batch, { ordered: true, bypassDocumentValidation: true });
    batch = [];
    batchBytes = 0;
  };

  for await (const text of lines) {
    if (!text) continue;
    if (end) throw new Error("The backup has lines after its end.");
    const value = EJSON.parse(text, { relaxed: false }) as mongo.Document;
    if (!header) {
      if (value.backup !== FORMAT || Number(value.version) !== VERSION) throw new Error(`Not a backup of this portal (version ${VERSION}).`);
      header = true;
    } else if ("_id" in value) {
      if (!section) throw new Error("The backup has a document outside any collection.");
      counts[section.name]++;
      if (section.kind === "files") {
        if (typeof value._id !== "string" || !photoFilePattern.test(value._id) || !(value.data instanceof mongo.Binary)) throw new Error("The backup holds a file the portal never made.");
        await writePhoto(value._id, Buffer.from(value.data.buffer));
        continue;
      }
      batch.push(value);
      batchBytes += text.length;
      if (batch.length >= INSERT_BATCH || batchBytes >= INSERT_BATCH_BYTES) await flush();
    } else if (typeof value.collection === "string" || typeof value.files === "string") {
      await flush();
      section = typeof value.collection === "string" ? { kind: "collection", name: value.collection } : { kind: "files", name: value.files as string };
      counts[section.name] = 0;
      // An empty collection is part of the database too.
      if (section.kind === "collection" && !(await collectionNames()).includes(section.name)) await database().createCollection(section.name);
    } else if (value.end && typeof value.end === "object") {
      await flush();
      end = value.end as Record<string, number>;
    } else {
      throw new Error("The backup holds a line this portal does not know.");
    }
  }
  if (!header) throw new Error("The file is empty.");
  if (!end) throw new Error("The backup is cut off before its end: restore it again from a whole file (with --replace).");
  const expected = Object.fromEntries(Object.entries(end).map(([k, v]) => [k, Number(v)]));
  if (JSON.stringify(expected) !== JSON.stringify(counts)) throw new Error(`The backup's counts do not match what it holds: ${JSON.stringify(expected)} against ${JSON.stringify(counts)}.`);
  return counts;
}

/**
 * Whether this process's DATA_ENCRYPTION_KEY opens the mentees' sealed fields in the connected
 * database: a backup restored under another key gives back data nobody can read. Null when no
 * mentee has a sealed field to try.
 */
export async function encryptionKeyOpensData(): Promise<boolean | null> {
  const mentee = await MenteeModel.findOne({ $or: [{ barriersSealed: { $gt: "" } }, { notesSealed: { $gt: "" } }, { supportNeededSealed: { $gt: "" } }] })
    .select("barriersSealed notesSealed supportNeededSealed")
    .lean();
  if (!mentee) return null;
  try {
    decryptText(mentee.barriersSealed || mentee.notesSealed || mentee.supportNeededSealed);
    return true;
  } catch {
    return false;
  }
}
