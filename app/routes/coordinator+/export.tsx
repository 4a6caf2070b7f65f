import type { LoaderFunctionArgs } from "@remix-run/node";
import { exportLoader } from "~/import/export-route.server.ts";

export const loader = (args: LoaderFunctionArgs) => exportLoader(args, "coordinator");
