import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/use-translation.tsx";
import { requireUser } from "~/accounts/session.server.ts";
import { calendarFeedStatus, renewCalendarFeed, requireCalendarOwner, turnOffCalendarFeed } from "~/checkins/calendar.server.ts";
import { CalendarSection } from "~/checkins/calendar-view.tsx";
import { checkinsOfMentor } from "~/checkins/checkins.server.ts";
import { QuietReasons } from "~/checkins/quiet-view.tsx";
import { formatDate } from "~/i18n/dates.ts";
import { readFormData } from "~/ui/request.server.ts";
import { formFailure } from "~/ui/responses.server.ts";
import { useCurrentLanguage } from "~/ui/use-root-data.ts";
import { milestoneLabel } from "~/checkins/milestone-label.ts";
import { Pager } from "~/ui/pager.tsx";
import { pageAsked } from "~/db/paging.ts";
export { GeneralErrorBoundary as ErrorBoundary } from "~/ui/error-boundary.tsx";

export const handle = { title: "checkins.list.title", i18n: ["checkins.list", "checkins.milestones", "checkins.quiet", "checkins.calendar", "placements.previous", "placements.next", "placements.page"] };

export async function loader({ request, context }: LoaderFunctionArgs) {
  const mentor = await requireUser(request, "mentor", { context });
  // The check-ins due later, a page at a time (?later=2), by the lists' one paging rule.
  const laterPage = pageAsked(new URL(request.url).searchParams.get("later"));
  const [checkins, calendar] = await Promise.all([checkinsOfMentor(mentor, { laterPage }), calendarFeedStatus(mentor)]);
  return { ...checkins, calendar };
}

/** The calendar feed's forms: a new secret address (shown once, in the answer) or none. */
export async function action({ request }: ActionFunctionArgs) {
  const mentor = await requireUser(request, "mentor");
  requireCalendarOwner(mentor);
  const intent = (await readFormData(request)).get("intent");
  if (intent === "renewCalendar") return { ok: true as const, calendarUrl: await renewCalendarFeed(mentor) };
  if (intent === "turnOffCalendar") {
    await turnOffCalendarFeed(mentor);
    return { ok: true as const, calendarOff: true };
  }
  return formFailure({ fieldErrors: { form: "errors.invalid" } });
}

/** The mentor's week: overdue and due check-ins first, mentees going quiet with their reasons, then what comes later. */
export default function MentorCheckins() {
  const { t } = useTranslation();
  const language = useCurrentLanguage();
  const { thisWeek: soon, later, laterPage, laterPages, quiet, calendar } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const laterLink = (page: number) => (page > 1 ? `/mentor/checkins?later=${page}#later` : "/mentor/checkins#later");
  const row = (r: (typeof soon)[number]) => (
    <li key={r.id}>
      <Link to={`/mentor/checkins/${r.id}`}>
        {r.mentee}: {milestoneLabel(t, r.milestone)}, {formatDate(r.dueDay, language)}
      </Link>{" "}
      · {r.placement}
      {r.daysLate > 0 ? <strong className="overdue"> · {t("checkins.list.daysLate", { count: r.daysLate })}</strong> : null}
    </li>
  );
  return (
    <>
      <h1>{t("checkins.list.title")}</h1>
      <section aria-labelledby="this-week">
        <h2 id="this-week">{t("checkins.list.thisWeek")}</h2>
        {soon.length ? <ul>{soon.map(row)}</ul> : <p>{t("checkins.list.noneThisWeek")}</p>}
      </section>
      <section aria-labelledby="quiet">
        <h2 id="quiet">{t("checkins.list.quietTitle")}</h2>
        {quiet.length ? (
          <ul>
            {quiet.map((q) => (
              <li key={q.menteeId}>
                <Link to={`/mentor/mentees/${q.menteeId}`}>{q.mentee}</Link> · {q.placement}
                <QuietReasons reasons={q.reasons} />
              </li>
            ))}
          </ul>
        ) : (
          <p>{t("checkins.list.noneQuiet")}</p>
        )}
      </section>
      <section aria-labelledby="later">
        <h2 id="later">{t("checkins.list.later")}</h2>
        {later.length ? <ul>{later.map(row)}</ul> : <p>{t("checkins.list.noneLater")}</p>}
        <Pager label={t("checkins.list.laterPages")} page={laterPage} pages={laterPages} link={laterLink} />
      </section>
      <CalendarSection
        status={calendar}
        newUrl={result?.ok && "calendarUrl" in result ? result.calendarUrl : undefined}
        turnedOff={result?.ok && "calendarOff" in result}
        error={result && !result.ok ? result.fieldErrors.form : undefined}
      />
    </>
  );
}
