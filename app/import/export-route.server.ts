import type { LoaderFunctionArgs } from "@remix-run/node";
import type { Role } from "~/accounts/model.server.ts";
import { requireUser } from "~/accounts/session.server.ts";
import { exportableKinds, exportData, toCsv, toJson } from "./export.server.ts";
import { importKinds, type ImportKind } from "./format.ts";
import { badRequest, forbidden } from "~/ui/responses.server.ts";

/** A download of the actor's records: `?kind=placements&format=csv`, or every allowed kind as JSON. */
export async function exportLoader({ request }: LoaderFunctionArgs, role: Role) {
  const actor = await requireUser(request, role);
  const url = new URL(request.url);
  const formatParam = url.searchParams.get("format") ?? "json";
  if (formatParam !== "csv" && formatParam !== "json") badRequest("errorPages.exportUnknownFormat");
  const format = formatParam;
  const kindParam = url.searchParams.get("kind");
  const allowed = exportableKinds(actor);
  if (kindParam && !(importKinds as readonly string[]).includes(kindParam)) badRequest("errorPages.exportUnknownKind");
  if (!kindParam && format === "csv") badRequest("errorPages.exportNeedsKind");
  const kinds = kindParam ? [kindParam as ImportKind] : allowed;
  if (kinds.some((k) => !allowed.includes(k))) forbidden();
  const exported = await exportData(actor, kinds);
  const date = new Date().toISOString().slice(0, 10);
  const name = `${kinds.length === 1 ? kinds[0] : "portal"}-${date}.${format}`;
  const body = format === "csv" ? toCsv(kinds[0]!, exported[kinds[0]!] ?? []) : toJson(exported);
  return new Response(body, {
    headers: {
      "Content-Type": format === "csv" ? "text/csv; charset=utf-8" : "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="${name}"`,
      "Cache-Control": "no-store",
    },
  });
}
