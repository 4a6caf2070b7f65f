import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/use-translation.tsx";
import { requireUser } from "~/accounts/session.server.ts";
import { readFigurePath } from "~/outcomes/figure-paths.ts";
import { peopleBehind, readOutcomesQuery } from "~/outcomes/outcomes.server.ts";
import { PeopleBehind } from "~/outcomes/people-view.tsx";
import { notFound, badRequest } from "~/ui/responses.server.ts";
export { GeneralErrorBoundary as ErrorBoundary } from "~/ui/error-boundary.tsx";

export const handle = { title: "outcomes.people.pageTitle", i18n: ["outcomes", "vocab.readiness", "checkins.endings", "checkins.earlyReasons"] };

// A mentor's own figures: the list names only the mentees who are hers now (peopleBehind), whatever
// programme the address names.
export async function loader({ request }: LoaderFunctionArgs) {
  const mentor = await requireUser(request, "mentor");
  const params = new URL(request.url).searchParams;
  const { query, fieldErrors } = readOutcomesQuery(params);
  const problem = Object.values(fieldErrors)[0];
  if (problem) badRequest(problem);
  const figure = params.get("figure") ?? "";
  if (!readFigurePath(figure)) notFound();
  return { query, figure, people: await peopleBehind(mentor, { ...query, scope: "mentor" }, figure) };
}

export default function MentorOutcomePeople() {
  const { t } = useTranslation();
  const { query, figure, people } = useLoaderData<typeof loader>();
  return <PeopleBehind figure={figure} from={query.from} to={query.to} people={people} menteeBase="/mentor/mentees" back={{ href: "/mentor", label: t("outcomes.people.backToMentor") }} />;
}
