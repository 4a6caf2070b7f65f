import { parse } from "csv-parse/sync";
import { fieldNames, importKinds, type ImportKind } from "./format.ts";

/** Larger files are refused before they are read; split them by kind or by organisation. */
export const IMPORT_MAX_BYTES = 20 * 1024 * 1024;
/** More rows than this in one file are refused: the report must stay readable and the import quick. */
export const IMPORT_MAX_ROWS = 50_000;

export interface Problem {
  field: string;
  message: string;
  params?: Record<string, string | number>;
}

export interface RawRow {
  /** The line in a CSV file (the header is line 1), or the position in a JSON array (from 1). */
  row: number;
  values: Record<string, unknown>;
  problems: Problem[];
}

export interface FileSection {
  kind: ImportKind;
  rows: RawRow[];
}

export type ReadResult = { ok: true; format: "csv" | "json"; sections: FileSection[] } | { ok: false; problems: Problem[] };

const fileProblem = (message: string, params?: Problem["params"]): ReadResult => ({ ok: false, problems: [{ field: "file", message, params }] });

const ZIP_SIGNATURE = [0x50, 0x4b, 0x03, 0x04];
const OLE_SIGNATURE = [0xd0, 0xcf, 0x11, 0xe0];

function startsWith(bytes: Uint8Array, signature: number[]) {
  return signature.every((b, i) => bytes[i] === b);
}

/** UTF-8 (with or without BOM) or UTF-16 with a BOM; anything else is refused rather than guessed. */
function decode(bytes: Uint8Array): string | null {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder("utf-16le").decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder("utf-16be").decode(bytes.subarray(2));
  try {
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return null;
  }
}

/** Reads an uploaded or given file into rows per kind; what cannot be read is a problem of the file. */
export function readImportFile(bytes: Uint8Array, options: { fileName?: string; kind?: ImportKind; fallbackKind?: ImportKind } = {}): ReadResult {
  if (bytes.length === 0) return fileProblem("import.errors.empty");
  if (bytes.length > IMPORT_MAX_BYTES) return fileProblem("import.errors.tooLarge", { mb: IMPORT_MAX_BYTES / 1024 / 1024 });
  if (startsWith(bytes, ZIP_SIGNATURE) || startsWith(bytes, OLE_SIGNATURE)) return fileProblem("import.errors.spreadsheetFile");
  const text = decode(bytes);
  if (text === null) return fileProblem("import.errors.encoding");
  // eslint-disable-next-line no-control-regex
  if (/\u0000/.test(text)) return fileProblem("import.errors.notText");
  const body = text.replace(/^\uFEFF/, "");
  const looksLikeJson = options.fileName?.toLowerCase().endsWith(".json") || /^\s*[{[]/.test(body);
  return looksLikeJson ? readJson(body) : readCsv(body, options.kind, options.fallbackKind);
}

function readJson(text: string): ReadResult {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return fileProblem("import.errors.json");
  }
  if (!data || typeof data !== "object" || Array.isArray(data)) return fileProblem("import.errors.jsonShape");
  const sections: FileSection[] = [];
  let total = 0;
  for (const [name, value] of Object.entries(data)) {
    if (!(importKinds as readonly string[]).includes(name)) return fileProblem("import.errors.unknownSection", { name: name.slice(0, 60) });
    if (!Array.isArray(value)) return fileProblem("import.errors.jsonShape");
    total += value.length;
    if (total > IMPORT_MAX_ROWS) return fileProblem("import.errors.tooManyRows", { max: IMPORT_MAX_ROWS });
    const kind = name as ImportKind;
    const known = new Set(fieldNames(kind));
    sections.push({
      kind,
      rows: value.map((item, index) => {
        const row: RawRow = { row: index + 1, values: {}, problems: [] };
        if (!item || typeof item !== "object" || Array.isArray(item)) {
          row.problems.push({ field: "row", message: "import.errors.notAnObject" });
          return row;
        }
        for (const [field, v] of Object.entries(item as Record<string, unknown>)) {
          if (!known.has(field)) row.problems.push({ field: field.slice(0, 60), message: "import.errors.unknownField" });
          else row.values[field] = v;
        }
        return row;
      }),
    });
  }
  sections.sort((a, b) => importKinds.indexOf(a.kind) - importKinds.indexOf(b.kind));
  return { ok: true, format: "json", sections };
}

/** The separator of the header line: Excel writes `;` where the decimal mark is a comma. */
function detectDelimiter(headerLine: string) {
  const counts = [",", ";", "\t"].map((d) => ({ d, n: headerLine.split(d).length }));
  return counts.sort((a, b) => b.n - a.n)[0]!.d;
}

/** Which kind a CSV holds, from its columns. */
function kindFromColumns(columns: string[]): ImportKind | undefined {
  const has = (c: string) => columns.includes(c);
  if (has("title")) return "placements";
  if (has("firstName")) return "mentees";
  if (has("kind") || has("verified")) return "organisations";
  if (has("email") && has("organisation")) return "mentors";
  return undefined;
}

// A spreadsheet formula computes its value when opened; imported, it would be stored as its source.
const EXPORT_ESCAPE = /^'(?=[=+\-@\t\r])/;

/** For offsets in increasing order: the line number of the first non-blank character at or after each. */
function lineCounter(text: string) {
  const bytes = Buffer.from(text);
  let position = 0;
  let line = 1;
  return (offset: number) => {
    for (; position < offset; position++) if (bytes[position] === 0x0a) line++;
    while (bytes[position] === 0x0a || bytes[position] === 0x0d) {
      if (bytes[position] === 0x0a) line++;
      position++;
    }
    return line;
  };
}

function readCsv(text: string, kindOption?: ImportKind, fallbackKind?: ImportKind): ReadResult {
  const headerLine = text.slice(0, text.search(/\r?\n|$/));
  let records: { record: string[]; info: { bytes: number } }[];
  try {
    records = parse(text, { delimiter: detectDelimiter(headerLine), info: true, relax_column_count: true, relax_quotes: true, skip_empty_lines: true, trim: false }) as unknown as typeof records;
  } catch (error) {
    const line = (error as { lines?: number }).lines;
    return fileProblem("import.errors.csv", { line: line ?? 0 });
  }
  if (records.length === 0) return fileProblem("import.errors.empty");
  if (records.length - 1 > IMPORT_MAX_ROWS) return fileProblem("import.errors.tooManyRows", { max: IMPORT_MAX_ROWS });
  // Spreadsheets leave trailing separators: a column with neither name nor values is not a column,
  // and a line of separators alone is an empty line.
  const used = records[0]!.record.map((name, i) => name.trim() !== "" || records.some(({ record }) => (record[i] ?? "").trim() !== ""));
  for (const entry of records) entry.record = entry.record.filter((_, i) => used[i] ?? true);
  records = [records[0]!, ...records.slice(1).filter(({ record }) => record.some((cell) => cell.trim() !== ""))];
  const columns = records[0]!.record.map((c) => c.trim());
  const kind = kindOption ?? kindFromColumns(columns) ?? fallbackKind;
  if (!kind) return fileProblem("import.errors.unknownKind");
  const known = new Set(fieldNames(kind));
  const unknown = columns.filter((c) => !known.has(c));
  if (unknown.length) return fileProblem("import.errors.unknownColumns", { columns: unknown.map((c) => c.slice(0, 40)).join(", ").slice(0, 300) });
  const repeated = columns.filter((c, i) => columns.indexOf(c) !== i);
  if (repeated.length) return fileProblem("import.errors.repeatedColumns", { columns: [...new Set(repeated)].join(", ") });
  if (!columns.includes("key")) return fileProblem("import.errors.missingKeyColumn");
  const startLine = lineCounter(text);
  const rows = records.slice(1).map(({ record }, i): RawRow => {
    // The line the record starts on (a quoted cell may span several): after the previous record and any blank lines.
    const row: RawRow = { row: startLine(records[i]!.info.bytes), values: {}, problems: [] };
    if (record.length !== columns.length) row.problems.push({ field: "row", message: "import.errors.columnCount", params: { expected: columns.length, found: record.length } });
    columns.forEach((column, i) => {
      const cell = record[i] ?? "";
      if (EXPORT_ESCAPE.test(cell)) row.values[column] = cell.slice(1);
      else if (cell.trimStart().startsWith("=")) row.problems.push({ field: column, message: "import.errors.formula" });
      else row.values[column] = cell;
    });
    return row;
  });
  return { ok: true, format: "csv", sections: [{ kind, rows }] };
}
