// `npm run import -- --file <path> [--dry-run] [--all-or-nothing] [--kind <kind>] [--as <e-mail>]
// [--language en|hr|sl|da] [--quiet]`: the coordinator's import for operators. Prints the same
// report as /coordinator/import and exits with 1 when a row (or the file) was refused.
import { readFileSync, statSync } from "node:fs";
import { basename } from "node:path";
import { parseArgs } from "node:util";
import { Types } from "mongoose";
import { UserModel } from "~/accounts/model.server.ts";
import { connectDatabase, disconnectDatabase } from "~/db/connection.server.ts";
import { ensureIndexes } from "~/models.server.ts";
import { OutboxModel } from "~/outbox/model.server.ts";
import { runOutboxOnce } from "~/outbox/outbox.server.ts";
import { getT } from "~/i18n/i18n.server.ts";
import { isLanguage } from "~/i18n/languages.ts";
import { importKinds, type ImportKind } from "~/import/format.ts";
import { importFile } from "~/import/import.server.ts";
import { IMPORT_MAX_BYTES } from "~/import/read-file.server.ts";
import { shownReport, type ShownRow } from "~/import/report.server.ts";
import "./outbox-handlers.ts";
import { prepareRuntime } from "./runtime.ts";

const usage = "Usage: npm run import -- --file <path> [--dry-run] [--all-or-nothing] [--kind organisations|mentors|placements|mentees] [--as <e-mail>] [--language en|hr|sl|da] [--quiet]";

function fail(message: string): never {
  console.error(`${message}\n${usage}`);
  process.exit(2);
}

let args;
try {
  args = parseArgs({
    options: {
      file: { type: "string" },
      "dry-run": { type: "boolean", default: false },
      "all-or-nothing": { type: "boolean", default: false },
      kind: { type: "string" },
      as: { type: "string" },
      language: { type: "string", default: "en" },
      quiet: { type: "boolean", default: false },
    },
  }).values;
} catch (error) {
  fail(error instanceof Error ? error.message : String(error));
}
if (!args.file) fail("--file is required.");
if (args.kind && !(importKinds as readonly string[]).includes(args.kind)) fail(`Unknown --kind ${args.kind}.`);
if (!isLanguage(args.language)) fail(`Unknown --language ${args.language}.`);
let size: number;
try {
  size = statSync(args.file).size;
} catch {
  fail(`Cannot read ${args.file}.`);
}
const t = getT(args.language);
const services = await prepareRuntime({ reuse: true, log: (line) => console.error(line) });
let exitCode = 0;
try {
  await connectDatabase();
  await ensureIndexes();
  const actor = args.as
    ? await UserModel.findOne({ email: args.as.toLowerCase() }).select("email name role language organisationId approval").lean()
    : // An operator at the command line acts as a coordinator; the audit trail names this fixed id.
      { _id: new Types.ObjectId("000000000000000000000000"), email: "", name: "Command-line import", role: "coordinator" as const, approval: "approved" as const, organisationId: undefined };
  if (!actor) throw new Error(`No account with the e-mail ${args.as}.`);
  // A file too large to import is not read into memory at all.
  const bytes = size > IMPORT_MAX_BYTES ? new Uint8Array(IMPORT_MAX_BYTES + 1) : new Uint8Array(readFileSync(args.file));
  const report = await importFile(actor, bytes, { dryRun: args["dry-run"], allOrNothing: args["all-or-nothing"], fileName: basename(args.file), kind: args.kind as ImportKind | undefined });
  // The same shortened report as the page: a file of 50 000 refused rows prints the first of them and the counts.
  const shown = shownReport(report);
  const say = (p: { field: string; message: string; params?: Record<string, string | number> }) => `${p.field === "row" || p.field === "file" ? "" : `${p.field}: `}${t(p.message, p.params ?? {})}`;
  const more = (count: number) => (count ? [t("import.report.more", { count })] : []);
  for (const line of [...shown.fileProblems.map(say), ...more(shown.moreFileProblems)]) console.log(line);
  const print = (row: ShownRow) => {
    const detail = row.action === "reject" ? ` — ${[...row.problems.map(say), ...more(row.moreProblems)].join("; ")}` : row.changed.length ? ` (${row.changed.join(", ")}${row.moreChanged ? ", …" : ""})` : "";
    console.log(`${t(`import.kinds.${row.kind}`)} ${t("import.report.row").toLowerCase()} ${row.row} [${row.key}]: ${t(`import.actions.${row.action}`)}${detail}`);
  };
  const lists = args.quiet ? ([[shown.rejected, shown.rejectedTotal]] as const) : ([[shown.rejected, shown.rejectedTotal], [shown.changes, shown.changesTotal]] as const);
  for (const [rows, total] of lists) {
    rows.forEach(print);
    if (total > rows.length) console.log(t("import.report.shortened", { shown: rows.length, total }));
  }
  const outcome = report.fileProblems.length ? "import.report.fileRefused" : report.dryRun ? "import.report.dryRunCli" : report.written ? (report.counts.reject ? "import.report.written" : "import.report.writtenAll") : "import.report.blocked";
  console.log(`\n${t(outcome)}`);
  console.log((["create", "update", "unchanged", "reject"] as const).map((a) => `${t(`import.actions.${a}`)}: ${report.counts[a]}`).join(" · ") + ` · ${(report.ms / 1000).toFixed(1)} s`);
  if (report.written) {
    // Search updates and invitations go out through the outbox; a running portal would send them too.
    const deadline = Date.now() + 120_000;
    while (Date.now() < deadline && (await OutboxModel.countDocuments({ status: "pending", nextAttemptAt: { $lte: new Date() } })) > 0) await runOutboxOnce("import-cli", 50);
  }
  exitCode = report.fileProblems.length || report.counts.reject ? 1 : 0;
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  exitCode = 2;
} finally {
  await disconnectDatabase();
  await services?.stop();
}
// Output to a pipe is written asynchronously: exiting at once cut a long report short.
await Promise.all([process.stdout, process.stderr].map((stream) => new Promise((written) => stream.write("", written))));
process.exit(exitCode);
