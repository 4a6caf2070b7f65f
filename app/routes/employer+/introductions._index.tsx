import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/use-translation.tsx";
import { requireUser } from "~/accounts/session.server.ts";
import { introductionsForEmployer } from "~/introductions/employer.server.ts";
export { GeneralErrorBoundary as ErrorBoundary } from "~/ui/error-boundary.tsx";

export const handle = { title: "introductions.title", i18n: ["introductionStatus", "introductions"] };

export async function loader({ request }: LoaderFunctionArgs) {
  const employer = await requireUser(request, "employer");
  return { introductions: await introductionsForEmployer(employer) };
}

export default function EmployerIntroductions() {
  const { t } = useTranslation();
  const { introductions } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>{t("introductions.title")}</h1>
      <p>{t("introductions.intro")}</p>
      {introductions.length === 0 ? <p>{t("introductions.none")}</p> : null}
      <ul className="cards">
        {introductions.map((i) => (
          <li key={i.id}>
            <h2 className="card-title">
              <Link to={`/employer/introductions/${i.id}`}>{i.placement}</Link>
            </h2>
            <p>
              {i.firstName ? `${i.firstName} · ` : ""}
              <span className="status">{t(`introductionStatus.${i.status}`)}</span>
            </p>
          </li>
        ))}
      </ul>
    </>
  );
}
