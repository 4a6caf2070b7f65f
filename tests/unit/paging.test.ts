import { describe, expect, it } from "vitest";
import { pageAsked, pageWithin } from "~/db/paging.ts";

describe("pages of a list", () => {
  it("take a whole number from 1 as the page asked for, and anything else as the first", () => {
    expect(["2", "007", "99999", "123456789012345678901234"].map(pageAsked)).toEqual([2, 7, 99999, Number("123456789012345678901234")]);
    expect([null, undefined, "", "0", "-3", "1.5", "abc", " 2", "1e3", "Infinity"].map(pageAsked)).toEqual([1, 1, 1, 1, 1, 1, 1, 1, 1, 1]);
  });

  it("show the last page for one past the end, and one empty page for an empty list", () => {
    expect(pageWithin(116, 20, 20)).toEqual({ page: 6, pages: 6, first: 100 });
    expect(pageWithin(116, 3, 20)).toEqual({ page: 3, pages: 6, first: 40 });
    expect(pageWithin(11, 2, 20)).toEqual({ page: 1, pages: 1, first: 0 });
    expect(pageWithin(0, 5, 20)).toEqual({ page: 1, pages: 1, first: 0 });
    expect(pageWithin(116, Number.MAX_VALUE, 20).page).toBe(6);
  });
});
