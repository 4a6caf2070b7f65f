import { beforeAll, describe, expect, it } from "vitest";
import { evalMentees, evalPlacements } from "../../seed/matching-eval.ts";
import {
  bestPrecisionAt,
  evalSetProblems,
  leftWithoutMatch,
  ndcgAt,
  precisionAt,
  runMatchingEvaluation,
  trapsAt,
} from "../../seed/matching-evaluation.ts";

describe("the measures", () => {
  const grades = { ideal: 3, good: 2, marginal: 1 };

  it("count a placement graded good or ideal as relevant for precision@3, and cap the best possible by how many there are", () => {
    expect(precisionAt(3, ["ideal", "marginal", "good"], grades)).toBeCloseTo(2 / 3);
    expect(precisionAt(3, ["marginal", "wrong", "other"], grades)).toBe(0);
    expect(bestPrecisionAt(3, grades)).toBeCloseTo(2 / 3);
    expect(bestPrecisionAt(3, { a: 3, b: 3, c: 2, d: 2 })).toBe(1);
  });

  it("give graded nDCG@5 of 1 only to the best order, with gain 2^grade − 1", () => {
    expect(ndcgAt(5, ["ideal", "good", "marginal"], grades)).toBe(1);
    const ideal = 7 + 3 / Math.log2(3) + 1 / Math.log2(4);
    expect(ndcgAt(5, ["good", "ideal", "marginal"], grades)).toBeCloseTo((3 + 7 / Math.log2(3) + 1 / Math.log2(4)) / ideal);
    expect(ndcgAt(5, ["wrong", "ideal"], { ideal: 3 })).toBeCloseTo(1 / Math.log2(3));
    expect(ndcgAt(5, ["a", "b", "c", "d", "e", "ideal"], { ideal: 3 })).toBe(0);
  });

  it("name the traps in the top 3, and a mentee left without anything worth proposing", () => {
    expect(trapsAt(3, ["a", "trap", "b", "late-trap"], ["trap", "late-trap"])).toEqual(["trap"]);
    expect(leftWithoutMatch([], { ideal: 3 })).toBe(true);
    expect(leftWithoutMatch(["marginal", "wrong"], grades)).toBe(true);
    expect(leftWithoutMatch(["wrong", "good"], grades)).toBe(false);
    // Without an ideal placement in the set nobody is counted as left without one.
    expect(leftWithoutMatch([], { good: 2 })).toBe(false);
  });
});

describe("the labelled set", () => {
  it("holds at least 40 mentees and 120 placements across the three countries and four languages", () => {
    expect(evalMentees.length).toBeGreaterThanOrEqual(40);
    expect(evalPlacements.length).toBeGreaterThanOrEqual(120);
    expect(new Set(evalPlacements.map((p) => p.country))).toEqual(new Set(["HR", "SI", "DK"]));
    expect(new Set(evalPlacements.map((p) => p.language))).toEqual(new Set(["hr", "sl", "da", "en"]));
    expect(new Set(evalMentees.map((m) => m.language))).toEqual(new Set(["hr", "sl", "da", "en"]));
  });

  it("is valid for the portal: known towns and placements, forms that would accept every record, traps graded 0", () => {
    expect(evalSetProblems()).toEqual([]);
  });

  it("has keyword traps and mentees whose ideal placement shares no word with their interests", () => {
    const words = (text: string) => text.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean);
    expect(evalMentees.filter((m) => m.traps.length > 0).length).toBeGreaterThanOrEqual(15);
    const noLiteralWord = evalMentees.filter((m) => m.cases?.includes("no-literal-word"));
    expect(noLiteralWord.length).toBeGreaterThanOrEqual(8);
    for (const mentee of noLiteralWord) {
      const interests = new Set(mentee.interests.flatMap(words));
      for (const key of Object.keys(mentee.grades).filter((k) => mentee.grades[k] === 3)) {
        const placement = evalPlacements.find((p) => p.key === key)!;
        const shared = words([placement.title, placement.description, ...placement.skills].join(" ")).filter((w) => interests.has(w));
        expect(shared, `${mentee.key} / ${key}`).toEqual([]);
      }
    }
  });
});

describe("ranking quality on the labelled set", () => {
  let result: Awaited<ReturnType<typeof runMatchingEvaluation>>;
  beforeAll(async () => {
    result = await runMatchingEvaluation();
  });

  it("beats a keyword search of the interests, never puts a trap in the top 3 and leaves nobody without a match", () => {
    expect(result.mentees).toBeGreaterThanOrEqual(40);
    expect(result.placements).toBeGreaterThanOrEqual(120);
    expect(result.ranking.precisionAt3).toBeGreaterThan(result.keywordBaseline.precisionAt3);
    expect(result.ranking.ndcgAt5).toBeGreaterThan(result.keywordBaseline.ndcgAt5);
    // A trap in the top 3 or an empty list where an ideal placement exists is what a mentor notices first.
    expect(result.ranking.trapsAt3.which).toEqual([]);
    expect(result.ranking.leftWithoutMatch).toEqual([]);
  });

  it("meets the issue's goals: graded nDCG@5 at least 0.90 and precision@3 within 0.05 of the best possible", () => {
    expect(result.ranking.ndcgAt5).toBeGreaterThanOrEqual(0.9);
    expect(result.ranking.precisionAt3).toBeGreaterThanOrEqual(result.bestPrecisionAt3 - 0.05);
  });
});
