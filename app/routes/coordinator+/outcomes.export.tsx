import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/accounts/session.server.ts";
import { outcomesExport } from "~/outcomes/export.server.ts";

/** The outcomes figures as a file: `?from&to&scope&format=csv|json` (see app/outcomes/export.server.ts). */
export async function loader({ request }: LoaderFunctionArgs) {
  const coordinator = await requireUser(request, "coordinator");
  return outcomesExport(request, coordinator);
}
