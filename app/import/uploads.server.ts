import { gunzipSync, gzipSync } from "node:zlib";
import type { Types } from "mongoose";
import { randomToken } from "~/security/tokens.server.ts";
import type { ImportKind } from "./format.ts";
import { ImportUploadModel } from "./model.server.ts";

const KEEP_MS = 30 * 60_000;
// A document must stay under MongoDB's 16 MB; a larger (compressed) file is simply chosen again.
const MAX_STORED_BYTES = 12 * 1024 * 1024;

/** Keeps a checked file for its uploader; returns the id the page sends back, or null when it is too large to keep. */
export async function keepUpload(actorId: Types.ObjectId, file: { name: string; kind?: ImportKind; bytes: Uint8Array }): Promise<string | null> {
  const now = new Date();
  // No TTL indexes on FerretDB: expired files are removed whenever a new one is kept.
  await ImportUploadModel.deleteMany({ expiresAt: { $lt: now } });
  const data = gzipSync(file.bytes);
  if (data.length > MAX_STORED_BYTES) return null;
  const id = randomToken();
  await ImportUploadModel.create({ _id: id, actorId, fileName: file.name, kind: file.kind, data, createdAt: now, expiresAt: new Date(now.getTime() + KEEP_MS) });
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
  if (!upload || String(upload.actorId) !== String(actorId) || upload.expiresAt.getTime() < Date.now()) return null;
  const deleted = await ImportUploadModel.deleteOne({ _id: id });
  if (deleted.deletedCount !== 1) return null;
  return { name: upload.fileName, kind: (upload.kind as ImportKind | undefined) ?? undefined, bytes: new Uint8Array(gunzipSync(storedBytes(upload.data))) };
}
