import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireUser } from "~/accounts/session.server.ts";
import { getOrganisationSummary } from "~/organisations/verification.server.ts";

export const handle = { title: "mentor.title", i18n: ["mentor", "status", "introductions"] };

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request, "mentor");
  const organisation = await getOrganisationSummary(user.organisationId);
  return {
    name: user.name,
    approval: user.approval,
    rejectionReason: user.rejectionReason ?? null,
    organisation: organisation?.name ?? "",
  };
}

export default function MentorHome() {
  const { t } = useTranslation();
  const mentor = useLoaderData<typeof loader>();
  return (
    <>
      <h1>{t("mentor.title")}</h1>
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
    </>
  );
}
