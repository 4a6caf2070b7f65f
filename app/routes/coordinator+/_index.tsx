import { readFormData } from "~/ui/request.server.ts";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "~/ui/redirect.server.ts";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/use-translation.tsx";
import { decisionSchema } from "~/accounts/schemas.server.ts";
import { requireUser } from "~/accounts/session.server.ts";
import { overdueForCoordinator, parseOverdueAfter } from "~/checkins/checkins.server.ts";
import { countMenteesWithInactiveMentor } from "~/mentees/mentors.server.ts";
import { decideMentor, decideOrganisation, listPendingVerifications } from "~/organisations/verification.server.ts";
import { FormAlert, FormErrorSummary, TextArea } from "~/ui/field.tsx";
import { parseForm } from "~/ui/form-data.ts";
import { formFailure } from "~/ui/responses.server.ts";
import { formatDate, formatDateAndTime } from "~/i18n/dates.ts";
import { useCurrentLanguage } from "~/ui/use-root-data.ts";
import { milestoneLabel } from "~/checkins/milestone-label.ts";
export { GeneralErrorBoundary as ErrorBoundary } from "~/ui/error-boundary.tsx";

export const handle = { title: "coordinator.title", i18n: ["coordinator", "countries", "mentorOrgTypes", "orgKinds", "status", "vocab.status", "vocab.support", "vocab.supportPlain", "checkins.coordinator", "checkins.milestones", "outcomes.startPageLink"] };

// The longest overdue first, a page at a time: each row is a mentee read and audited.
const overduePageSize = 20;

export async function loader({ request }: LoaderFunctionArgs) {
  const coordinator = await requireUser(request, "coordinator");
  const overdueAfter = parseOverdueAfter(new URL(request.url).searchParams.get("overdueAfter"));
  const [pending, overdue, waitingForHandover] = await Promise.all([listPendingVerifications(coordinator), overdueForCoordinator(coordinator, overduePageSize, overdueAfter), countMenteesWithInactiveMentor(coordinator)]);
  return { ...pending, overdue: overdue.rows, overdueTotal: overdue.total, overdueNext: overdue.next, overdueLater: Boolean(overdueAfter), waitingForHandover };
}

export async function action({ request }: ActionFunctionArgs) {
  const coordinator = await requireUser(request, "coordinator");
  const form = parseForm(await readFormData(request), decisionSchema);
  if (!form.ok) {
    const id = form.values.id ?? "";
    // The page holds one reason field per organisation or mentor: the error names the one that was sent.
    const fieldErrors: Record<string, string> = form.fieldErrors.reason ? { [`reason-${id}`]: form.fieldErrors.reason } : { form: "errors.invalid" };
    return formFailure({ fieldErrors, values: form.values });
  }
  const decision = form.data.intent === "verify" ? { verdict: "verify" as const } : { verdict: "reject" as const, reason: form.data.reason };
  const decided =
    form.data.subject === "organisation"
      ? await decideOrganisation(coordinator, form.data.id, decision)
      : await decideMentor(coordinator, form.data.id, decision);
  if (!decided) return formFailure({ fieldErrors: { form: "errors.alreadyDecided" } });
  const notice = form.data.intent === "reject" ? "rejected" : form.data.subject === "mentor" ? "approved" : "verified";
  return redirect(`/coordinator?notice=${notice}`);
}

/** Verify (or approve) and reject with a reason, for one organisation or mentor: `formName` says which, in its summary and to a screen reader. */
function DecisionForms({ id, subject, verifyLabel, errors, reason, label, formName }: { id: string; subject: string; verifyLabel: string; errors?: Record<string, string>; reason?: string; label: string; formName: string }) {
  const { t } = useTranslation();
  return (
    <div className="decision">
      <Form method="post" noValidate action="/coordinator?index">
        <input type="hidden" name="id" value={id} />
        <input type="hidden" name="subject" value={subject} />
        <button type="submit" name="intent" value="verify">
          {verifyLabel}
        </button>
      </Form>
      <Form method="post" action="/coordinator?index" className="reject-form" noValidate>
        <input type="hidden" name="id" value={id} />
        <input type="hidden" name="subject" value={subject} />
        <FormErrorSummary fieldErrors={errors} labels={{ [`reason-${id}`]: label }} formName={formName} />
        <TextArea name="reason" id={`reason-${id}`} label={label} formName={formName} error={errors?.[`reason-${id}`]} defaultValue={reason} maxLength={1000} />
        <button type="submit" name="intent" value="reject" className="danger">
          {t("coordinator.reject")}
        </button>
      </Form>
    </div>
  );
}

export default function CoordinatorHome() {
  const { t } = useTranslation();
  const language = useCurrentLanguage();
  const { organisations, mentors, recent, overdue, overdueTotal, overdueNext, overdueLater, waitingForHandover } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const sentReason = result?.values?.reason;
  const sentId = result?.values?.id;
  const labels = Object.fromEntries([...organisations, ...mentors].map((o) => [`reason-${o.id}`, t("coordinator.rejectReason")]));
  const formatMoment = (iso: string | null) => (iso ? formatDateAndTime(iso, language).date : "");
  return (
    <>
      <h1>{t("coordinator.title")}</h1>
      <FormAlert error={result?.fieldErrors?.form} />
      <FormErrorSummary fieldErrors={result?.fieldErrors} labels={labels} claimedElsewhere={labels} />
      {waitingForHandover ? (
        <p className="warning">
          <Link to="/coordinator/mentors">{t("coordinator.waitingForHandover", { count: waitingForHandover })}</Link>
        </p>
      ) : null}
      {overdue.length || overdueLater ? (
        <section aria-labelledby="overdue-checkins">
          <h2 id="overdue-checkins">{t("checkins.coordinator.overdueTitle")}</h2>
          <ul>
            {overdue.map((o) => (
              // Her name leads to her page (the plan a coordinator may read, and a handover); the placement tells her rows apart.
              <li key={o.id}>
                <Link to={`/coordinator/mentees/${o.menteeId}`}>{o.mentee}</Link>{" "}
                {t("checkins.coordinator.overdueRow", { mentor: o.mentor, placement: o.placement, organisation: o.organisation, milestone: milestoneLabel(t, o.milestone), date: formatDate(o.dueDay, language), count: o.daysLate })}
              </li>
            ))}
          </ul>
          {overdueTotal > overdue.length || overdueLater ? <p>{t("checkins.coordinator.overdueTotal", { count: overdueTotal })}</p> : null}
          {overdueNext || overdueLater ? (
            <nav aria-label={t("checkins.coordinator.overduePages")} className="pagination">
              {overdueLater ? <Link to="/coordinator#overdue-checkins">{t("checkins.coordinator.overdueFirst")}</Link> : null}
              {overdueNext ? (
                <Link to={`/coordinator?overdueAfter=${overdueNext}#overdue-checkins`} rel="next">
                  {t("checkins.coordinator.overdueNext")}
                </Link>
              ) : null}
            </nav>
          ) : null}
        </section>
      ) : null}
      <section aria-labelledby="pending-organisations">
        <h2 id="pending-organisations">{t("coordinator.pendingOrganisations")}</h2>
        {organisations.length === 0 ? <p>{t("coordinator.noneWaiting")}</p> : null}
        <ul className="cards">
          {organisations.map((o) => (
            <li key={o.id}>
              <h3>{o.name}</h3>
              <p>
                {t(`orgKinds.${o.kind}`)}
                {o.mentorOrganisationType ? ` (${t(`mentorOrgTypes.${o.mentorOrganisationType}`)})` : ""} · {o.town}, {t(`countries.${o.country}`)}
              </p>
              {o.registrants.map((r) => (
                <p key={r.email}>{t("coordinator.registeredBy", { name: r.name, email: r.email })}</p>
              ))}
              {o.createdAt ? <p>{t("coordinator.registeredOn", { date: formatMoment(o.createdAt) })}</p> : null}
              <DecisionForms id={o.id} subject="organisation" verifyLabel={t("coordinator.verify")} label={labels[`reason-${o.id}`]} formName={[o.name, o.town].filter(Boolean).join(", ")} errors={result?.fieldErrors} reason={sentId === o.id ? sentReason : undefined} />
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="pending-mentors">
        <h2 id="pending-mentors">{t("coordinator.pendingMentors")}</h2>
        {mentors.length === 0 ? <p>{t("coordinator.noneWaiting")}</p> : null}
        <ul className="cards">
          {mentors.map((m) => (
            <li key={m.id}>
              <h3>{m.name}</h3>
              <p>{m.email}</p>
              <p>{t("coordinator.organisationOf", { organisation: m.organisation })}</p>
              {m.createdAt ? <p>{t("coordinator.registeredOn", { date: formatMoment(m.createdAt) })}</p> : null}
              <DecisionForms id={m.id} subject="mentor" verifyLabel={t("coordinator.approve")} label={labels[`reason-${m.id}`]} formName={`${m.name}, ${m.organisation}`} errors={result?.fieldErrors} reason={sentId === m.id ? sentReason : undefined} />
            </li>
          ))}
        </ul>
      </section>
      {recent.length > 0 ? (
        <section aria-labelledby="recent-decisions">
          <h2 id="recent-decisions">{t("coordinator.recentDecisions")}</h2>
          <ul>
            {recent.map((o) => (
              <li key={o.id}>
                {o.name} · <span className={`status ${o.status}`}>{t(`status.${o.status}`)}</span> · {formatMoment(o.decidedAt)}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <section aria-labelledby="programme-settings">
        <h2 id="programme-settings">{t("coordinator.programmeTitle")}</h2>
        <ul>
          <li>
            <Link to="/coordinator/milestones">{t("coordinator.milestonesLink")}</Link>
          </li>
          <li>
            <Link to="/coordinator/mentors">{t("coordinator.mentorsLink")}</Link>
          </li>
          <li>
            <Link to="/coordinator/outcomes">{t("outcomes.startPageLink")}</Link>
          </li>
        </ul>
      </section>
    </>
  );
}
