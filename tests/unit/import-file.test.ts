import { describe, expect, it } from "vitest";
import { csvCell } from "~/import/export.server.ts";
import { readImportFile } from "~/import/read-file.server.ts";

const read = (text: string) => readImportFile(new TextEncoder().encode(text));

describe("reading a CSV file", () => {
  it("numbers each row by the line it starts on, across quoted line breaks and blank lines", () => {
    const result = read('key,title,description\na,One,"first\nsecond line"\n\nb,Two,plain\r\nc,Three,x');
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    expect(result.sections[0]!.rows.map((r) => [r.row, r.values.key])).toEqual([
      [2, "a"],
      [5, "b"],
      [6, "c"],
    ]);
    expect(result.sections[0]!.rows[0]!.values.description).toBe("first\nsecond line");
  });

  it("reads Excel's semicolons and tabs, and a UTF-8 BOM", () => {
    for (const separator of [";", "\t"]) {
      const result = read(`\uFEFFkey${separator}title${separator}skills\nk1${separator}Pekar${separator}"miješanje, pečenje"`);
      if (!result.ok) throw new Error(JSON.stringify(result.problems));
      expect(result.sections[0]).toMatchObject({ kind: "placements", rows: [{ values: { key: "k1", title: "Pekar", skills: "miješanje, pečenje" } }] });
    }
  });

  it("refuses a formula but takes back the apostrophe an export put before one", () => {
    const result = read("key,title,supportNotes\nk1,=HYPERLINK(\"http://x\"),'- a buddy\nk2,'=1+1,'+385 99");
    if (!result.ok) throw new Error("not read");
    const [first, second] = result.sections[0]!.rows;
    expect(first!.problems).toEqual([{ field: "title", message: "import.errors.formula" }]);
    expect(first!.values.supportNotes).toBe("- a buddy");
    expect(second!.values).toMatchObject({ title: "=1+1", supportNotes: "+385 99" });
  });

  it("says which kind it cannot recognise, which columns it does not know and when the key is missing", () => {
    expect(read("name,colour\nx,y")).toMatchObject({ ok: false, problems: [{ message: "import.errors.unknownKind" }] });
    expect(read("key,title,salary\nx,y,1")).toMatchObject({ ok: false, problems: [{ message: "import.errors.unknownColumns", params: { columns: "salary" } }] });
    expect(read("title,description\nx,y")).toMatchObject({ ok: false, problems: [{ message: "import.errors.missingKeyColumn" }] });
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
