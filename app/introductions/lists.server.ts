import { appendToList, fillListsOnce, wholeList, wholeLists } from "~/db/id-lists.server.ts";
import { IntroductionModel, type Introduction } from "./model.server.ts";
import { findByIds } from "~/db/by-ids.server.ts";

// The lists of introductions that pages read by position (app/db/id-lists.server.ts): every
// introduction, an organisation's (the employer's list) and a mentee's (her mentor's list).
export const everyIntroductionList = "introductions";
export const organisationIntroductionList = (organisationId: unknown) => `introductions-of:${String(organisationId)}`;
export const menteeIntroductionList = (menteeId: unknown) => `introductions-of-mentee:${String(menteeId)}`;

/** Before an introduction is stored. */
export async function listNewIntroduction(introduction: { _id: unknown; organisationId: unknown; menteeId: unknown }): Promise<void> {
  await appendToList(everyIntroductionList, [introduction._id]);
  await appendToList(organisationIntroductionList(introduction.organisationId), [introduction._id]);
  await appendToList(menteeIntroductionList(introduction.menteeId), [introduction._id]);
}

/** Migration: introductions stored before the lists, oldest first, enter them (server/migrate.ts). */
export async function listEarlierIntroductions(): Promise<number> {
  return fillListsOnce("introductions", everyIntroductionList, async () => {
    const introductions = await IntroductionModel.find({}).select("_id organisationId menteeId").lean();
    introductions.sort((a, b) => String(a._id).localeCompare(String(b._id)));
    for (const introduction of introductions) await listNewIntroduction(introduction);
    return introductions.length;
  });
}

/** A mentee's introductions, each read by _id (FerretDB answers a filter on menteeId from a scan). */
export async function introductionsOfMentee(menteeId: unknown): Promise<Introduction[]> {
  const ids = await wholeList(menteeIntroductionList(menteeId), 500);
  const found = await findByIds<Introduction>(IntroductionModel, ids);
  return found.filter((i): i is Introduction => Boolean(i) && String(i!.menteeId) === String(menteeId));
}

/** The introductions of many mentees (a caseload) in a few queries, not a few per mentee. */
export async function introductionsOfMentees(menteeIds: unknown[]): Promise<Introduction[]> {
  const lists = await wholeLists(menteeIds.map(menteeIntroductionList), 500);
  const wanted = new Set(menteeIds.map(String));
  const found = await findByIds<Introduction>(IntroductionModel, [...new Set([...lists.values()].flat())]);
  return found.filter((i): i is Introduction => Boolean(i) && wanted.has(String(i!.menteeId)));
}
