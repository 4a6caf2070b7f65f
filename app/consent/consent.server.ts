import { Types } from "mongoose";
import { wholeLists } from "~/db/id-lists.server.ts";
import { getT } from "~/i18n/i18n.server.ts";
import { isLanguage } from "~/i18n/languages.ts";
import type { Mentee } from "~/mentees/model.server.ts";
import { decryptList, decryptText, encryptText } from "~/security/encryption.server.ts";
import { ConsentModel, type Consent } from "./model.server.ts";
import { introductionConsentList, listNewIntroductionConsent } from "./lists.server.ts";
import { CONSENT_TEXT_VERSION, type ConsentField } from "./vocabulary.ts";
import { findByIds } from "~/db/by-ids.server.ts";

/** The exact text the mentee is shown and agrees to, in their language. */
export function consentText(language: string, p: { organisation: string; placement: string; fields: ConsentField[]; mentor: string }) {
  const t = getT(isLanguage(language) ? language : "en");
  return [
    t("consent.purpose", { organisation: p.organisation, placement: p.placement }),
    t("consent.recipient", { organisation: p.organisation }),
    t("consent.fieldsIntro"),
    ...p.fields.map((f) => `• ${t(`consent.fields.${f}`)}`),
    t("consent.mentorContact", { mentor: p.mentor }),
    t("consent.withdraw"),
  ].join("\n");
}

/** The fields a consent names, each once: the note only when there is one. */
export function fieldsToRecord(fields: ConsentField[], note: string): ConsentField[] {
  return [...new Set(fields)].filter((f) => f !== "note" || note.trim());
}

/** Records a consent to an introduction as the mentee gave it, with the exact text she agreed to. */
export async function recordIntroductionConsent(consent: {
  menteeId: Types.ObjectId;
  introductionId: Types.ObjectId;
  organisationId: Types.ObjectId;
  placementId: Types.ObjectId;
  fields: ConsentField[];
  note: string;
  language: string;
  /** What the text names: the organisation, the placement and the mentor. */
  names: { organisation: string; placement: string; mentor: string };
  method: "with_mentor" | "own_device";
  recordedBy: Types.ObjectId;
  witnessedBy?: unknown;
}): Promise<void> {
  const _id = new Types.ObjectId();
  await listNewIntroductionConsent({ _id, introductionId: consent.introductionId });
  await ConsentModel.create({
    _id,
    menteeId: consent.menteeId,
    introductionId: consent.introductionId,
    purpose: "introduction",
    organisationId: consent.organisationId,
    placementId: consent.placementId,
    fields: consent.fields,
    noteSealed: consent.fields.includes("note") ? encryptText(consent.note.trim()) : "",
    text: consentText(consent.language, { ...consent.names, fields: consent.fields }),
    textVersion: CONSENT_TEXT_VERSION,
    language: consent.language,
    givenAt: new Date(),
    method: consent.method,
    recordedBy: consent.recordedBy,
    witnessedBy: consent.witnessedBy,
  });
}

/** Ends every consent in force for the introduction, saying by whom; returns how many there were. */
export async function withdrawIntroductionConsents(introductionId: unknown, withdrawal: { by: unknown; byRole: string; witnessedBy?: unknown }): Promise<number> {
  const result = await ConsentModel.updateMany(
    { purpose: "introduction", introductionId, withdrawnAt: null },
    {
      $set: {
        withdrawnAt: new Date(),
        withdrawnBy: withdrawal.by,
        withdrawnByRole: withdrawal.byRole,
        ...(withdrawal.witnessedBy ? { withdrawalWitnessedBy: withdrawal.witnessedBy } : {}),
      },
    },
  );
  return result.modifiedCount;
}

/** The consent in force now for showing the mentee of this introduction to this organisation, if there is one. */
export async function introductionConsentInForce(introductionId: unknown, organisationId: unknown): Promise<Consent | null> {
  return (await introductionConsentsInForce([introductionId], organisationId)).get(String(introductionId)) ?? null;
}

/** The same for many introductions of one organisation (the employer's list), by introduction id, in a few queries. */
export async function introductionConsentsInForce(introductionIds: unknown[], organisationId: unknown): Promise<Map<string, Consent>> {
  const consents = await introductionConsentsOf(introductionIds);
  const inForce = new Map<string, Consent>();
  for (const [introductionId, given] of consents) {
    const consent = given.find((c) => String(c.organisationId) === String(organisationId) && !c.withdrawnAt);
    if (consent) inForce.set(introductionId, consent);
  }
  return inForce;
}

/** The introduction's consents, newest first, each read by _id (FerretDB answers a filter on introductionId from a scan). */
async function introductionConsents(introductionId: unknown): Promise<Consent[]> {
  return (await introductionConsentsOf([introductionId])).get(String(introductionId)) ?? [];
}

async function introductionConsentsOf(introductionIds: unknown[]): Promise<Map<string, Consent[]>> {
  const lists = await wholeLists(introductionIds.map(introductionConsentList), 200);
  const found = await findByIds<Consent>(ConsentModel, [...new Set([...lists.values()].flat())]);
  const byIntroduction = new Map<string, Consent[]>(introductionIds.map((id) => [String(id), []]));
  for (const consent of found) if (consent?.purpose === "introduction") byIntroduction.get(String(consent.introductionId))?.push(consent);
  for (const consents of byIntroduction.values()) consents.sort((a, b) => b.givenAt.getTime() - a.givenAt.getTime());
  return byIntroduction;
}

/** The latest consent given for an introduction, in force or withdrawn, for the mentor's and the mentee's pages. */
export function latestIntroductionConsent(introductionId: unknown) {
  return introductionConsents(introductionId).then((consents) => consents[0] ?? null);
}

export interface ConsentedProfile {
  fields: ConsentField[];
  firstName?: string;
  fullName?: string;
  ownContact?: string;
  skillsSummary?: string;
  availability?: { hoursMin: number; hoursMax: number };
  supportNeeded?: string[];
  note?: string;
}

/** What each field of a consent reveals of the mentee, and nothing a field does not name. */
export function profileUnderConsent(consent: Pick<Consent, "fields" | "noteSealed">, mentee: Mentee): ConsentedProfile {
  const fields = consent.fields as ConsentField[];
  const profile: ConsentedProfile = { fields };
  if (fields.includes("firstName")) profile.firstName = mentee.firstName;
  if (fields.includes("fullName")) profile.fullName = mentee.fullName || mentee.firstName;
  if (fields.includes("ownContact") && mentee.email && !mentee.email.endsWith("@mentee.invalid")) profile.ownContact = mentee.email;
  if (fields.includes("skillsSummary")) profile.skillsSummary = [...(mentee.skills ?? []), ...(mentee.strengths ?? [])].join(", ");
  if (fields.includes("availability")) profile.availability = { hoursMin: mentee.hoursMin, hoursMax: mentee.hoursMax };
  if (fields.includes("supportNeeded")) profile.supportNeeded = decryptList(mentee.supportNeededSealed);
  if (fields.includes("note")) profile.note = decryptText(consent.noteSealed);
  return profile;
}
