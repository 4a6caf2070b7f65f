import { data, MaxPartSizeExceededError, unstable_createMemoryUploadHandler, unstable_parseMultipartFormData, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import type { Role } from "~/accounts/model.server.ts";
import { requireUser } from "~/accounts/session.server.ts";
import { exportableKinds } from "./export.server.ts";
import { importKinds, type ImportKind } from "./format.ts";
import { importFile, type ImportReport } from "./import.server.ts";
import { IMPORT_MAX_BYTES } from "./read-file.server.ts";
import { keepUpload, takeUpload } from "./uploads.server.ts";

/** The report goes to the browser without row values: it names rows, keys, fields and reasons. */
const SHOWN_CHANGES = 300;
const SHOWN_REJECTS = 1000;

export function reportForPage(report: ImportReport) {
  const rejected = report.rows.filter((r) => r.action === "reject");
  const changes = report.rows.filter((r) => r.action === "create" || r.action === "update");
  return {
    dryRun: report.dryRun,
    allOrNothing: report.allOrNothing,
    written: report.written,
    fileProblems: report.fileProblems,
    counts: report.counts,
    seconds: Math.round(report.ms / 100) / 10,
    rejected: rejected.slice(0, SHOWN_REJECTS),
    moreRejected: Math.max(0, rejected.length - SHOWN_REJECTS),
    changes: changes.slice(0, SHOWN_CHANGES),
    moreChanges: Math.max(0, changes.length - SHOWN_CHANGES),
  };
}
export type PageReport = ReturnType<typeof reportForPage>;

export async function importLoader({ request }: LoaderFunctionArgs, role: Role) {
  const actor = await requireUser(request, role);
  const url = new URL(request.url);
  return {
    base: `/${role}`,
    kinds: exportableKinds(actor),
    maxMb: IMPORT_MAX_BYTES / 1024 / 1024,
    // Set by the server when a file was too large to read (server/app.ts).
    tooLarge: url.searchParams.get("error") === "tooLarge",
  };
}

const fileFailure = (message: string, params: Record<string, number> = {}, chosen = { kind: "", allOrNothing: false }) =>
  data({ report: null, formError: { message, params }, chosen, upload: null }, { status: 400 });

export async function importAction({ request }: ActionFunctionArgs, role: Role) {
  const actor = await requireUser(request, role);
  let form: FormData;
  try {
    form = await unstable_parseMultipartFormData(request, unstable_createMemoryUploadHandler({ maxPartSize: IMPORT_MAX_BYTES }));
  } catch (error) {
    const tooLarge = error instanceof MaxPartSizeExceededError;
    return fileFailure(tooLarge ? "import.errors.tooLarge" : "import.errors.noFile", { mb: IMPORT_MAX_BYTES / 1024 / 1024 });
  }
  const dryRun = form.get("intent") !== "import";
  const allOrNothing = form.get("allOrNothing") === "on";
  const kindValue = String(form.get("kind") ?? "");
  const chosen = { kind: (importKinds as readonly string[]).includes(kindValue) ? kindValue : "", allOrNothing };
  let file: { name: string; kind?: ImportKind; bytes: Uint8Array } | null = null;
  const uploadId = form.get("uploadId");
  if (typeof uploadId === "string" && uploadId) {
    // "Import" after a check: the file the person checked, kept for them on the server.
    file = dryRun ? null : await takeUpload(actor._id, uploadId);
    if (!file) return fileFailure("import.errors.uploadExpired");
  } else {
    const part = form.get("file");
    if (!part || typeof part === "string" || !part.name) return fileFailure("import.errors.noFile", {}, chosen);
    file = { name: part.name, kind: (chosen.kind || undefined) as ImportKind | undefined, bytes: new Uint8Array(await part.arrayBuffer()) };
  }
  const report = await importFile(actor, file.bytes, { dryRun, allOrNothing, fileName: file.name, kind: file.kind });
  const canImport = dryRun && !report.fileProblems.length && report.counts.create + report.counts.update > 0;
  const keptUpload = canImport ? await keepUpload(actor._id, file) : null;
  return data(
    { report: reportForPage(report), formError: null, chosen, upload: keptUpload ? { id: keptUpload, fileName: file.name } : null },
    { status: report.fileProblems.length ? 400 : 200 },
  );
}
