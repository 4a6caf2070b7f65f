import { appendToList, fillListsOnce } from "~/db/id-lists.server.ts";
import { ConsentModel } from "./model.server.ts";

// The consents given for each introduction, read by position (app/db/id-lists.server.ts): what
// the employer may see is decided from them on every employer page.
export const everyIntroductionConsentList = "introduction-consents";
export const introductionConsentList = (introductionId: unknown) => `consents-of-introduction:${String(introductionId)}`;

/** Before an introduction consent is stored. */
export async function listNewIntroductionConsent(consent: { _id: unknown; introductionId?: unknown }): Promise<void> {
  await appendToList(everyIntroductionConsentList, [consent._id]);
  await appendToList(introductionConsentList(consent.introductionId), [consent._id]);
}

/** Migration: introduction consents stored before the lists enter them (server/migrate.ts). */
export async function listEarlierIntroductionConsents(): Promise<number> {
  return fillListsOnce("introduction-consents", everyIntroductionConsentList, async () => {
    const consents = await ConsentModel.find({ purpose: "introduction" }).select("_id introductionId").lean();
    consents.sort((a, b) => String(a._id).localeCompare(String(b._id)));
    for (const consent of consents) await listNewIntroductionConsent(consent);
    return consents.length;
  });
}
