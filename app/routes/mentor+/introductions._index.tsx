import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/use-translation.tsx";
import { requireUser } from "~/accounts/session.server.ts";
import { meetingInWords } from "~/introductions/meeting.ts";
import { introductionsForLeadMentor } from "~/introductions/mentor.server.ts";
import { formatDay } from "~/i18n/dates.ts";
import { pageLanguage } from "~/i18n/i18n.server.ts";
export { GeneralErrorBoundary as ErrorBoundary } from "~/ui/error-boundary.tsx";

export const handle = { title: "introductions.mentorListTitle", i18n: ["introductionStatus", "introductions"] };

export async function loader({ request, context }: LoaderFunctionArgs) {
  const mentor = await requireUser(request, "mentor", { context });
  const [introductions, language] = await Promise.all([introductionsForLeadMentor(mentor), pageLanguage(request, mentor)]);
  return {
    introductions: introductions.map((i) => ({
      ...i,
      changedOn: formatDay(i.changedAt, language),
      meeting: i.meetingAt ? { ...meetingInWords(i.meetingAt, language), place: i.meetingPlace ?? "" } : null,
    })),
  };
}

/** Every introduction of the caseload and how it ended: the employer's answer, the meeting, a withdrawal. */
export default function MentorIntroductions() {
  const { t } = useTranslation();
  const { introductions } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>{t("introductions.mentorListTitle")}</h1>
      <p>{t("introductions.mentorListIntro")}</p>
      {introductions.length === 0 ? <p>{t("introductions.mentorListNone")}</p> : null}
      <ul className="cards introductions">
        {introductions.map((i) => (
          <li key={i.id}>
            <h2 className="card-title">
              <Link to={`/mentor/introductions/${i.id}`}>{t("introductions.mentorListEntry", { mentee: i.mentee, placement: i.placement })}</Link>
            </h2>
            <p>
              {i.organisation} · <Link to={`/mentor/mentees/${i.menteeId}`}>{t("introductions.menteePage", { name: i.mentee })}</Link>
            </p>
            <p>
              <span className="status">{t(`introductionStatus.${i.status}`)}</span> {t("introductions.since", { date: i.changedOn })}
            </p>
            {i.meeting && i.status !== "withdrawn" ? <p className="meeting">{t("introductions.meetingWhen", i.meeting)}</p> : null}
            {i.status === "declined" && i.declineReason ? (
              <p>
                {t("introductions.employerReason")}: <q>{i.declineReason}</q>
              </p>
            ) : null}
          </li>
        ))}
      </ul>
    </>
  );
}
