import { describe, expect, it } from "vitest";
import { townNames } from "~/placements/gazetteer.server.ts";

// The town suggestions of the story editor (and every town field) come from one data set that holds
// several places of one name in one country: each town is offered once per country.
describe("town suggestions", () => {
  it("offer Popovača and Otok once each among Croatia's towns", () => {
    const names = townNames("HR", 300);
    expect(names.filter((n) => n === "Popovača")).toHaveLength(1);
    expect(names.filter((n) => n === "Otok")).toHaveLength(1);
    expect(new Set(names).size).toBe(names.length);
    expect(names).toHaveLength(300);
  });

  it("keep a name two countries share once for each country", () => {
    expect(townNames("HR", 5000)).toContain("Jesenice");
    expect(townNames("SI", 5000)).toContain("Jesenice");
    expect(townNames(undefined, 100_000).filter((n) => n === "Jesenice")).toHaveLength(2);
  });
});
