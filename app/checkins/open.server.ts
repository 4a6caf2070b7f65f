import { CheckinModel } from "./model.server.ts";

/** How many of the mentee's check-ins are still to do (an ending cancels its follow-up's open ones). */
export async function openCheckinCount(menteeId: unknown): Promise<number> {
  return CheckinModel.countDocuments({ menteeId, status: "open" });
}
