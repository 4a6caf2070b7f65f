import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { importAction, importLoader } from "~/import/import-route.server.ts";

export { ImportPage as default } from "~/import/import-page.tsx";
export const handle = { title: "import.title", i18n: ["import"] };
export const loader = (args: LoaderFunctionArgs) => importLoader(args, "employer");
export const action = (args: ActionFunctionArgs) => importAction(args, "employer");
