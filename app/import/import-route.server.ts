import { data, MaxPartSizeExceededError, unstable_createMemoryUploadHandler, unstable_parseMultipartFormData, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import type { Role } from "~/accounts/model.server.ts";
import { requireUser } from "~/accounts/session.server.ts";
import { exportableKinds } from "./export.server.ts";
import { importKinds, type ImportKind } from "./format.ts";
import { importFile, whyImportIsClosed } from "./import.server.ts";
import { IMPORT_MAX_BYTES } from "./read-file.server.ts";
import { shownReport } from "./report.server.ts";
import { takeSharedImportTurn } from "./running.server.ts";
import { keepUpload, takeUpload } from "./uploads.server.ts";

/** The report goes to the browser without row values: it names rows, keys, fields and reasons. */
export type PageReport = ReturnType<typeof shownReport>;

export async function importLoader({ request }: LoaderFunctionArgs, role: Role) {
  const actor = await requireUser(request, role);
  const url = new URL(request.url);
  return {
    base: `/${role}`,
    kinds: exportableKinds(actor),
    maxMb: IMPORT_MAX_BYTES / 1024 / 1024,
    closed: await whyImportIsClosed(actor),
    // Set by the server when a file was too large to read (server/app.ts).
    tooLarge: url.searchParams.get("error") === "tooLarge",
  };
}

const fileFailure = (message: string, params: Record<string, number> = {}, chosen = { kind: "", allOrNothing: false }, status = 400) =>
  data({ report: null, formError: { message, params }, chosen, upload: null }, { status });

/** Reads an upload that will not be used to its end, so the browser gets the answer instead of a broken connection. */
async function discardUpload(request: Request) {
  if (!request.body) return;
  const reader = request.body.getReader();
  try {
    while (!(await reader.read()).done);
  } catch {
    // The browser went away: nobody waits for the answer.
  }
}

export async function importAction({ request }: ActionFunctionArgs, role: Role) {
  const actor = await requireUser(request, role);
  // Who may not import at all, or must wait for their previous import, is answered before the file is read.
  const closed = await whyImportIsClosed(actor);
  if (closed) {
    await discardUpload(request);
    return fileFailure(closed, {}, undefined, 403);
  }
  const turn = await takeSharedImportTurn(String(actor._id));
  if (!turn.ok) {
    await discardUpload(request);
    return fileFailure(turn.message, {}, undefined, 429);
  }
  try {
    return await runImport(request, actor);
  } finally {
    await turn.done();
  }
}

async function runImport(request: Request, actor: Awaited<ReturnType<typeof requireUser>>) {
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
    { report: shownReport(report), formError: null, chosen, upload: keptUpload ? { id: keptUpload, fileName: file.name } : null },
    { status: report.fileProblems.length ? 400 : 200 },
  );
}
