import { promisify } from "node:util";
import { gunzip, gzip } from "node:zlib";
import type { Types } from "mongoose";
import { now, nowMs } from "~/clock/clock.ts";
import { randomToken } from "~/security/tokens.server.ts";
import type { ImportKind } from "./format.ts";
import { ImportUploadModel } from "./model.server.ts";
import { IMPORT_MAX_BYTES } from "./read-file.server.ts";

// On libuv's threads: compressing 20 MB takes most of a second that other requests need.
const compress = promisify(gzip);
const decompress = promisify(gunzip);

const KEEP_MS = 30 * 60_000;
// A document must stay under MongoDB's 16 MB; a larger (compressed) file is simply chosen again.
const MAX_STORED_BYTES = 12 * 1024 * 1024;

/**
 * Keeps a checked file for its uploader; returns the id the page sends back, or null when it is too
 * large to keep. Each person has one kept file, the one checked last: checking file after file does
 * not fill the database.
 */
export async function keepUpload(actorId: Types.ObjectId, file: { name: string; kind?: ImportKind; bytes: Uint8Array }): Promise<string | null> {
  const at = now();
  // No TTL indexes on FerretDB: expired files are removed whenever a new one is kept.
  await ImportUploadModel.deleteMany({ $or: [{ expiresAt: { $lt: at } }, { actorId }] });
  const data = await compress(file.bytes);
  if (data.length > MAX_STORED_BYTES) return null;
  const id = randomToken();
  await ImportUploadModel.create({ _id: id, actorId, fileName: file.name, kind: file.kind, data, createdAt: at, expiresAt: new Date(at.getTime() + KEEP_MS) });
  return id;
}

// A lean read gives a BSON Binary; a hydrated one a Buffer.
function storedBytes(data: unknown): Uint8Array {
  if (data instanceof Uint8Array) return data;
  return (data as { buffer: Uint8Array }).buffer;
}

/** The kept file, once: only for the person who uploaded it, and only before it expires. */
export async function takeUpload(actorId: Types.ObjectId, id: string): Promise<{ name: string; kind?: ImportKind; bytes: Uint8Array } | null> {
  if (!/^[A-Za-z0-9_-]{43}$/.test(id)) return null;
  const upload = await ImportUploadModel.findById(id).lean();
  if (!upload || String(upload.actorId) !== String(actorId) || upload.expiresAt.getTime() < nowMs()) return null;
  const deleted = await ImportUploadModel.deleteOne({ _id: id });
  if (deleted.deletedCount !== 1) return null;
  const bytes = await decompress(storedBytes(upload.data), { maxOutputLength: IMPORT_MAX_BYTES + 1 }).catch(() => null);
  if (!bytes) return null;
  return { name: upload.fileName, kind: (upload.kind as ImportKind | undefined) ?? undefined, bytes: new Uint8Array(bytes) };
}
