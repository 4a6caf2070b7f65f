// A programme's history as ledger facts (app/ledger/events.ts), for the demo, the integration test
// of the outcomes figures and the outcomes benchmark: people join caseloads over the months, their
// readiness moves forward and sometimes back, some are proposed, introduced, answered, start,
// answer "still in work?" at months 1, 3 and 6 and end (some early, for a reason); check-ins fall
// due and are done on time, late or never; a few people are handed over to another mentor.
// Deterministic for a given seed (its own random numbers, never Math.random), so a test and a
// benchmark can rebuild exactly the same history.
import { Types } from "mongoose";
import { earlyEndReasons } from "~/checkins/vocabulary.ts";
import type { MenteeReadiness } from "~/mentees/vocabulary.ts";
import type { LedgerFact } from "~/ledger/events.ts";
import { appendLedgerFacts } from "~/ledger/ledger.server.ts";
import { MenteeModel } from "~/mentees/model.server.ts";
import { listNewMentees } from "~/mentees/lists.server.ts";
import { addMonths } from "~/outcomes/figures.ts";

type Country = "HR" | "SI" | "DK";

export interface HistoryOrganisation {
  id: string;
  country: Country;
  mentorIds: string[];
}

export interface HistoryOptions {
  seed: number;
  mentees: number;
  /** How many months the history spans, up to and including `endDay`. */
  months: number;
  /** The last day anything happens ("YYYY-MM-DD"): today, for a demo. */
  endDay: string;
  organisations: HistoryOrganisation[];
  /** First names to draw from, by country (defaults: a few plausible names of each country). */
  firstNames?: Partial<Record<Country, readonly string[]>>;
}

/** The fields of a mentee record the history needs (the rest take their defaults). */
export interface HistoryMentee {
  _id: string;
  mentorId: string;
  country: Country;
  firstName: string;
  language: string;
  readiness: MenteeReadiness;
  readinessChangedAt: Date;
  town: string;
  lat: number;
  lng: number;
  travelKm: number;
  hoursMin: number;
  hoursMax: number;
}

export interface OutcomesHistory {
  mentees: HistoryMentee[];
  /** In day order (and, on one day, in the order they happened). */
  facts: Omit<LedgerFact, "seq">[];
}

// None contains a demo mentee's name (Ana, Ivan, Marija, Ahmed), so the demo's pages and the
// e2e tests that find those by name still find exactly one.
export const historyFirstNames: Record<Country, readonly string[]> = {
  HR: ["Josip", "Luka", "Marko", "Stjepan", "Tomislav", "Nikola", "Dario", "Petra", "Kata", "Mirela", "Lucija", "Vesna", "Ružica", "Goran", "Zoran", "Nevenka", "Branko", "Helena"],
  SI: ["Matej", "Rok", "Nejc", "Urška", "Mojca", "Špela", "Boštjan", "Tina", "Primož", "Metka", "Jure", "Katja", "Alenka", "Gregor", "Nuša"],
  DK: ["Mads", "Søren", "Lars", "Mette", "Freja", "Sofie", "Rasmus", "Kasper", "Line", "Camilla", "Jonas", "Emil", "Yusuf", "Leyla", "Birgitte", "Omar"],
};

const towns: Record<Country, { town: string; lat: number; lng: number }[]> = {
  HR: [
    { town: "Zagreb", lat: 45.815, lng: 15.9819 },
    { town: "Varaždin", lat: 46.3044, lng: 16.3378 },
    { town: "Split", lat: 43.5081, lng: 16.4402 },
    { town: "Čakovec", lat: 46.3844, lng: 16.4339 },
  ],
  SI: [
    { town: "Ljubljana", lat: 46.0511, lng: 14.5051 },
    { town: "Maribor", lat: 46.5547, lng: 15.6459 },
    { town: "Celje", lat: 46.2309, lng: 15.2604 },
  ],
  DK: [
    { town: "Aarhus", lat: 56.1567, lng: 10.2108 },
    { town: "Odense", lat: 55.3959, lng: 10.3883 },
    { town: "København", lat: 55.6761, lng: 12.5683 },
  ],
};
const languageOf: Record<Country, string> = { HR: "hr", SI: "sl", DK: "da" };
const placementKindsStarted = ["job", "work_trial", "practicum", "social_enterprise", "training"] as const;

/** mulberry32: small, fast, good enough for realistic shapes; the same seed gives the same numbers. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const DAY_MS = 86_400_000;
const dayNumber = (day: string) => Date.parse(`${day}T00:00:00Z`) / DAY_MS;
const dayOf = (number: number) => new Date(number * DAY_MS).toISOString().slice(0, 10);
const plusDays = (day: string, days: number) => dayOf(dayNumber(day) + days);

export function generateOutcomesHistory(options: HistoryOptions): OutcomesHistory {
  const random = seededRandom(options.seed);
  const between = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));
  const chance = (p: number) => random() < p;
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)];
  const hex = () => Math.floor(random() * 0x1_0000_0000).toString(16).padStart(8, "0");
  const newId = () => hex() + hex() + hex();

  const { endDay } = options;
  const firstDay = plusDays(addMonths(endDay, -options.months), 1);
  const span = dayNumber(endDay) - dayNumber(firstDay);
  const organisations = options.organisations.filter((o) => o.mentorIds.length);
  if (!organisations.length) throw new Error("a history needs at least one organisation with a mentor");

  const mentees: HistoryMentee[] = [];
  // Facts with the order they were made in, to keep one day's facts in the order they happened.
  const made: { fact: Omit<LedgerFact, "seq">; order: number }[] = [];

  for (let i = 0; i < options.mentees; i++) {
    const organisation = pick(organisations);
    const country = organisation.country;
    const menteeId = newId();
    const firstLead = { mentorId: pick(organisation.mentorIds), organisationId: organisation.id };
    // A few people are handed over once, to another mentor of the same country: facts from that day on carry the new lead.
    let handover: { day: string; lead: typeof firstLead } | null = null;
    // Each person's facts; sorted by day (stably) once the person is done.
    const own: Omit<LedgerFact, "seq">[] = [];
    const leadOn = (day: string) => (handover && day >= handover.day ? handover.lead : firstLead);
    const add = (fact: Omit<LedgerFact, "seq" | "menteeId" | "mentorId" | "organisationId" | "country">) => {
      if (fact.day > endDay) return false;
      own.push({ ...fact, menteeId, ...leadOn(fact.day), country });
      return true;
    };

    // More people join later in the history than at its start (the programme grows).
    const joined = plusDays(firstDay, Math.floor(span * Math.sqrt(random())));
    let readiness: MenteeReadiness = pick(["temporarily_passive", "activity_ready", "activity_ready", "job_ready"] as const);
    let readinessChanged = joined;
    add({ kind: "joined", day: joined, to: readiness });
    if (chance(0.04)) {
      const target = pick(organisations.filter((o) => o.country === country));
      const mentorId = pick(target.mentorIds);
      const day = plusDays(joined, between(20, 300));
      if (mentorId !== firstLead.mentorId && day <= endDay) {
        handover = { day, lead: { mentorId, organisationId: target.id } };
        add({ kind: "handover", day });
      }
    }

    let day = joined;
    let placements = 0;
    for (let round = 0; round < 4 && day <= endDay; round++) {
      // Readiness moves forward (sometimes back first) before anything is proposed.
      if (readiness === "temporarily_passive" || chance(0.25)) {
        const next: MenteeReadiness = readiness === "temporarily_passive" ? "activity_ready" : readiness === "activity_ready" ? (chance(0.5) ? "job_ready" : "temporarily_passive") : chance(0.6) ? "activity_ready" : "temporarily_passive";
        day = plusDays(day, between(20, 120));
        if (!add({ kind: "readiness", day, from: readiness, to: next })) break;
        readiness = next;
        readinessChanged = day;
        if (readiness === "temporarily_passive") continue;
      }
      if (!chance(placements ? 0.4 : 0.6)) break;

      // Proposed → introduced → answered → started.
      day = plusDays(day, between(5, 60));
      if (!add({ kind: "proposed", day, ref: newId() })) break;
      if (!chance(0.7)) continue;
      const introductionId = newId();
      day = plusDays(day, between(1, 10));
      if (!add({ kind: "introduced", day, ref: introductionId })) break;
      if (!chance(0.8)) continue;
      day = plusDays(day, between(1, 25));
      const answer = pick(["accepted", "accepted", "accepted", "meeting_proposed", "meeting_proposed", "declined"] as const);
      if (!add({ kind: "answered", day, ref: introductionId, status: answer })) break;
      if (answer === "declined" || !chance(0.9)) continue;
      day = plusDays(day, between(3, 30));
      const followUpId = newId();
      const start = day;
      if (!add({ kind: "started", day: start, ref: followUpId, status: pick(placementKindsStarted) })) break;
      placements += 1;

      // How it ends: early (for a reason), completed or hired after months, or not yet.
      const early = chance(0.25);
      const endsOn = early ? plusDays(start, between(10, 150)) : chance(0.8) ? plusDays(start, between(90, 270)) : null;
      const checkins = [
        { milestone: "week1", due: plusDays(start, 7) },
        { milestone: "week2", due: plusDays(start, 14) },
        { milestone: "month1", due: addMonths(start, 1) },
        { milestone: "month3", due: addMonths(start, 3) },
        { milestone: "month6", due: addMonths(start, 6) },
      ].map((c) => ({ ...c, ref: newId() }));
      for (const checkin of checkins) add({ kind: "checkin_due", day: start, ref: checkin.ref, dueDay: checkin.due });
      const stillInWork = !early || chance(0.3);
      for (const checkin of checkins) {
        if (endsOn && checkin.due >= endsOn) break;
        const roll = random();
        if (roll > 0.88) continue; // never recorded
        const doneDay = plusDays(checkin.due, roll < 0.75 ? between(-2, 7) : between(8, 30));
        if (!add({ kind: "checkin_done", day: doneDay, ref: checkin.ref })) break;
        if (checkin.milestone.startsWith("month")) add({ kind: "in_work", day: doneDay, ref: followUpId, milestone: checkin.milestone, status: stillInWork || chance(0.5) ? "yes" : "no" });
      }
      if (!endsOn) break;
      day = own.reduce((latest, fact) => (fact.day > latest ? fact.day : latest), endsOn);
      const ending = early ? "ended_early" : pick(["completed", "completed", "hired", "education"] as const);
      if (!add({ kind: "ended", day: endsOn, ref: followUpId, status: ending, reason: early ? pick(earlyEndReasons) : undefined })) break;
      for (const checkin of checkins) if (checkin.due >= endsOn) add({ kind: "checkin_cancelled", day: endsOn, ref: checkin.ref });
      if (ending === "hired" || ending === "education") break;
      // Some who ended early come back months later, first passive for a while.
      if (early && chance(0.4)) {
        day = plusDays(day, between(30, 90));
        if (!add({ kind: "readiness", day, from: readiness, to: "temporarily_passive" })) break;
        readiness = "temporarily_passive";
        readinessChanged = day;
      }
    }

    // One person's facts in day order; on one day, in the order they were made (sort is stable).
    own.sort((a, b) => (a.day === b.day ? 0 : a.day < b.day ? -1 : 1));
    for (const fact of own) made.push({ fact, order: made.length });

    const place = pick(towns[country]);
    const hoursMin = pick([4, 8, 10, 15, 20]);
    mentees.push({
      _id: menteeId,
      mentorId: leadOn(endDay).mentorId,
      country,
      firstName: pick(options.firstNames?.[country] ?? historyFirstNames[country]),
      language: languageOf[country],
      readiness,
      readinessChangedAt: new Date(`${readinessChanged}T09:00:00Z`),
      ...place,
      travelKm: pick([10, 15, 25, 40]),
      hoursMin,
      hoursMax: hoursMin + pick([5, 10, 20]),
    });
  }

  made.sort((a, b) => (a.fact.day === b.fact.day ? a.order - b.order : a.fact.day < b.fact.day ? -1 : 1));
  return { mentees, facts: made.map((entry) => entry.fact) };
}

/** Stores a generated history: the mentee records (in batches), then the facts at the ledger's end. */
export async function insertOutcomesHistory(history: OutcomesHistory): Promise<{ mentees: number; facts: number }> {
  for (let i = 0; i < history.mentees.length; i += 1000) {
    const batch = history.mentees.slice(i, i + 1000).map((m) => ({ ...m, _id: new Types.ObjectId(m._id), mentorId: new Types.ObjectId(m.mentorId) }));
    await listNewMentees(batch);
    await MenteeModel.insertMany(batch, { ordered: false });
  }
  await appendLedgerFacts(history.facts);
  return { mentees: history.mentees.length, facts: history.facts.length };
}
