import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/use-translation.tsx";
import { requireUser } from "~/accounts/session.server.ts";
import { formatDateAndTime } from "~/i18n/dates.ts";
import { pageLanguage } from "~/i18n/i18n.server.ts";
import { deskActionText } from "~/mentees/desk-actions.ts";
import { deskHistoryFor } from "~/mentees/desk.server.ts";
export { GeneralErrorBoundary as ErrorBoundary } from "~/ui/error-boundary.tsx";

export const handle = { title: "mentee.title", i18n: ["mentee", "proposalStatus"], scripts: false };

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request, "mentee", { desk: true });
  const language = await pageLanguage(request, user);
  const deskSessions = (await deskHistoryFor(user)).map((s) => ({ ...s, ...formatDateAndTime(s.openedAt, language) }));
  return { firstName: user.name.split(" ")[0], deskSessions };
}

export default function MenteeHome() {
  const { t } = useTranslation();
  const { firstName, deskSessions } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>{t("mentee.title")}</h1>
      <p className="lead">{t("mentee.welcome", { name: firstName })}</p>
      <p>{t("mentee.offersSoon")}</p>
      <p>
        <Link to="/me/offers" className="button">
          {t("nav.offers")}
        </Link>{" "}
        <Link to="/me/checkins" className="button">
          {t("nav.howItGoes")}
        </Link>
      </p>
      {deskSessions.length ? (
        <section aria-labelledby="desk-history-title" className="desk-history">
          <h2 id="desk-history-title">{t("mentee.deskHistoryTitle")}</h2>
          <ul>
            {deskSessions.map((s) => (
              <li key={s.openedAt}>
                <p>{t("mentee.deskHistoryEntry", { mentor: s.mentor, date: s.date, time: s.time })}</p>
                {s.actions.length ? (
                  <ul>
                    {s.actions.map((action, i) => (
                      <li key={i}>{deskActionText(t, action)}</li>
                    ))}
                  </ul>
                ) : (
                  <p>{t("mentee.deskNothingDone")}</p>
                )}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}
