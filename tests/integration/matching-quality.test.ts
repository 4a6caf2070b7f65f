import { describe, expect, it } from "vitest";
import { ndcgAt, precisionAt, runMatchingEvaluation } from "../../seed/matching-evaluation.ts";

describe("ranking quality on the labelled set", () => {
  it("computes the measures as defined", () => {
    const relevant = new Set(["a", "b"]);
    expect(precisionAt(3, ["a", "x", "b"], relevant)).toBeCloseTo(2 / 3);
    expect(ndcgAt(5, ["a", "b", "x"], relevant)).toBe(1);
    expect(ndcgAt(5, ["x", "a"], new Set(["a"]))).toBeCloseTo(1 / Math.log2(3));
  });

  it("beats a plain keyword search of the interests on precision@3 and nDCG@5", async () => {
    const result = await runMatchingEvaluation();
    expect(result.mentees).toBeGreaterThanOrEqual(15);
    expect(result.ranking.precisionAt3).toBeGreaterThan(result.keywordBaseline.precisionAt3);
    expect(result.ranking.ndcgAt5).toBeGreaterThan(result.keywordBaseline.ndcgAt5);
  });
});
