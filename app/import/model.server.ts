import { Schema } from "mongoose";
import { defineModel } from "~/db/connection.server.ts";

/**
 * A checked file kept for a short while, so that "Import" after "Check the file" needs no second
 * upload. Only its uploader can use it; it is deleted when imported or expired.
 */
const importUploadSchema = new Schema({
  _id: { type: String, required: true },
  actorId: { type: Schema.Types.ObjectId, required: true },
  fileName: { type: String, required: true },
  kind: { type: String },
  /** The file, gzip-compressed. */
  data: { type: Buffer, required: true },
  createdAt: { type: Date, required: true },
  expiresAt: { type: Date, required: true },
});
importUploadSchema.index({ expiresAt: 1 });
export const ImportUploadModel = defineModel("ImportUpload", importUploadSchema);
