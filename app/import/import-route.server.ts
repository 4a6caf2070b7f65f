import { data, MaxPartSizeExceededError, unstable_createMemoryUploadHandler, unstable_parseMultipartFormData, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import type { Role } from "~/accounts/model.server.ts";
import { requireUser } from "~/accounts/session.server.ts";
import { exportableKinds } from "./export.server.ts";
import { importKinds, type ImportKind } from "./format.ts";
import { importFile, type ImportReport } from "./import.server.ts";
import { IMPORT_MAX_BYTES } from "./read-file.server.ts";

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

const fileFailure = (message: string, params?: Record<string, number>) =>
  data({ report: null, formError: { message, params: params ?? {} } }, { status: 400 });

export async function importAction({ request }: ActionFunctionArgs, role: Role) {
  const actor = await requireUser(request, role);
  let form: FormData;
  try {
    form = await unstable_parseMultipartFormData(request, unstable_createMemoryUploadHandler({ maxPartSize: IMPORT_MAX_BYTES }));
  } catch (error) {
    const tooLarge = error instanceof MaxPartSizeExceededError;
    return fileFailure(tooLarge ? "import.errors.tooLarge" : "import.errors.noFile", { mb: IMPORT_MAX_BYTES / 1024 / 1024 });
  }
  const file = form.get("file");
  if (!file || typeof file === "string" || file.size === 0) return fileFailure("import.errors.noFile");
  const kindValue = form.get("kind");
  const kind = (importKinds as readonly string[]).includes(String(kindValue)) ? (kindValue as ImportKind) : undefined;
  const report = await importFile(actor, new Uint8Array(await file.arrayBuffer()), {
    dryRun: form.get("intent") !== "import",
    allOrNothing: form.get("allOrNothing") === "on",
    fileName: file.name,
    kind,
  });
  return data({ report: reportForPage(report), formError: null }, { status: report.fileProblems.length ? 400 : 200 });
}
