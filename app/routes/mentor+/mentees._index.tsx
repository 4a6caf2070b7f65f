import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/use-translation.tsx";
import { requireUser } from "~/accounts/session.server.ts";
import { listCaseload } from "~/mentees/mentees.server.ts";
export { GeneralErrorBoundary as ErrorBoundary } from "~/ui/error-boundary.tsx";

export const handle = { title: "mentees.title", i18n: ["import.downloadCaseload", "import.title", "mentees", "vocab.readiness", "introductions"] };

export async function loader({ request }: LoaderFunctionArgs) {
  const mentor = await requireUser(request, "mentor");
  return { mentees: await listCaseload(mentor) };
}

export default function Caseload() {
  const { t } = useTranslation();
  const { mentees } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>{t("mentees.title")}</h1>
      <p>{t("mentees.intro")}</p>
      <p className="actions">
        <Link to="/mentor/mentees/new" className="button">
          {t("mentees.add")}
        </Link>
        <Link to="/mentor/introductions">{t("introductions.mentorListTitle")}</Link>
      </p>
      <p>
        {t("import.downloadCaseload")} <a href="/mentor/export?kind=mentees&format=csv">CSV</a> · <a href="/mentor/export?kind=mentees&format=json">JSON</a> ·{" "}
        <Link to="/mentor/import">{t("import.title")}</Link>
      </p>
      {mentees.length === 0 ? <p>{t("mentees.none")}</p> : null}
      <ul className="cards">
        {mentees.map((m) => (
          <li key={m.id}>
            <h2 className="card-title">
              <Link to={`/mentor/mentees/${m.id}`}>{m.name}</Link>
            </h2>
            <p>
              {t(`vocab.readiness.${m.readiness}`)} · {m.town} · <Link to={`/mentor/mentees/${m.id}/matches`}>{t("mentees.matches")}</Link>
            </p>
          </li>
        ))}
      </ul>
    </>
  );
}
