import { describe, expect, it } from "vitest";
import { excerptOf, sumSteps } from "~/stories/public-text.ts";

describe("the campaign's steps towards work", () => {
  it("adds the three figures when none is suppressed", () => {
    expect(sumSteps([12, 0, 7])).toEqual({ value: 19, atLeast: false });
  });
  it("never shows a sum that would tell how many stand behind a suppressed part", () => {
    expect(sumSteps([12, "fewer_than_5", 7])).toEqual({ value: 19, atLeast: true });
    expect(sumSteps(["fewer_than_5", 0, null])).toEqual({ value: "fewer_than_5", atLeast: false });
  });
});

describe("a sharing description", () => {
  it("keeps a short text whole and cuts a long one at a word, on one line", () => {
    expect(excerptOf("Short\n\nstory.")).toBe("Short story.");
    const long = excerptOf("word ".repeat(100));
    expect(long.length).toBeLessThanOrEqual(161);
    expect(long.endsWith("word…")).toBe(true);
  });
});
