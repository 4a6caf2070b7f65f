import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/accounts/session.server.ts";
import { badDownload, exportFormats, figuresDownload, safeFileName, scopeSlug, type ExportFormat } from "~/outcomes/export.server.ts";
import { frozenReportFile } from "~/outcomes/reports.server.ts";

/** A frozen report's figures as stored, as CSV or JSON: `?format=csv|json`. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const coordinator = await requireUser(request, "coordinator");
  const format = new URL(request.url).searchParams.get("format") ?? "csv";
  const file = await frozenReportFile(coordinator, params.id ?? "");
  if (!(exportFormats as readonly string[]).includes(format)) return badDownload(request, coordinator, { format: "errors.choice" });
  const name = safeFileName(["outcome-report", file.from, file.to, scopeSlug(file.scope), `v${file.report!.version}`], format as ExportFormat);
  return figuresDownload(request, coordinator, file, format as ExportFormat, name);
}
