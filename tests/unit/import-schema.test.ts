import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { importKinds } from "~/import/format.ts";
import { importJsonSchema, type JsonSchema } from "~/import/json-schema.server.ts";
import { placementKinds, supportOptions } from "~/placements/vocabulary.ts";

const committed = JSON.parse(readFileSync(new URL("../../docs/import.schema.json", import.meta.url), "utf8")) as JsonSchema;
const schema = importJsonSchema();

/** The schema of one row of a kind. */
function row(kind: string) {
  const list = (schema.properties as Record<string, JsonSchema>)[kind]!;
  return list.items as { properties: Record<string, JsonSchema>; required: string[]; additionalProperties: unknown };
}

describe("the JSON Schema of an import file", () => {
  it("is the one in docs/import.schema.json", () => {
    expect(committed, "docs/import.schema.json is out of date: run `npm run import:schema`").toEqual(schema);
  });

  it("takes its vocabularies from the zod schemas", () => {
    expect(row("placements").properties.kind!.enum).toEqual([...placementKinds]);
    expect((row("mentees").properties.supportNeeded!.items as JsonSchema).enum).toEqual([...supportOptions]);
  });

  it("allows only the four lists at the top and only known fields in a row", () => {
    expect(schema.additionalProperties).toBe(false);
    expect(Object.keys(schema.properties as object)).toEqual([...importKinds]);
    for (const kind of importKinds) expect(row(kind).additionalProperties).toBe(false);
  });

  it("requires what a row must have, and not what the import fills in", () => {
    expect(row("placements").required).toEqual(expect.arrayContaining(["key", "title", "description"]));
    // Defaults (status, places, scheduleFlexibility) and the employer's own organisation may be left out.
    for (const field of ["status", "places", "scheduleFlexibility", "organisation"]) expect(row("placements").required).not.toContain(field);
    expect(row("mentees").required).toContain("key");
    expect(row("mentees").required).not.toContain("language");
    expect(row("mentors").required).toEqual(expect.arrayContaining(["key", "email", "organisation"]));
  });

  it("accepts numbers and lists as a spreadsheet writes them, too", () => {
    expect(row("placements").properties.hoursMin).toMatchObject({ type: ["integer", "string"], minimum: 1, maximum: 60 });
    expect(row("placements").properties.skills).toMatchObject({ type: ["array", "null"] });
    expect(row("organisations").properties.verified).toMatchObject({ type: ["boolean", "string", "null"] });
    // What an export writes for an empty optional field.
    expect(row("placements").properties.startDate).toMatchObject({ type: ["string", "null"] });
    expect(row("organisations").properties.mentorOrganisationType!.enum).toContain(null);
  });
});
