import { isUtf8 } from "node:buffer";
import { finished } from "node:stream/promises";
import { parse } from "csv-parse";
import { fieldNames, importKinds, type ImportKind } from "./format.ts";
import { giveWay } from "./pacing.server.ts";

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

const UTF16_CHUNK_BYTES = 1024 * 1024;

/**
 * The file as UTF-8 bytes without a byte order mark: UTF-8 (with or without BOM) is checked, not
 * copied; UTF-16 with a BOM is converted a megabyte at a time. Anything else is refused rather than
 * guessed. The file is never one 20 MB string: making one blocks the server for a good while.
 */
async function utf8Of(bytes: Uint8Array, pause: () => Promise<void>): Promise<Buffer | null> {
  const utf16 = bytes[0] === 0xff && bytes[1] === 0xfe ? "utf-16le" : bytes[0] === 0xfe && bytes[1] === 0xff ? "utf-16be" : null;
  if (utf16) {
    const decoder = new TextDecoder(utf16);
    const pieces: Buffer[] = [];
    for (let offset = 2; offset < bytes.length; offset += UTF16_CHUNK_BYTES) {
      await pause();
      pieces.push(Buffer.from(decoder.decode(bytes.subarray(offset, offset + UTF16_CHUNK_BYTES), { stream: true })));
    }
    pieces.push(Buffer.from(decoder.decode()));
    const converted = Buffer.concat(pieces);
    return converted[0] === 0xef && converted[1] === 0xbb && converted[2] === 0xbf ? converted.subarray(3) : converted;
  }
  if (!isUtf8(bytes)) return null;
  const start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  return Buffer.from(bytes.buffer, bytes.byteOffset + start, bytes.length - start);
}

const isBlank = (b: number | undefined) => b === 0x20 || b === 0x09 || b === 0x0a || b === 0x0d;

/** Reads an uploaded or given file into rows per kind; what cannot be read is a problem of the file. */
export async function readImportFile(bytes: Uint8Array, options: { fileName?: string; kind?: ImportKind; fallbackKind?: ImportKind } = {}): Promise<ReadResult> {
  if (bytes.length === 0) return fileProblem("import.errors.empty");
  if (bytes.length > IMPORT_MAX_BYTES) return fileProblem("import.errors.tooLarge", { mb: IMPORT_MAX_BYTES / 1024 / 1024 });
  if (startsWith(bytes, ZIP_SIGNATURE) || startsWith(bytes, OLE_SIGNATURE)) return fileProblem("import.errors.spreadsheetFile");
  const pause = giveWay();
  const body = await utf8Of(bytes, pause);
  if (body === null) return fileProblem("import.errors.encoding");
  if (body.includes(0)) return fileProblem("import.errors.notText");
  let first = 0;
  while (isBlank(body[first])) first++;
  const looksLikeJson = options.fileName?.toLowerCase().endsWith(".json") || body[first] === 0x7b || body[first] === 0x5b;
  return looksLikeJson ? readJson(body, pause) : readCsv(body, pause, options.kind, options.fallbackKind);
}

// A file's entries may have at most this many fields, and a list in a field this many items; deeper
// nesting than the format's own (file, list of entries, entry, list in a field) is not read at all.
// Without these bounds one entry of a 20 MB file could be millions of values that JSON.parse would
// read in one go, blocking every other request for seconds.
export const JSON_MAX_MEMBERS = 200;
const JSON_MAX_DEPTH = 4;
// At most this many unknown fields of an entry are named one by one; the rest are counted.
const UNKNOWN_FIELDS_NAMED = 5;

// The file's own names (of lists) are short; a long text outside the entries is not the format.
const JSON_MAX_NAME_BYTES = 1000;

type JsonScan = { ok: true; skeleton: string; entries: [start: number, end: number][] } | { ok: false; result: ReadResult };

/**
 * Walks the text once, without building values: checks the nesting and the counts above and finds
 * where each entry of each list starts and ends. The skeleton is the file with every entry replaced
 * by its number, so that JSON.parse checks the file's frame, and each entry is parsed on its own.
 */
async function scanJson(text: Buffer, pause: () => Promise<void>): Promise<JsonScan> {
  const refuse = (message: string, params?: Problem["params"]): JsonScan => ({ ok: false, result: fileProblem(message, params) });
  const members: number[] = [];
  const entries: [number, number][] = [];
  const skeleton: string[] = [];
  let copiedUpTo = 0;
  let entryStart = -1;
  let inString = false;
  let stringStart = 0;
  const endEntry = (end: number) => {
    let first = entryStart;
    while (first < end && isBlank(text[first])) first++;
    if (first === end) return; // `[]`, or a stray comma JSON.parse will refuse
    skeleton.push(text.toString("utf8", copiedUpTo, entryStart), String(entries.length));
    entries.push([entryStart, end]);
    copiedUpTo = end;
  };
  // Structure is ASCII; in UTF-8 no byte of a longer character is ASCII, so bytes are walked as they are.
  for (let i = 0; i < text.length; i++) {
    if ((i & 0xffff) === 0) await pause();
    const c = text[i];
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) {
        inString = false;
        if (members.length <= 1 && i - stringStart > JSON_MAX_NAME_BYTES) return refuse("import.errors.jsonShape");
      }
      continue;
    }
    if (c === 0x22) {
      inString = true;
      stringStart = i;
    } else if (c === 0x7b || c === 0x5b) {
      // { or [
      const depth = members.push(0);
      if (depth > JSON_MAX_DEPTH) return refuse("import.errors.jsonTooComplex", { max: JSON_MAX_MEMBERS });
      if ((depth === 1 && c === 0x5b) || (depth === 2 && c === 0x7b)) return refuse("import.errors.jsonShape");
      if (depth === 2) entryStart = i + 1;
    } else if (c === 0x7d || c === 0x5d) {
      // } or ]
      if (members.length === 2) endEntry(i);
      if (members.pop() === undefined) return refuse("import.errors.json");
    } else if (c === 0x2c) {
      // ,
      const depth = members.length;
      if (depth === 0) return refuse("import.errors.json");
      const count = ++members[depth - 1]!;
      if (depth === 1 && count >= importKinds.length) return refuse("import.errors.jsonShape");
      if (depth >= 3 && count >= JSON_MAX_MEMBERS) return refuse("import.errors.jsonTooComplex", { max: JSON_MAX_MEMBERS });
      if (depth === 2) {
        endEntry(i);
        entryStart = i + 1;
        if (entries.length > IMPORT_MAX_ROWS) return refuse("import.errors.tooManyRows", { max: IMPORT_MAX_ROWS });
      }
    }
  }
  if (inString || members.length) return refuse("import.errors.json");
  if (entries.length > IMPORT_MAX_ROWS) return refuse("import.errors.tooManyRows", { max: IMPORT_MAX_ROWS });
  skeleton.push(text.toString("utf8", copiedUpTo));
  return { ok: true, skeleton: skeleton.join(""), entries };
}

async function readJson(text: Buffer, pause: () => Promise<void>): Promise<ReadResult> {
  const scan = await scanJson(text, pause);
  if (!scan.ok) return scan.result;
  let data: unknown;
  try {
    data = JSON.parse(scan.skeleton);
  } catch {
    return fileProblem("import.errors.json");
  }
  if (!data || typeof data !== "object" || Array.isArray(data)) return fileProblem("import.errors.jsonShape");
  const sections: FileSection[] = [];
  for (const [name, value] of Object.entries(data)) {
    if (!(importKinds as readonly string[]).includes(name)) return fileProblem("import.errors.unknownSection", { name: name.slice(0, 60) });
    if (!Array.isArray(value)) return fileProblem("import.errors.jsonShape");
    const kind = name as ImportKind;
    const known = new Set(fieldNames(kind));
    const rows: RawRow[] = [];
    for (const [index, entry] of (value as number[]).entries()) {
      await pause();
      const [start, end] = scan.entries[entry]!;
      let item: unknown;
      try {
        item = JSON.parse(text.toString("utf8", start, end));
      } catch {
        return fileProblem("import.errors.json");
      }
      rows.push(jsonRow(index + 1, item, known));
    }
    sections.push({ kind, rows });
  }
  sections.sort((a, b) => importKinds.indexOf(a.kind) - importKinds.indexOf(b.kind));
  return { ok: true, format: "json", sections };
}

function jsonRow(position: number, item: unknown, known: Set<string>): RawRow {
  const row: RawRow = { row: position, values: {}, problems: [] };
  if (!item || typeof item !== "object" || Array.isArray(item)) {
    row.problems.push({ field: "row", message: "import.errors.notAnObject" });
    return row;
  }
  let unknown = 0;
  for (const [field, v] of Object.entries(item as Record<string, unknown>)) {
    if (known.has(field)) row.values[field] = v;
    else if (++unknown <= UNKNOWN_FIELDS_NAMED) row.problems.push({ field: field.slice(0, 60), message: "import.errors.unknownField" });
  }
  if (unknown > UNKNOWN_FIELDS_NAMED) row.problems.push({ field: "row", message: "import.errors.unknownFields", params: { count: unknown } });
  return row;
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
function lineCounter(bytes: Uint8Array) {
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

// No file of the format has more columns than this (spreadsheets leave some empty ones behind); a row
// keeps at most this many cells, so a line of a million separators costs no more than a short one.
export const CSV_MAX_COLUMNS = 1000;
const CSV_CHUNK_BYTES = 16 * 1024;

/**
 * Whether a line has more separators than a file of the format can have. Checked before parsing: the
 * parser would build a row of millions of cells first. A quoted text with a thousand separators in
 * one line counts too; no field of the format is that long.
 */
async function hasTooWideLine(bytes: Uint8Array, delimiter: string, pause: () => Promise<void>) {
  const separator = delimiter.charCodeAt(0);
  let count = 0;
  for (let i = 0; i < bytes.length; i++) {
    if ((i & 0xffff) === 0) await pause();
    const b = bytes[i];
    if (b === separator) {
      if (++count >= CSV_MAX_COLUMNS) return true;
    } else if (b === 0x0a) count = 0;
  }
  return false;
}

interface CsvRecord {
  cells: string[];
  /** The number of cells in the file, also when more were there than are kept. */
  found: number;
  /** Where the record ends in the file. */
  bytes: number;
}

type CsvParse = { ok: true; records: CsvRecord[] } | { ok: false; result: ReadResult };

/** csv-parse fed a chunk at a time, giving way between chunks; stops once the file has too many rows. */
async function parseCsv(bytes: Buffer, delimiter: string): Promise<CsvParse> {
  const parser = parse({ delimiter, info: true, relax_column_count: true, relax_quotes: true, skip_empty_lines: true, trim: false });
  const records: CsvRecord[] = [];
  parser.on("data", ({ record, info }: { record: string[]; info: { bytes: number } }) => {
    records.push({ cells: record.length > CSV_MAX_COLUMNS ? record.slice(0, CSV_MAX_COLUMNS + 1) : record, found: record.length, bytes: info.bytes });
  });
  const done = finished(parser);
  done.catch(() => {}); // awaited below; a parse error is answered there
  const failed = (error: unknown): CsvParse => ({ ok: false, result: fileProblem("import.errors.csv", { line: (error as { lines?: number }).lines ?? 0 }) });
  try {
    for (let offset = 0; offset < bytes.length; offset += CSV_CHUNK_BYTES) {
      await new Promise<void>((resolve, reject) => parser.write(bytes.subarray(offset, offset + CSV_CHUNK_BYTES), (error) => (error ? reject(error) : resolve())));
      await new Promise((resolve) => setImmediate(resolve));
      if (records.length - 1 > IMPORT_MAX_ROWS) {
        parser.destroy();
        return { ok: false, result: fileProblem("import.errors.tooManyRows", { max: IMPORT_MAX_ROWS }) };
      }
    }
    parser.end();
    await done;
  } catch (error) {
    parser.destroy();
    return failed(error);
  }
  if (records.length - 1 > IMPORT_MAX_ROWS) return { ok: false, result: fileProblem("import.errors.tooManyRows", { max: IMPORT_MAX_ROWS }) };
  return { ok: true, records };
}

const hasText = (cell: string | undefined) => cell !== undefined && /\S/.test(cell);

async function readCsv(bytes: Buffer, pause: () => Promise<void>, kindOption?: ImportKind, fallbackKind?: ImportKind): Promise<ReadResult> {
  const lineEnd = bytes.indexOf(0x0a);
  // A real header is short; a few kilobytes of it tell the separator.
  const headerLine = bytes.toString("utf8", 0, Math.min(lineEnd === -1 ? bytes.length : lineEnd, 64 * 1024));
  const delimiter = detectDelimiter(headerLine);
  if (await hasTooWideLine(bytes, delimiter, pause)) return fileProblem("import.errors.tooManyColumns", { max: CSV_MAX_COLUMNS });
  const parsed = await parseCsv(bytes, delimiter);
  if (!parsed.ok) return parsed.result;
  let records = parsed.records;
  if (records.length === 0) return fileProblem("import.errors.empty");
  if (records[0]!.found > CSV_MAX_COLUMNS) return fileProblem("import.errors.tooManyColumns", { max: CSV_MAX_COLUMNS });
  // Spreadsheets leave trailing separators: a column with neither name nor values is not a column,
  // and a line of separators alone is an empty line.
  const used = records[0]!.cells.map(hasText);
  for (const { cells } of records) {
    await pause();
    for (let i = 0; i < used.length; i++) if (!used[i] && hasText(cells[i])) used[i] = true;
  }
  const keep = (entry: CsvRecord) => {
    const cells = entry.cells.filter((_, i) => used[i] ?? true);
    return { ...entry, cells, found: entry.found - (entry.cells.length - cells.length) };
  };
  const kept = [keep(records[0]!)];
  for (let i = 1; i < records.length; i++) {
    await pause();
    const entry = keep(records[i]!);
    if (entry.cells.some(hasText)) kept.push(entry);
  }
  records = kept;
  const columns = records[0]!.cells.map((c) => c.trim());
  const kind = kindOption ?? kindFromColumns(columns) ?? fallbackKind;
  if (!kind) return fileProblem("import.errors.unknownKind");
  const known = new Set(fieldNames(kind));
  const unknown = columns.filter((c) => !known.has(c));
  if (unknown.length) return fileProblem("import.errors.unknownColumns", { columns: unknown.slice(0, 10).map((c) => c.slice(0, 40)).join(", ").slice(0, 300) });
  const seen = new Set<string>();
  const repeated = new Set(columns.filter((c) => seen.has(c) || !seen.add(c)));
  if (repeated.size) return fileProblem("import.errors.repeatedColumns", { columns: [...repeated].join(", ") });
  if (!columns.includes("key")) return fileProblem("import.errors.missingKeyColumn");
  const startLine = lineCounter(bytes);
  const rows: RawRow[] = [];
  for (let i = 1; i < records.length; i++) {
    await pause();
    const { cells, found } = records[i]!;
    // The line the record starts on (a quoted cell may span several): after the previous record and any blank lines.
    const row: RawRow = { row: startLine(records[i - 1]!.bytes), values: {}, problems: [] };
    if (found !== columns.length) row.problems.push({ field: "row", message: "import.errors.columnCount", params: { expected: columns.length, found } });
    columns.forEach((column, c) => {
      const cell = cells[c] ?? "";
      if (EXPORT_ESCAPE.test(cell)) row.values[column] = cell.slice(1);
      else if (cell.trimStart().startsWith("=")) row.problems.push({ field: column, message: "import.errors.formula" });
      else row.values[column] = cell;
    });
    rows.push(row);
  }
  return { ok: true, format: "csv", sections: [{ kind, rows }] };
}
