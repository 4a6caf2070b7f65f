import { Schema } from "mongoose";
import { defineModel, isDuplicateKeyError } from "./connection.server.ts";

/**
 * "Only one of us does this": the first insert of a key wins. A unique _id is atomic on MongoDB
 * and on FerretDB, where an update filtered on the old state is not (two racing requests can both
 * see the old state and both write).
 */
const claimSchema = new Schema({ _id: { type: String, required: true }, at: { type: Date, required: true } });
export const ClaimModel = defineModel("Claim", claimSchema);

export async function claimOnce(key: string): Promise<boolean> {
  try {
    await ClaimModel.create({ _id: key, at: new Date() });
    return true;
  } catch (error) {
    if (isDuplicateKeyError(error)) return false;
    throw error;
  }
}
