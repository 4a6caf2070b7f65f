import { describe, expect, it } from "vitest";
import { csvCell } from "~/import/export.server.ts";
import { CSV_MAX_COLUMNS, JSON_MAX_MEMBERS, readImportFile } from "~/import/read-file.server.ts";

const read = (text: string) => readImportFile(new TextEncoder().encode(text));

describe("reading a CSV file", () => {
  it("numbers each row by the line it starts on, across quoted line breaks and blank lines", async () => {
    const result = await read('key,title,description\na,One,"first\nsecond line"\n\nb,Two,plain\r\nc,Three,x');
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    expect(result.sections[0]!.rows.map((r) => [r.row, r.values.key])).toEqual([
      [2, "a"],
      [5, "b"],
      [6, "c"],
    ]);
    expect(result.sections[0]!.rows[0]!.values.description).toBe("first\nsecond line");
  });

  it("reads Excel's semicolons and tabs, and a UTF-8 BOM", async () => {
    for (const separator of [";", "\t"]) {
      const result = await read(`\uFEFFkey${separator}title${separator}skills\nk1${separator}Pekar${separator}"miješanje, pečenje"`);
      if (!result.ok) throw new Error(JSON.stringify(result.problems));
      expect(result.sections[0]).toMatchObject({ kind: "placements", rows: [{ values: { key: "k1", title: "Pekar", skills: "miješanje, pečenje" } }] });
    }
  });

  it("refuses a formula but takes back the apostrophe an export put before one", async () => {
    const result = await read("key,title,supportNotes\nk1,=HYPERLINK(\"http://x\"),'- a buddy\nk2,'=1+1,'+385 99");
    if (!result.ok) throw new Error("not read");
    const [first, second] = result.sections[0]!.rows;
    expect(first!.problems).toEqual([{ field: "title", message: "import.errors.formula" }]);
    expect(first!.values.supportNotes).toBe("- a buddy");
    expect(second!.values).toMatchObject({ title: "=1+1", supportNotes: "+385 99" });
  });

  it("says which kind it cannot recognise, which columns it does not know and when the key is missing", async () => {
    expect(await read("name,colour\nx,y")).toMatchObject({ ok: false, problems: [{ message: "import.errors.unknownKind" }] });
    expect(await read("key,title,salary\nx,y,1")).toMatchObject({ ok: false, problems: [{ message: "import.errors.unknownColumns", params: { columns: "salary" } }] });
    expect(await read("title,description\nx,y")).toMatchObject({ ok: false, problems: [{ message: "import.errors.missingKeyColumn" }] });
  });
});

describe("reading a hostile file", () => {
  it("refuses a line with more cells than any file of the format has, before building the row", async () => {
    expect(await read(`key,title\n${"a,".repeat(5_000_000)}a`)).toMatchObject({ ok: false, problems: [{ message: "import.errors.tooManyColumns", params: { max: CSV_MAX_COLUMNS } }] });
    expect(await read(`key${",".repeat(5_000_000)}\na`)).toMatchObject({ ok: false, problems: [{ message: "import.errors.tooManyColumns" }] });
  });

  it("names a column that appears many times once", async () => {
    expect(await read(`key${",title".repeat(900)}\nk`)).toMatchObject({ ok: false, problems: [{ message: "import.errors.repeatedColumns", params: { columns: "title" } }] });
  });

  it("stops reading at the row limit instead of holding millions of rows", async () => {
    expect(await read(`key\n${"a\n".repeat(2_000_000)}`)).toMatchObject({ ok: false, problems: [{ message: "import.errors.tooManyRows", params: { max: 50_000 } }] });
    expect(await read(`{"placements": [${Array(2_000_000).fill("{}").join(",")}]}`)).toMatchObject({ ok: false, problems: [{ message: "import.errors.tooManyRows" }] });
  });

  it("refuses JSON nested deeper than the format, or an entry with too many fields or list items", async () => {
    const deep = `{"placements": [${"[".repeat(1_000_000)}${"]".repeat(1_000_000)}]}`;
    expect(await read(deep)).toMatchObject({ ok: false, problems: [{ message: "import.errors.jsonTooComplex", params: { max: JSON_MAX_MEMBERS } }] });
    const fields = Array.from({ length: 100_000 }, (_, i) => `"f${i}": 0`).join(",");
    expect(await read(`{"placements": [{${fields}}]}`)).toMatchObject({ ok: false, problems: [{ message: "import.errors.jsonTooComplex" }] });
    expect(await read(`{"placements": [{"skills": [${Array(100_000).fill('"x"').join(",")}]}]}`)).toMatchObject({ ok: false, problems: [{ message: "import.errors.jsonTooComplex" }] });
  });

  it("names five unknown fields of an entry and counts the rest", async () => {
    const fields = Array.from({ length: 150 }, (_, i) => `"extra${i}": 1`).join(",");
    const result = await read(`{"placements": [{"key": "k", ${fields}}]}`);
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    const problems = result.sections[0]!.rows[0]!.problems;
    expect(problems).toHaveLength(6);
    expect(problems[0]).toEqual({ field: "extra0", message: "import.errors.unknownField" });
    expect(problems[5]).toEqual({ field: "row", message: "import.errors.unknownFields", params: { count: 150 } });
  });

  it("reads every entry as JSON.parse would, with brackets, commas and quotes inside texts", async () => {
    const data = {
      mentees: [{ key: "m1", town: "Varaždin ☕ 😀", notes: 'a "quoted" ] } , [ { text\\ ' }],
      placements: [{ key: "p1", title: "x,y", skills: ["a]", "{b"] }, { key: "p2" }, "not an object", null],
    };
    const result = await read(JSON.stringify(data, null, 2));
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    expect(result.sections.map((s) => s.kind)).toEqual(["placements", "mentees"]);
    expect(result.sections[0]!.rows.map((r) => r.values)).toEqual([data.placements[0], data.placements[1], {}, {}]);
    expect(result.sections[0]!.rows.map((r) => r.problems.map((p) => p.message))).toEqual([[], [], ["import.errors.notAnObject"], ["import.errors.notAnObject"]]);
    expect(result.sections[1]!.rows[0]!.values).toEqual(data.mentees[0]);
  });

  it.each([
    ['{"placements": [{"key": "a"} {"key": "b"}]}'],
    ['{"placements": [{"key": "a"},]}'],
    ['{"placements": [{"key": "a"}], }'],
    ['{"placements": [{"key": "a"]}'],
    ['{"placements": [{"key": "a}]}'],
    ['{"placements": [1 2]}'],
  ])("refuses broken JSON %s as JSON.parse does", async (text) => {
    expect(() => JSON.parse(text)).toThrow();
    expect(await read(text)).toMatchObject({ ok: false, problems: [{ message: "import.errors.json" }] });
  });
});

describe("writing a CSV cell", () => {
  it("puts an apostrophe before anything a spreadsheet would run, and leaves numbers alone", () => {
    expect(csvCell('=HYPERLINK("http://evil.test")')).toBe(`'=HYPERLINK("http://evil.test")`);
    expect(csvCell("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(csvCell("-5 kg")).toBe("'-5 kg");
    expect(csvCell(-12.5)).toBe("-12.5");
    expect(csvCell(["hr", "en"])).toBe("hr; en");
    expect(csvCell(null)).toBe("");
  });
});
