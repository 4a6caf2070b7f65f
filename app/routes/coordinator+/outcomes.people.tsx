import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/use-translation.tsx";
import { requireUser } from "~/accounts/session.server.ts";
import { readFigurePath } from "~/outcomes/figure-paths.ts";
import { peopleBehind, readOutcomesQuery } from "~/outcomes/outcomes.server.ts";
import { PeopleBehind } from "~/outcomes/people-view.tsx";
import { badRequest, notFound } from "~/ui/responses.server.ts";
export { GeneralErrorBoundary as ErrorBoundary } from "~/ui/error-boundary.tsx";

export const handle = { title: "outcomes.people.pageTitle", i18n: ["outcomes", "vocab.readiness", "checkins.endings", "checkins.earlyReasons"] };

// A coordinator sees the names behind every figure, also one shown elsewhere as "fewer than 5":
// the small-number rule guards what leaves the portal's named views, and she may open each record.
export async function loader({ request }: LoaderFunctionArgs) {
  const coordinator = await requireUser(request, "coordinator");
  const params = new URL(request.url).searchParams;
  const { query, fieldErrors } = readOutcomesQuery(params);
  const problem = Object.values(fieldErrors)[0];
  if (problem) badRequest(problem);
  const figure = params.get("figure") ?? "";
  if (!readFigurePath(figure)) notFound();
  return { query, figure, people: await peopleBehind(coordinator, query, figure) };
}

export default function ProgrammeOutcomePeople() {
  const { t } = useTranslation();
  const { query, figure, people } = useLoaderData<typeof loader>();
  const back = `/coordinator/outcomes?${new URLSearchParams({ from: query.from, to: query.to, scope: query.scope }).toString()}`;
  return <PeopleBehind figure={figure} from={query.from} to={query.to} people={people} menteeBase="/coordinator/mentees" back={{ href: back, label: t("outcomes.people.back") }} />;
}
