// Demo data: a coordinator, mentor organisations with mentors, employers and social enterprises
// in Croatian, Slovenian and Danish towns, in several states, an outcomes history and success
// stories (demo-stories.ts). Running it again changes nothing.
import { UserModel } from "~/accounts/model.server.ts";
import { hashPassword } from "~/accounts/password.server.ts";
import { OrganisationModel } from "~/organisations/model.server.ts";
import { listOrganisationDecision, listOrganisationEmployer, listWaitingOrganisation } from "~/organisations/lists.server.ts";
import { listWaitingMentor } from "~/accounts/lists.server.ts";
import { generatePlacements, insertPlacements } from "./placements-generator.ts";
import { seedDemoStories } from "./demo-stories.ts";
import { generateOutcomesHistory, insertOutcomesHistory, type HistoryOrganisation } from "./outcomes-history.ts";
import { programmeToday } from "~/i18n/dates.ts";
import { isDuplicateKeyError } from "~/db/connection.server.ts";
import { recordLedgerEvent } from "~/ledger/ledger.server.ts";
import { LedgerMarkModel } from "~/ledger/model.server.ts";
import { MenteeModel } from "~/mentees/model.server.ts";
import { listMenteeAccount, listNewMentees } from "~/mentees/lists.server.ts";
import { findTown } from "~/placements/gazetteer.server.ts";
import { encryptList, encryptText } from "~/security/encryption.server.ts";

const mentees = [
  { key: "mentee-ana", mentor: "mentor.hr@demo.placements.test", user: "mentee@demo.placements.test", firstName: "Ana", fullName: "Ana Marić", language: "hr", readiness: "activity_ready", goals: "Želim opet raditi s ljudima i imati svoj novac.", strengths: ["strpljiva", "točna"], interests: ["kuhanje", "pečenje"], skills: ["pranje posuđa"], languages: ["hr"], town: "Varaždin", country: "HR", travelKm: 25, hoursMin: 8, hoursMax: 25, supportNeeded: ["gradual_start"], barriers: "Dugo bez posla; briga za majku.", notes: "Voli rano ustajati." },
  { key: "mentee-ivan", mentor: "mentor.hr@demo.placements.test", firstName: "Ivan", fullName: "Ivan Horvat", language: "hr", readiness: "job_ready", goals: "Stalni posao u skladištu.", strengths: ["snažan", "pouzdan"], interests: ["skladište", "vožnja"], skills: ["viličar", "pakiranje"], languages: ["hr"], town: "Zagreb", country: "HR", travelKm: 30, hoursMin: 20, hoursMax: 40, supportNeeded: [], barriers: "", notes: "" },
  { key: "mentee-marija", mentor: "mentor.hr@demo.placements.test", firstName: "Marija", fullName: "", language: "hr", readiness: "temporarily_passive", goals: "Izaći iz kuće i biti korisna.", strengths: ["brižna"], interests: ["vrtlarstvo", "biljke"], skills: [], languages: ["hr"], town: "Čakovec", country: "HR", travelKm: 15, hoursMin: 2, hoursMax: 10, supportNeeded: ["onsite_buddy"], barriers: "Zdravlje.", notes: "" },
  { key: "mentee-ahmed", mentor: "mentor.da@demo.placements.test", firstName: "Ahmed", fullName: "Ahmed Hassan", language: "da", readiness: "activity_ready", goals: "Lære dansk på en arbejdsplads.", strengths: ["hjælpsom"], interests: ["madlavning", "køkken"], skills: ["opvask"], languages: ["da", "ar"], town: "Aarhus", country: "DK", travelKm: 20, hoursMin: 10, hoursMax: 30, supportNeeded: ["language_support"], barriers: "", notes: "" },
] as const;

export const DEMO_PASSWORD = "demo-placements-2026";

type Status = "pending" | "verified" | "rejected";

const organisations: {
  key: string;
  name: string;
  kind: "employer" | "social_enterprise" | "mentor_organisation";
  mentorOrganisationType?: "centre_for_social_care" | "employment_service" | "ngo" | "housing_programme";
  town: string;
  country: "HR" | "SI" | "DK";
  status: Status;
}[] = [
  { key: "czss-varazdin", name: "Centar za socijalnu skrb Varaždin", kind: "mentor_organisation", mentorOrganisationType: "centre_for_social_care", town: "Varaždin", country: "HR", status: "verified" },
  { key: "hzz-split", name: "Hrvatski zavod za zapošljavanje, Područni ured Split", kind: "mentor_organisation", mentorOrganisationType: "employment_service", town: "Split", country: "HR", status: "verified" },
  { key: "csd-maribor", name: "Center za socialno delo Maribor", kind: "mentor_organisation", mentorOrganisationType: "centre_for_social_care", town: "Maribor", country: "SI", status: "verified" },
  { key: "boligsocial-gellerup", name: "Boligsocial indsats Gellerup", kind: "mentor_organisation", mentorOrganisationType: "housing_programme", town: "Aarhus", country: "DK", status: "verified" },
  { key: "mentorkorps-odense", name: "Frivilligt Mentorkorps Odense", kind: "mentor_organisation", mentorOrganisationType: "ngo", town: "Odense", country: "DK", status: "pending" },
  { key: "pekara-zrno", name: "Pekara Zrno d.o.o.", kind: "employer", town: "Varaždin", country: "HR", status: "verified" },
  { key: "humana-nova", name: "Humana Nova, socijalna zadruga", kind: "social_enterprise", town: "Čakovec", country: "HR", status: "verified" },
  { key: "skladiste-sesvete", name: "Logistika Sesvete d.o.o.", kind: "employer", town: "Zagreb", country: "HR", status: "pending" },
  { key: "gostilna-pri-lipi", name: "Gostilna Pri lipi", kind: "employer", town: "Maribor", country: "SI", status: "verified" },
  { key: "zavod-korak", name: "Zavod Korak, socialno podjetje", kind: "social_enterprise", town: "Ljubljana", country: "SI", status: "pending" },
  { key: "cafe-gellerup", name: "Café Gellerup (socialøkonomisk virksomhed)", kind: "social_enterprise", town: "Aarhus", country: "DK", status: "verified" },
  { key: "lager-nord", name: "Lager Nord ApS", kind: "employer", town: "Aalborg", country: "DK", status: "pending" },
];

const people: {
  email: string;
  name: string;
  role: "coordinator" | "mentor" | "employer" | "mentee";
  organisation?: string;
  language: "hr" | "sl" | "da" | "en";
  approval?: "pending" | "approved";
}[] = [
  { email: "coordinator@demo.placements.test", name: "Katarina Horvat", role: "coordinator", language: "en" },
  { email: "mentor.hr@demo.placements.test", name: "Ivana Kovačević", role: "mentor", organisation: "czss-varazdin", language: "hr" },
  { email: "mentor.split@demo.placements.test", name: "Marko Babić", role: "mentor", organisation: "hzz-split", language: "hr", approval: "pending" },
  { email: "mentor.sl@demo.placements.test", name: "Nina Zupan", role: "mentor", organisation: "csd-maribor", language: "sl" },
  { email: "mentor.da@demo.placements.test", name: "Mette Nielsen", role: "mentor", organisation: "boligsocial-gellerup", language: "da" },
  // The mentors of the generated history (below): their caseloads fill the outcomes page and
  // leave the demo mentors' own caseloads as the e2e tests know them.
  { email: "mentor.varazdin@demo.placements.test", name: "Dubravka Šimić", role: "mentor", organisation: "czss-varazdin", language: "hr" },
  { email: "mentor.hzz@demo.placements.test", name: "Tomo Radić", role: "mentor", organisation: "hzz-split", language: "hr" },
  { email: "mentor.maribor@demo.placements.test", name: "Mojca Kos", role: "mentor", organisation: "csd-maribor", language: "sl" },
  { email: "mentor.aarhus@demo.placements.test", name: "Lone Madsen", role: "mentor", organisation: "boligsocial-gellerup", language: "da" },
  { email: "employer.hr@demo.placements.test", name: "Davor Novak", role: "employer", organisation: "pekara-zrno", language: "hr" },
  { email: "social.hr@demo.placements.test", name: "Maja Jurić", role: "employer", organisation: "humana-nova", language: "hr" },
  { email: "employer.zagreb@demo.placements.test", name: "Tomislav Perić", role: "employer", organisation: "skladiste-sesvete", language: "hr" },
  { email: "employer.sl@demo.placements.test", name: "Luka Kranjc", role: "employer", organisation: "gostilna-pri-lipi", language: "sl" },
  { email: "social.sl@demo.placements.test", name: "Petra Novak", role: "employer", organisation: "zavod-korak", language: "sl" },
  { email: "social.da@demo.placements.test", name: "Amira Hansen", role: "employer", organisation: "cafe-gellerup", language: "da" },
  { email: "employer.da@demo.placements.test", name: "Jens Pedersen", role: "employer", organisation: "lager-nord", language: "da" },
  { email: "mentee@demo.placements.test", name: "Ana Marić", role: "mentee", language: "hr" },
];

/** Upserts by stable keys: existing records keep their ids, passwords and decisions. */
export async function seedDemoData() {
  const organisationIds = new Map<string, unknown>();
  for (const organisation of organisations) {
    const saved = await OrganisationModel.findOneAndUpdate(
      { key: organisation.key },
      {
        $setOnInsert: {
          ...organisation,
          contactEmail: people.find((p) => p.organisation === organisation.key)?.email,
          decidedAt: organisation.status === "pending" ? undefined : new Date(),
        },
      },
      { upsert: true, new: true, lean: true, includeResultMetadata: true },
    );
    organisationIds.set(organisation.key, saved.value!._id);
    // Listed once stored, as the seed stores them only once: the start page reads these lists.
    if (saved.lastErrorObject?.upserted) await (organisation.status === "pending" ? listWaitingOrganisation(saved.value!._id) : listOrganisationDecision(saved.value!._id));
  }
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  for (const person of people) {
    const stored = await UserModel.updateOne(
      { email: person.email },
      {
        $setOnInsert: {
          email: person.email,
          name: person.name,
          role: person.role,
          language: person.language,
          passwordHash,
          organisationId: person.organisation ? organisationIds.get(person.organisation) : undefined,
          approval: person.approval ?? "approved",
          emailConfirmedAt: new Date(),
        },
      },
      { upsert: true },
    );
    if (stored.upsertedId && person.role === "employer" && person.organisation) await listOrganisationEmployer(organisationIds.get(person.organisation), stored.upsertedId);
    if (stored.upsertedId && person.role === "mentor" && person.approval === "pending") await listWaitingMentor(stored.upsertedId);
  }
  for (const mentee of mentees) {
    const mentor = await UserModel.findOne({ email: mentee.mentor }).select("_id").lean();
    const user = "user" in mentee ? await UserModel.findOne({ email: mentee.user }).select("_id").lean() : null;
    const town = findTown(mentee.town, mentee.country)!;
    const saved = await MenteeModel.updateOne(
      { key: mentee.key },
      {
        $setOnInsert: {
          key: mentee.key,
          mentorId: mentor!._id,
          userId: user?._id,
          firstName: mentee.firstName,
          fullName: mentee.fullName,
          language: mentee.language,
          readiness: mentee.readiness,
          readinessChangedAt: new Date(),
          goals: mentee.goals,
          strengths: [...mentee.strengths],
          interests: [...mentee.interests],
          skills: [...mentee.skills],
          languages: [...mentee.languages],
          town: town.name,
          country: mentee.country,
          lat: town.lat,
          lng: town.lng,
          travelKm: mentee.travelKm,
          hoursMin: mentee.hoursMin,
          hoursMax: mentee.hoursMax,
          supportNeededSealed: encryptList([...mentee.supportNeeded]),
          barriersSealed: encryptText(mentee.barriers),
          notesSealed: encryptText(mentee.notes),
        },
      },
      { upsert: true },
    );
    if (saved.upsertedId) await listNewMentees([{ _id: saved.upsertedId, mentorId: mentor!._id, firstName: mentee.firstName, fullName: mentee.fullName }]);
    // As an invitation does: her own pages find her record through this entry.
    if (saved.upsertedId && user) await listMenteeAccount(user._id, saved.upsertedId);
    if (saved.upsertedId) await recordLedgerEvent({ _id: saved.upsertedId, mentorId: mentor!._id, country: mentee.country }, { kind: "joined", to: mentee.readiness });
  }
  const offering = organisations.filter((o) => o.kind !== "mentor_organisation" && o.status === "verified");
  const placements = await insertPlacements(generatePlacements(120, offering, 2026), organisationIds);
  const history = await seedDemoHistory(organisationIds);
  const stories = await seedDemoStories();
  const shown = ["coordinator@demo.placements.test", "mentor.hr@demo.placements.test", "employer.hr@demo.placements.test", "social.da@demo.placements.test", "employer.zagreb@demo.placements.test", "mentee@demo.placements.test"];
  return {
    organisations: organisations.length,
    users: people.length,
    mentees: mentees.length,
    placementsAdded: placements,
    historyAdded: history,
    storiesAdded: stories,
    logins: people
      .filter((p) => shown.includes(p.email))
      .map((p) => ({
        role: p.role === "employer" && organisations.find((o) => o.key === p.organisation)?.status === "pending" ? "employer (pending)" : p.role,
        email: p.email,
        password: DEMO_PASSWORD,
      })),
  };
}

const historyMentors: Record<string, string> = {
  "czss-varazdin": "mentor.varazdin@demo.placements.test",
  "hzz-split": "mentor.hzz@demo.placements.test",
  "csd-maribor": "mentor.maribor@demo.placements.test",
  "boligsocial-gellerup": "mentor.aarhus@demo.placements.test",
};

/**
 * 150 people over the 18 months up to today, so the outcomes page shows figures on a first demo.
 * Added once: the mark goes in first, so a second start (or a second process) adds nothing.
 */
async function seedDemoHistory(organisationIds: Map<string, unknown>): Promise<{ mentees: number; facts: number } | null> {
  try {
    await LedgerMarkModel.create({ _id: "demo-history", at: new Date() });
  } catch (error) {
    if (isDuplicateKeyError(error)) return null;
    throw error;
  }
  const programmes: HistoryOrganisation[] = [];
  for (const [key, email] of Object.entries(historyMentors)) {
    const mentor = await UserModel.findOne({ email }).select("_id").lean();
    const organisation = organisations.find((o) => o.key === key)!;
    if (mentor) programmes.push({ id: String(organisationIds.get(key)), country: organisation.country, mentorIds: [String(mentor._id)] });
  }
  return insertOutcomesHistory(generateOutcomesHistory({ seed: 2026, mentees: 150, months: 18, endDay: programmeToday(), organisations: programmes }));
}
