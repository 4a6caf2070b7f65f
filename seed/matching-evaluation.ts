// Measures the ranking against the labelled set (seed/matching-eval.ts), next to a plain keyword
// search of the mentee's interests. Needs MONGODB_URI and MEILI_HOST configured.
import { keywordBaseline, rankPlacements } from "~/matching/matching.server.ts";
import type { MenteePlan } from "~/mentees/mentees.server.ts";
import { menteeFormSchema } from "~/mentees/schema.server.ts";
import { OrganisationModel } from "~/organisations/model.server.ts";
import { findTown } from "~/placements/gazetteer.server.ts";
import { PlacementModel } from "~/placements/model.server.ts";
import { placementFormSchema } from "~/placements/schema.server.ts";
import { rebuildPlacementIndex } from "~/placements/search-index.server.ts";
import { evalMentees, evalPlacements, type EvalMentee, type EvalPlacement } from "./matching-eval.ts";

export type Grades = Record<string, number>;

/** A placement graded 2 (good) or 3 (ideal) is one worth proposing. */
export const RELEVANT_GRADE = 2;
/** As many placements as the mentor's matches page lists: "left without a match" looks at all of them. */
export const PAGE_SIZE = 30;

export const goals = { ndcgAt5: 0.9, trapsAt3: 0, noMatch: 0, precisionAt3FromBest: 0.05 };

const gradeOf = (grades: Grades, key: string) => grades[key] ?? 0;

/** Share of the first k placements graded 2 or 3. */
export function precisionAt(k: number, ranked: string[], grades: Grades): number {
  return ranked.slice(0, k).filter((key) => gradeOf(grades, key) >= RELEVANT_GRADE).length / k;
}

/** The precision@k a perfect ranking would reach: fewer than k good placements cap it. */
export function bestPrecisionAt(k: number, grades: Grades): number {
  return Math.min(k, Object.values(grades).filter((g) => g >= RELEVANT_GRADE).length) / k;
}

/** Graded nDCG@k: gain 2^grade − 1, discounted by log2(position + 1), against the best order of the grades. */
export function ndcgAt(k: number, ranked: string[], grades: Grades): number {
  const dcg = (gs: number[]) => gs.slice(0, k).reduce((sum, g, i) => sum + (2 ** g - 1) / Math.log2(i + 2), 0);
  const ideal = dcg(Object.values(grades).sort((a, b) => b - a));
  return ideal === 0 ? 0 : dcg(ranked.map((key) => gradeOf(grades, key))) / ideal;
}

/** The traps among the first k placements. */
export function trapsAt(k: number, ranked: string[], traps: string[]): string[] {
  return ranked.slice(0, k).filter((key) => traps.includes(key));
}

/** A mentee with an ideal placement in the set for whom the whole list holds nothing worth proposing. */
export function leftWithoutMatch(ranked: string[], grades: Grades): boolean {
  return Object.values(grades).includes(3) && !ranked.some((key) => gradeOf(grades, key) >= RELEVANT_GRADE);
}

/** What is wrong with the set itself: unknown towns or keys, traps with a grade, data the portal's forms would refuse. */
export function evalSetProblems(): string[] {
  const problems: string[] = [];
  const keys = new Set<string>();
  for (const p of evalPlacements) {
    if (keys.has(p.key)) problems.push(`placement ${p.key} twice`);
    keys.add(p.key);
    if (!findTown(p.town, p.country)) problems.push(`placement ${p.key}: unknown town ${p.town}`);
    const parsed = placementFormSchema.safeParse(placementForm(p));
    if (!parsed.success) problems.push(`placement ${p.key}: ${parsed.error.issues.map((i) => `${i.path.join(".")} ${i.message}`).join("; ")}`);
  }
  const menteeKeys = new Set<string>();
  for (const m of evalMentees) {
    if (menteeKeys.has(m.key)) problems.push(`mentee ${m.key} twice`);
    menteeKeys.add(m.key);
    if (!findTown(m.town, m.country)) problems.push(`mentee ${m.key}: unknown town ${m.town}`);
    for (const key of [...Object.keys(m.grades), ...m.traps]) if (!keys.has(key)) problems.push(`mentee ${m.key}: unknown placement ${key}`);
    for (const key of m.traps) if (gradeOf(m.grades, key) !== 0) problems.push(`mentee ${m.key}: trap ${key} has a grade`);
    if (!Object.values(m.grades).some((g) => g >= RELEVANT_GRADE)) problems.push(`mentee ${m.key}: nothing worth proposing`);
    const parsed = menteeFormSchema.safeParse(menteeForm(m));
    if (!parsed.success) problems.push(`mentee ${m.key}: ${parsed.error.issues.map((i) => `${i.path.join(".")} ${i.message}`).join("; ")}`);
  }
  return problems;
}

function placementForm(p: EvalPlacement) {
  return {
    ...p,
    hoursMin: String(p.hours[0]),
    hoursMax: String(p.hours[1]),
    scheduleFlexibility: "some",
    places: "1",
    skills: p.skills.join(", "),
    physicalDemands: "medium",
    supportNotes: "",
  };
}

function menteeForm(m: EvalMentee) {
  return {
    ...m,
    strengths: m.strengths.join(", "),
    interests: m.interests.join(", "),
    skills: m.skills.join(", "),
    travelKm: String(m.travelKm),
    hoursMin: String(m.hours[0]),
    hoursMax: String(m.hours[1]),
    barriers: "",
    notes: "",
  };
}

/** How the set is made up, for the report. */
export function evalSetComposition() {
  const count = <T>(items: T[], by: (item: T) => string | string[]) => {
    const counts: Record<string, number> = {};
    for (const item of items) for (const value of [by(item)].flat()) counts[value] = (counts[value] ?? 0) + 1;
    return counts;
  };
  const grades = evalMentees.flatMap((m) => Object.values(m.grades));
  return {
    placements: { total: evalPlacements.length, byCountry: count(evalPlacements, (p) => p.country), byTextLanguage: count(evalPlacements, (p) => p.language), byKind: count(evalPlacements, (p) => p.kind) },
    mentees: {
      total: evalMentees.length,
      byCountry: count(evalMentees, (m) => m.country),
      byLanguage: count(evalMentees, (m) => m.language),
      byReadiness: count(evalMentees, (m) => m.readiness),
      byCase: count(evalMentees, (m) => m.cases ?? []),
    },
    judgments: { grade3: grades.filter((g) => g === 3).length, grade2: grades.filter((g) => g === 2).length, grade1: grades.filter((g) => g === 1).length, traps: evalMentees.reduce((n, m) => n + m.traps.length, 0) },
  };
}

async function loadEvalSet() {
  const organisation = await OrganisationModel.findOneAndUpdate(
    { key: "eval-employer" },
    { $setOnInsert: { key: "eval-employer", name: "Evaluation employer", kind: "employer", town: "Zagreb", country: "HR", status: "verified" } },
    { upsert: true, new: true },
  );
  for (const p of evalPlacements) {
    const town = findTown(p.town, p.country);
    if (!town) throw new Error(`unknown town ${p.town}`);
    await PlacementModel.updateOne(
      { key: `eval-${p.key}` },
      {
        $set: {
          organisationId: organisation!._id,
          title: p.title,
          description: p.description,
          language: p.language,
          kind: p.kind,
          sector: p.sector,
          town: town.name,
          country: p.country,
          lat: town.lat,
          lng: town.lng,
          hoursMin: p.hours[0],
          hoursMax: p.hours[1],
          scheduleFlexibility: "some",
          places: 1,
          readiness: p.readiness,
          languages: p.languages,
          skills: p.skills,
          physicalDemands: "medium",
          support: p.support,
          status: "published",
        },
        $setOnInsert: { key: `eval-${p.key}`, publishedAt: new Date() },
      },
      { upsert: true },
    );
  }
  await rebuildPlacementIndex();
  const ids = await PlacementModel.find({ key: { $in: evalPlacements.map((p) => `eval-${p.key}`) } }).select("key").lean();
  return new Map(ids.map((p) => [String(p._id), p.key!.slice("eval-".length)]));
}

export function planOf(m: EvalMentee): MenteePlan {
  const town = findTown(m.town, m.country)!;
  return {
    id: m.key,
    mentorId: "",
    hasAccount: false,
    firstName: m.firstName,
    fullName: "",
    email: "",
    language: m.language,
    readiness: m.readiness,
    readinessChangedAt: new Date().toISOString(),
    goals: m.goals,
    strengths: m.strengths,
    interests: m.interests,
    skills: m.skills,
    languages: m.languages,
    town: town.name,
    country: m.country,
    lat: town.lat,
    lng: town.lng,
    travelKm: m.travelKm,
    hoursMin: m.hours[0],
    hoursMax: m.hours[1],
    supportNeeded: m.supportNeeded,
    barriers: "",
    notes: "",
  };
}

function measure(mentee: EvalMentee, ranked: string[]) {
  return {
    top5: ranked.slice(0, 5).map((key) => ({ key, grade: gradeOf(mentee.grades, key) })),
    precisionAt3: precisionAt(3, ranked, mentee.grades),
    ndcgAt5: ndcgAt(5, ranked, mentee.grades),
    trapsAt3: trapsAt(3, ranked, mentee.traps),
    leftWithoutMatch: leftWithoutMatch(ranked, mentee.grades),
    /** Where each ideal placement stands in the list (1 = first), null when it is not listed. */
    idealAt: Object.fromEntries(
      Object.entries(mentee.grades)
        .filter(([, g]) => g === 3)
        .map(([key]) => [key, ranked.includes(key) ? ranked.indexOf(key) + 1 : null]),
    ),
  };
}

type Measured = ReturnType<typeof measure> & { mentee: string; idealMatchedTerms?: Record<string, string[]> };

const mean = (values: number[]) => Number((values.reduce((a, b) => a + b, 0) / Math.max(1, values.length)).toFixed(3));

function summarise(measured: Measured[]) {
  return {
    precisionAt3: mean(measured.map((m) => m.precisionAt3)),
    ndcgAt5: mean(measured.map((m) => m.ndcgAt5)),
    trapsAt3: { count: measured.reduce((n, m) => n + m.trapsAt3.length, 0), which: measured.flatMap((m) => m.trapsAt3.map((placement) => ({ mentee: m.mentee, placement }))) },
    leftWithoutMatch: measured.filter((m) => m.leftWithoutMatch).map((m) => m.mentee),
    /** Mentees whose first three hold nothing graded 2 or 3. */
    misses: measured
      .filter((m) => m.top5.slice(0, 3).every((p) => p.grade < RELEVANT_GRADE))
      .map((m) => ({ mentee: m.mentee, top3: m.top5.slice(0, 3), idealAt: m.idealAt })),
  };
}

export async function runMatchingEvaluation() {
  const keyOf = await loadEvalSet();
  const ranking: Measured[] = [];
  const baseline: Measured[] = [];
  for (const mentee of evalMentees) {
    const plan = planOf(mentee);
    const matches = await rankPlacements(plan, {}, PAGE_SIZE);
    const ranked = matches.map((m) => keyOf.get(m.placement.id) ?? m.placement.id);
    const keywords = (await keywordBaseline(plan, PAGE_SIZE)).map((id) => keyOf.get(id) ?? id);
    // Whether an ideal placement came through the person's words or only as "fits the plan, matches no word".
    const idealMatchedTerms = Object.fromEntries(ranked.flatMap((key, i) => (gradeOf(mentee.grades, key) === 3 ? [[key, matches[i].matchedTerms]] : [])));
    ranking.push({ mentee: mentee.key, ...measure(mentee, ranked), idealMatchedTerms });
    baseline.push({ mentee: mentee.key, ...measure(mentee, keywords) });
  }
  const rankingSummary = summarise(ranking);
  const cases = [...new Set(evalMentees.flatMap((m) => m.cases ?? []))];
  const byCase = Object.fromEntries(
    cases.map((name) => {
      const of = (measured: Measured[]) => measured.filter((_, i) => evalMentees[i].cases?.includes(name));
      const means = (measured: Measured[]) => ({ precisionAt3: mean(measured.map((m) => m.precisionAt3)), ndcgAt5: mean(measured.map((m) => m.ndcgAt5)) });
      return [name, { mentees: of(ranking).length, ranking: means(of(ranking)), keywordBaseline: means(of(baseline)) }];
    }),
  );
  const bestPrecisionAt3 = mean(evalMentees.map((m) => bestPrecisionAt(3, m.grades)));
  return {
    mentees: evalMentees.length,
    placements: evalPlacements.length,
    composition: evalSetComposition(),
    bestPrecisionAt3,
    ranking: rankingSummary,
    keywordBaseline: summarise(baseline),
    /** The same measures for the mentees of each deliberate case (word forms, another language, …). */
    byCase,
    goals: {
      ndcgAt5: { goal: `≥ ${goals.ndcgAt5}`, met: rankingSummary.ndcgAt5 >= goals.ndcgAt5 },
      trapsAt3: { goal: `= ${goals.trapsAt3}`, met: rankingSummary.trapsAt3.count <= goals.trapsAt3 },
      leftWithoutMatch: { goal: `= ${goals.noMatch}`, met: rankingSummary.leftWithoutMatch.length <= goals.noMatch },
      precisionAt3: { goal: `within ${goals.precisionAt3FromBest} of ${bestPrecisionAt3}`, met: bestPrecisionAt3 - rankingSummary.precisionAt3 <= goals.precisionAt3FromBest + 1e-9 },
    },
    perMentee: evalMentees.map((m, i) => ({ mentee: m.key, cases: m.cases ?? [], ranking: ranking[i], keywordBaseline: baseline[i] })),
  };
}
