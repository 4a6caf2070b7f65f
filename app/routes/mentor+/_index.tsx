import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/use-translation.tsx";
import { requireUser } from "~/accounts/session.server.ts";
import { checkinsOfMentor } from "~/checkins/checkins.server.ts";
import { QuietReasons } from "~/checkins/quiet-view.tsx";
import { formatDate } from "~/i18n/dates.ts";
import { getOrganisationSummary } from "~/organisations/verification.server.ts";
import { useCurrentLanguage } from "~/ui/use-root-data.ts";
import { milestoneLabel } from "~/checkins/milestone-label.ts";
import { defaultPeriod, mentorOutcomes } from "~/outcomes/outcomes.server.ts";
import { CheckinsSection, FunnelSection } from "~/outcomes/sections.tsx";
import { DefinitionsContext, peopleLink } from "~/outcomes/view.tsx";
import { definitionsIn } from "~/outcomes/definitions.ts";
import { pageLanguage } from "~/i18n/i18n.server.ts";
export { GeneralErrorBoundary as ErrorBoundary } from "~/ui/error-boundary.tsx";

export const handle = { title: "mentor.title", i18n: ["mentor", "status", "introductions.mentorListTitle", "checkins.list", "checkins.milestones", "checkins.quiet", "outcomes", "vocab.readiness", "checkins.endings", "checkins.earlyReasons"] };

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, "mentor", { context });
  const approved = user.approval === "approved";
  const period = defaultPeriod();
  // An approved mentor's page leads with this week's check-ins and the mentees going quiet, and
  // shows her own caseload's figures (the programme's definitions, not suppressed: she knows these people by name).
  const [organisation, week, figures, language] = await Promise.all([
    getOrganisationSummary(user.organisationId),
    approved ? checkinsOfMentor(user, "week") : { thisWeek: [], quiet: [] },
    approved ? mentorOutcomes(user, period) : null,
    pageLanguage(request, user),
  ]);
  const outcomes = figures ? { period, figures, definitions: definitionsIn(language) } : null;
  return {
    thisWeek: week.thisWeek.map(({ id, mentee, milestone, dueDay, daysLate, placement }) => ({ id, mentee, milestone, dueDay, daysLate, placement })),
    quiet: week.quiet,
    name: user.name,
    approval: user.approval,
    rejectionReason: user.rejectionReason ?? null,
    organisation: organisation?.name ?? "",
    outcomes,
  };
}

export default function MentorHome() {
  const { t } = useTranslation();
  const mentor = useLoaderData<typeof loader>();
  const language = useCurrentLanguage();
  return (
    <>
      <h1>{t("mentor.title")}</h1>
      {mentor.approval === "approved" ? (
        <section aria-labelledby="this-week" className="panel">
          <h2 id="this-week">{t("checkins.list.thisWeek")}</h2>
          {mentor.thisWeek.length ? (
            <ul>
              {mentor.thisWeek.map((r) => (
                <li key={r.id}>
                  <Link to={`/mentor/checkins/${r.id}`}>
                    {r.mentee}: {milestoneLabel(t, r.milestone)}, {formatDate(r.dueDay, language)}
                  </Link>
                  {r.placement ? <> · {r.placement}</> : null}
                  {r.daysLate > 0 ? <strong className="overdue"> · {t("checkins.list.daysLate", { count: r.daysLate })}</strong> : null}
                </li>
              ))}
            </ul>
          ) : (
            <p>{t("checkins.list.noneThisWeek")}</p>
          )}
          {mentor.quiet.length ? (
            <>
              <h3>{t("checkins.list.quietTitle")}</h3>
              <ul>
                {mentor.quiet.map((q) => (
                  <li key={q.menteeId}>
                    <Link to={`/mentor/mentees/${q.menteeId}`}>{q.mentee}</Link> · {q.placement}
                    <QuietReasons reasons={q.reasons} />
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </section>
      ) : null}
      <p>
        {mentor.name} · {mentor.organisation} · <span className={`status ${mentor.approval}`}>{t(mentor.approval === "pending" ? "status.pendingApproval" : `status.${mentor.approval}`)}</span>
      </p>
      <div className="panel">
        {mentor.approval === "pending" ? <p>{t("mentor.waiting")}</p> : null}
        {mentor.approval === "rejected" ? <p>{t("mentor.rejected", { reason: mentor.rejectionReason })}</p> : null}
        {mentor.approval === "approved" ? (
          <>
            <p>{t("mentor.approved", { organisation: mentor.organisation })}</p>
            <p className="actions">
              <Link to="/mentor/checkins" className="button">
                {t("nav.checkins")}
              </Link>
              <Link to="/mentor/mentees" className="button">
                {t("nav.caseload")}
              </Link>
              <Link to="/mentor/introductions" className="button">
                {t("introductions.mentorListTitle")}
              </Link>
            </p>
          </>
        ) : null}
      </div>
      {mentor.outcomes ? <OwnFigures {...mentor.outcomes} /> : null}
    </>
  );
}

function OwnFigures({ period, figures, definitions }: NonNullable<ReturnType<typeof useLoaderData<typeof loader>>["outcomes"]>) {
  const { t } = useTranslation();
  const linkTo = (path: string) => peopleLink("/mentor/outcomes/people", period, path);
  return (
    <DefinitionsContext.Provider value={definitions}>
      <section aria-labelledby="own-figures" className="own-figures">
        <h2 id="own-figures">{t("outcomes.mentor.title")}</h2>
        <p>{t("outcomes.mentor.intro")}</p>
        <FunnelSection figures={figures} linkTo={linkTo} idPrefix="own-" headingLevel="h3" />
        <CheckinsSection figures={figures} linkTo={linkTo} idPrefix="own-" headingLevel="h3" />
      </section>
    </DefinitionsContext.Provider>
  );
}
