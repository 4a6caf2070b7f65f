import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/use-translation.tsx";
import { requireUser } from "~/accounts/session.server.ts";
import { listCaseload } from "~/mentees/mentees.server.ts";
import { listStoriesForEditor } from "~/stories/stories.server.ts";
import { GeneralErrorBoundary } from "~/ui/error-boundary.tsx";

export const handle = { title: "stories.listTitle", i18n: ["stories"] };

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireUser(request, "anyRole");
  const stories = await listStoriesForEditor(actor);
  const mentees = (await listCaseload(actor)).map((m) => ({ id: m.id, name: m.name }));
  return { stories, mentees };
}

export default function Stories() {
  const { t } = useTranslation();
  const { stories, mentees } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>{t("stories.listTitle")}</h1>
      <p>{t("stories.listIntro")}</p>
      {stories.length === 0 ? (
        <p>{t("stories.none")}</p>
      ) : (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t("stories.fields.title")}</th>
                <th scope="col">{t("stories.mentee")}</th>
                <th scope="col">{t("stories.statusColumn")}</th>
              </tr>
            </thead>
            <tbody>
              {stories.map((s) => (
                <tr key={s.id}>
                  <td>
                    <Link to={`/mentor/stories/${s.id}`}>{s.title}</Link>
                  </td>
                  <td>{s.menteeName}</td>
                  <td>
                    {t(`stories.status.${s.status}`)}
                    {s.isPublic && s.status !== "published" ? ` · ${t("stories.stillPublic")}` : ""}
                    {s.showEmployer && s.employerApproval === "declined" ? ` · ${t("stories.employerDeclinedShort")}` : ""}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <h2>{t("stories.writeFor")}</h2>
      {mentees.length === 0 ? (
        <p>{t("stories.noMentees")}</p>
      ) : (
        <ul>
          {mentees.map((m) => (
            <li key={m.id}>
              <Link to={`/mentor/stories/new?mentee=${m.id}`}>{t("stories.newFor", { name: m.name })}</Link>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
