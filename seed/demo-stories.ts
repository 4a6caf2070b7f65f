// Demo success stories, so that the campaign home page, /stories and /hr /si /dk show something on
// a first start: published stories in each country and language (one with a drawn photo), one
// awaiting the demo mentee's decision (/me/stories) and one withdrawn after it went to print (the
// coordinator's takedown list). They go the way a real story goes: drafted, sent, approved through
// a one-time link (a real consent record), published by the coordinator, indexed through the outbox.
import sharp from "sharp";
import type { SessionUser } from "~/accounts/session.server.ts";
import { UserModel } from "~/accounts/model.server.ts";
import { isDuplicateKeyError } from "~/db/connection.server.ts";
import { LedgerMarkModel } from "~/ledger/model.server.ts";
import { MenteeModel } from "~/mentees/model.server.ts";
import { decideWithLink, issueDecisionLink, withdrawStory } from "~/stories/decision.server.ts";
import type { StoryInput } from "~/stories/schema.server.ts";
import { draftStory, publishStory, submitStory } from "~/stories/stories.server.ts";
import type { StoryChannel } from "~/stories/vocabulary.ts";

const sessionFields = "email name role language organisationId approval rejectionReason";

type Ending = "published" | "withdrawn" | "awaiting";

interface DemoStory {
  /** The history mentor whose mentee the story is about, or the demo mentee's own account. */
  about: { historyMentor: string } | { menteeUser: string };
  input: StoryInput;
  channels: StoryChannel[];
  ending: Ending;
  photo?: true;
}

function input(fields: Omit<StoryInput, "changedName" | "quote" | "showEmployer" | "removePhoto" | "intent" | "organisationId"> & { changedName?: string; quote?: string }): StoryInput {
  return { changedName: "", quote: "", ...fields };
}

export const demoStories: DemoStory[] = [
  {
    about: { historyMentor: "mentor.varazdin@demo.placements.test" },
    photo: true,
    channels: ["portal", "social"],
    ending: "published",
    input: input({
      title: "Vrt koji je opet dao ritam danu",
      body: "Nakon sedam godina bez posla nisam vjerovala da mogu izdržati cijelo jutro na nogama. Mentorica je predložila vrt socijalne zadruge, prvo dva jutra tjedno.\n\nDanas radim četiri dana, sadim rajčice i paprike i učim nove kolegice kako se presađuju sadnice. Najviše mi znači što me netko ujutro čeka.",
      language: "hr",
      placementKind: "social_enterprise",
      sector: "agriculture_gardening",
      country: "HR",
      town: "Čakovec",
      nameChoice: "changed",
      changedName: "Vesna",
      placeChoice: "region",
      quote: "Dolazi prva i zna gdje je svaki alat. Bez nje vrt ne bi bio isti.",
    }),
  },
  {
    about: { historyMentor: "mentor.maribor@demo.placements.test" },
    channels: ["portal"],
    ending: "published",
    input: input({
      title: "Nazaj v kuhinjo po šestih letih",
      body: "Kuhal sem vse življenje, potem pa je šest let minilo brez dela. Na delovnem preizkusu v gostilni sem začel s pripravo zelenjave, po štirih tednih sem že sam skrbel za juhe.\n\nMentorica je bila prve dni zraven in mi pomagala pri urniku. Zdaj imam pogodbo za polovični delovni čas in spet vem, zakaj zjutraj vstanem.",
      language: "sl",
      placementKind: "work_trial",
      sector: "hospitality",
      country: "SI",
      town: "Maribor",
      nameChoice: "omitted",
      placeChoice: "region",
    }),
  },
  {
    about: { historyMentor: "mentor.aarhus@demo.placements.test" },
    channels: ["portal", "print"],
    ending: "published",
    input: input({
      title: "Fra praktik til fast job på lageret",
      body: "Jeg havde ikke haft et arbejde i mange år, og jeg var bange for at komme for sent eller lave fejl. Praktikken på lageret startede med tolv timer om ugen og en fast makker, der viste mig alt.\n\nEfter tre måneder tilbød de mig en fast stilling. Jeg pakker ordrer, kører truck og har fået kolleger, jeg spiser frokost med.",
      language: "da",
      placementKind: "practicum",
      sector: "warehouse_logistics",
      country: "DK",
      town: "Aarhus",
      nameChoice: "changed",
      changedName: "Sara",
      placeChoice: "region",
      quote: "Hun er grundig og rolig, også når det går stærkt.",
    }),
  },
  {
    about: { historyMentor: "mentor.hzz@demo.placements.test" },
    channels: ["portal"],
    ending: "published",
    input: input({
      title: "Back to work, one morning shift at a time",
      body: "I had been out of work for five years when my mentor and I started looking for a place that would let me begin slowly. A bakery took me on for three early shifts a week.\n\nAt first I only packed bread. Now I shape the dough for the morning rolls and I have a contract. The small start made all the difference.",
      language: "en",
      placementKind: "job",
      sector: "food_production",
      country: "HR",
      town: "Split",
      nameChoice: "omitted",
      placeChoice: "region",
    }),
  },
  {
    about: { historyMentor: "mentor.hzz@demo.placements.test" },
    channels: ["portal", "print"],
    ending: "withdrawn",
    input: input({
      title: "Čista smjena, novi početak",
      body: "U tvrtki za čišćenje počela sam na probnom radu od dvadeset sati tjedno. Nakon dva mjeseca dobila sam ugovor i vlastitu smjenu u poslovnoj zgradi.\n\nPriča je izašla na letku programa, a kasnije sam je odlučila povući.",
      language: "hr",
      placementKind: "work_trial",
      sector: "cleaning_facilities",
      country: "HR",
      town: "Split",
      nameChoice: "omitted",
      placeChoice: "region",
    }),
  },
  {
    about: { menteeUser: "mentee@demo.placements.test" },
    channels: ["portal"],
    ending: "awaiting",
    input: input({
      title: "Jutra u pekari",
      body: "Volim rano ustajati i uvijek sam voljela peći. Na probnom radu u pekari počela sam s dva jutra tjedno: pranje posuđa, slaganje peciva, a onda i prvo tijesto.\n\nJoš učim, ali sad znam da mogu raditi s ljudima i imati svoj novac.",
      language: "hr",
      placementKind: "work_trial",
      sector: "food_production",
      country: "HR",
      town: "Varaždin",
      nameChoice: "first_name",
      placeChoice: "region",
    }),
  },
];

/** A simple drawn picture (a garden under a morning sun), made here: no photo of anyone. */
export async function drawnGardenPhoto(): Promise<Uint8Array> {
  const rows = [560, 620, 680]
    .map((y, row) =>
      Array.from({ length: 9 }, (_, i) => {
        const x = 80 + i * 130 + row * 30;
        return `<rect x="${x - 4}" y="${y - 60}" width="8" height="60" fill="#4d7c2f"/><circle cx="${x}" cy="${y - 70}" r="26" fill="#5f9e3a"/><circle cx="${x + 12}" cy="${y - 62}" r="9" fill="#d9432b"/>`;
      }).join(""),
    )
    .join("");
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="800" viewBox="0 0 1200 800">
  <defs><linearGradient id="sky" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#9fd3f0"/><stop offset="1" stop-color="#e8f5fb"/></linearGradient></defs>
  <rect width="1200" height="800" fill="url(#sky)"/>
  <circle cx="960" cy="170" r="90" fill="#f7c948"/>
  <path d="M0 430 Q300 360 600 420 T1200 400 V800 H0 Z" fill="#8cbf5a"/>
  <rect x="0" y="470" width="1200" height="330" fill="#7a5230"/>
  <rect x="80" y="250" width="260" height="200" fill="#f4f1ea" stroke="#5b5b5b" stroke-width="6"/>
  <path d="M60 260 L210 160 L360 260 Z" fill="#b5473a"/>
  <rect x="180" y="340" width="60" height="110" fill="#6b4a2b"/>
  ${rows}
</svg>`;
  return new Uint8Array(await sharp(Buffer.from(svg)).jpeg({ quality: 85 }).toBuffer());
}

async function sessionUserByEmail(email: string): Promise<SessionUser> {
  const user = await UserModel.findOne({ email }).select(sessionFields).lean<SessionUser>();
  if (!user) throw new Error(`The demo account ${email} is missing.`);
  return user;
}

async function sessionUserById(id: unknown): Promise<SessionUser> {
  const user = await UserModel.findById(id).select(sessionFields).lean<SessionUser>();
  if (!user) throw new Error(`The demo mentor ${String(id)} is missing.`);
  return user;
}

/** The mentees the stories are about: the demo mentee's own record, or one of a history mentor's caseload per story (in a fixed order). */
async function storyMentees(): Promise<{ menteeId: string; mentorId: unknown }[]> {
  const used = new Map<string, number>();
  const chosen: { menteeId: string; mentorId: unknown }[] = [];
  for (const story of demoStories) {
    if ("menteeUser" in story.about) {
      const user = await UserModel.findOne({ email: story.about.menteeUser }).select("_id").lean();
      const mentee = user ? await MenteeModel.findOne({ userId: user._id }).select("_id mentorId").lean() : null;
      if (!mentee) throw new Error(`The demo mentee ${story.about.menteeUser} has no record.`);
      chosen.push({ menteeId: String(mentee._id), mentorId: mentee.mentorId });
      continue;
    }
    const mentor = await UserModel.findOne({ email: story.about.historyMentor }).select("_id").lean();
    const skip = used.get(story.about.historyMentor) ?? 0;
    used.set(story.about.historyMentor, skip + 1);
    const mentee = mentor ? await MenteeModel.findOne({ mentorId: mentor._id, userId: null }).sort({ _id: 1 }).skip(skip).select("_id mentorId").lean() : null;
    if (!mentee) throw new Error(`The history mentor ${story.about.historyMentor} has no mentee to tell a story about.`);
    chosen.push({ menteeId: String(mentee._id), mentorId: mentee.mentorId });
  }
  return chosen;
}

function failed(step: string, result: { ok: boolean; fieldErrors?: Record<string, string> } | null): never {
  throw new Error(`Demo story: ${step} refused (${JSON.stringify(result && "fieldErrors" in result ? result.fieldErrors : result)}).`);
}

/**
 * Adds the demo stories once: the mark goes in first, so a second start (or a second process)
 * adds nothing. Returns how many were added (null when they were there already).
 */
export async function seedDemoStories(): Promise<number | null> {
  try {
    await LedgerMarkModel.create({ _id: "demo-stories", at: new Date() });
  } catch (error) {
    if (isDuplicateKeyError(error)) return null;
    throw error;
  }
  const coordinator = await sessionUserByEmail("coordinator@demo.placements.test");
  const mentees = await storyMentees();
  for (const [i, story] of demoStories.entries()) {
    const { menteeId, mentorId } = mentees[i];
    const mentor = await sessionUserById(mentorId);
    const author = story.ending === "awaiting" ? mentor : coordinator;
    const drafted = await draftStory(author, menteeId, story.input, story.photo ? await drawnGardenPhoto() : null);
    if (!drafted.ok) failed("draft", drafted);
    const submitted = await submitStory(author, drafted.id);
    if (!submitted.ok) failed("submit", submitted);
    if (story.ending === "awaiting") continue;
    // She decides with a one-time link her mentor printed for her: the consent says so.
    const issued = await issueDecisionLink(mentor, drafted.id, "");
    if (!issued.ok) failed("decision link", issued);
    const token = new URL(issued.link).pathname.split("/").pop() ?? "";
    const approved = await decideWithLink(token, { answer: "approve", input: { version: 1, channels: story.channels, years: 2 } });
    if (!approved?.ok) failed("approval", approved);
    const published = await publishStory(coordinator, drafted.id);
    if (!published.ok) failed("publication", published);
    if (story.ending === "withdrawn") {
      const withdrawn = await withdrawStory(mentor, drafted.id);
      if (!withdrawn.ok) failed("withdrawal", withdrawn);
    }
  }
  return demoStories.length;
}
