import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/accounts/session.server.ts";
import { badDownload } from "~/outcomes/export.server.ts";
import { DOWNLOAD_LINK_EXPIRED, participantExportFile } from "~/outcomes/participants.server.ts";

/** The participant file behind a signed address that /coordinator/outcomes/participants handed out (app/outcomes/participants.server.ts). */
export async function loader({ request }: LoaderFunctionArgs) {
  const coordinator = await requireUser(request, "coordinator");
  const file = await participantExportFile(coordinator, new URL(request.url).searchParams.get("token"));
  if (!file) return badDownload(request, coordinator, { token: DOWNLOAD_LINK_EXPIRED });
  return new Response(file.body, {
    headers: { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": `attachment; filename="${file.name}"`, "Cache-Control": "no-store" },
  });
}
