import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/use-translation.tsx";
import { requireUser } from "~/accounts/session.server.ts";
import { findProgrammeMenteesByName, listProgrammeMentees } from "~/mentees/mentees.server.ts";
import { Pager } from "~/ui/pager.tsx";
import { pageAsked } from "~/db/paging.ts";
export { GeneralErrorBoundary as ErrorBoundary } from "~/ui/error-boundary.tsx";

export const handle = { title: "mentees.allMentees", i18n: ["mentees", "vocab.readiness", "placements.pagination", "placements.previous", "placements.next", "placements.page"] };

const longestNameQuery = 100;
const namesShown = 50;

export async function loader({ request }: LoaderFunctionArgs) {
  const coordinator = await requireUser(request, "coordinator");
  const params = new URL(request.url).searchParams;
  const name = (params.get("name") ?? "").trim().slice(0, longestNameQuery);
  if (name) {
    const { mentees, more } = await findProgrammeMenteesByName(coordinator, name, namesShown);
    return { mentees, name, more, page: 1, pages: 1 };
  }
  const { mentees, page, pages } = await listProgrammeMentees(coordinator, pageAsked(params.get("page")));
  return { mentees, name, more: false, page, pages };
}

/** The programme's mentees, newest first, fifty a page; or those whose name fits what the coordinator typed. */
export default function ProgrammeMentees() {
  const { t } = useTranslation();
  const { mentees, name, more, page, pages } = useLoaderData<typeof loader>();
  const CardTitle = name ? "h3" : "h2";
  return (
    <>
      <h1>{t("mentees.allMentees")}</h1>
      <Form method="get" role="search" className="search-form">
        <div className="search-bar">
          <div className="field">
            <label htmlFor="name">{t("mentees.findByName")}</label>
            <input type="search" id="name" name="name" defaultValue={name} maxLength={longestNameQuery} aria-describedby="name-hint" autoComplete="off" />
            <p id="name-hint" className="hint">
              {t("mentees.findByNameHint")}
            </p>
          </div>
          <button type="submit">{t("mentees.find")}</button>
        </div>
      </Form>
      {name ? (
        <>
          <h2>{t("mentees.foundByName", { name })}</h2>
          {mentees.length === 0 ? <p>{t("mentees.noneByName", { name })}</p> : null}
        </>
      ) : mentees.length === 0 ? (
        <p>{t("mentees.none")}</p>
      ) : null}
      <ul className="cards">
        {mentees.map((m) => (
          <li key={m.id}>
            <CardTitle className="card-title">
              <Link to={`/coordinator/mentees/${m.id}`}>{m.name}</Link>
            </CardTitle>
            <p>
              {t(`vocab.readiness.${m.readiness}`)} · {m.town} · {t("mentees.leadMentor", { name: m.mentorName })}
            </p>
          </li>
        ))}
      </ul>
      {more ? <p>{t("mentees.moreByName", { count: namesShown })}</p> : null}
      {name ? (
        <p>
          <Link to="/coordinator/mentees">{t("mentees.showAll")}</Link>
        </p>
      ) : null}
      <Pager label={t("placements.pagination")} page={page} pages={pages} link={(n) => `?page=${n}`} />
    </>
  );
}
