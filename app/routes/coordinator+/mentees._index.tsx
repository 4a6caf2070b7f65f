import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/use-translation.tsx";
import { requireUser } from "~/accounts/session.server.ts";
import { listProgrammeMentees } from "~/mentees/mentees.server.ts";

export const handle = { title: "mentees.allMentees", i18n: ["mentees", "vocab.readiness", "placements.pagination", "placements.previous", "placements.next", "placements.page"] };

export async function loader({ request }: LoaderFunctionArgs) {
  const coordinator = await requireUser(request, "coordinator");
  const pageParam = Number(new URL(request.url).searchParams.get("page") ?? "1");
  const page = Number.isInteger(pageParam) && pageParam >= 1 && pageParam <= 100_000 ? pageParam : 1;
  const { mentees, pages } = await listProgrammeMentees(coordinator, page);
  return { mentees, page, pages };
}

/** The programme's mentees, newest first, fifty a page. */
export default function ProgrammeMentees() {
  const { t } = useTranslation();
  const { mentees, page, pages } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>{t("mentees.allMentees")}</h1>
      {mentees.length === 0 ? <p>{t("mentees.none")}</p> : null}
      <ul className="cards">
        {mentees.map((m) => (
          <li key={m.id}>
            <h2 className="card-title">
              <Link to={`/coordinator/mentees/${m.id}`}>{m.name}</Link>
            </h2>
            <p>
              {t(`vocab.readiness.${m.readiness}`)} · {m.town} · {t("mentees.leadMentor", { name: m.mentorName })}
            </p>
          </li>
        ))}
      </ul>
      {pages > 1 ? (
        <nav aria-label={t("placements.pagination")} className="pagination">
          {page > 1 ? (
            <Link to={`?page=${page - 1}`} rel="prev">
              {t("placements.previous")}
            </Link>
          ) : null}
          <span>{t("placements.page", { page, pages })}</span>
          {page < pages ? (
            <Link to={`?page=${page + 1}`} rel="next">
              {t("placements.next")}
            </Link>
          ) : null}
        </nav>
      ) : null}
    </>
  );
}
