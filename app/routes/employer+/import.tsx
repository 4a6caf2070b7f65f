import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { importAction, importLoader } from "~/import/import-route.server.ts";

export { ImportPage as default } from "~/import/import-page.tsx";
export const handle = { title: "import.title", i18n: ["import", "orgKinds", "mentorOrgTypes", "countries", "vocab.flexibility", "vocab.kind", "vocab.physical", "vocab.readiness", "vocab.sector", "vocab.status", "vocab.support", "vocab.supportPlain", "vocab.workLanguage"] };
export const loader = (args: LoaderFunctionArgs) => importLoader(args, "employer");
export const action = (args: ActionFunctionArgs) => importAction(args, "employer");
