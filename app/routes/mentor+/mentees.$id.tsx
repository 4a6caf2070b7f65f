import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "~/ui/redirect.server.ts";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/use-translation.tsx";
import { destroySession, requireUser } from "~/accounts/session.server.ts";
import { startIntroduction } from "~/introductions/introductions.server.ts";
import { introductionsForPlan } from "~/introductions/mentor.server.ts";
import { proposalsForPlan } from "~/matching/proposals.server.ts";
import { deskSessionTerms, openDeskSession } from "~/mentees/desk.server.ts";
import { getMenteePlan, historyForPlan, inviteMentee, requireLeadMentor } from "~/mentees/mentees.server.ts";
import { languageCookie } from "~/i18n/i18n.server.ts";
import { PlanView } from "~/mentees/plan-view.tsx";
import { GeneralErrorBoundary } from "~/ui/error-boundary.tsx";
import { FormAlert, FormErrorSummary, TextField } from "~/ui/field.tsx";
import { formatDate } from "~/ui/placement-bits.tsx";
import { readFormData } from "~/ui/request.server.ts";
import { formFailure } from "~/ui/responses.server.ts";
import { useCurrentLanguage } from "~/ui/use-root-data.ts";

export const handle = {
  title: "mentees.plan",
  i18n: ["fields", "introductions", "mentees", "placements", "proposalStatus", "vocab.readiness", "vocab.status", "vocab.support", "vocab.supportPlain", "vocab.workLanguage", "introductionStatus"],
};

export async function loader({ request, params }: LoaderFunctionArgs) {
  const mentor = await requireUser(request, "mentor");
  const plan = await getMenteePlan(mentor, params.id ?? "");
  const [proposals, introductions, history, desk] = await Promise.all([proposalsForPlan(plan), introductionsForPlan(plan), historyForPlan(plan), deskSessionTerms(mentor, plan.id)]);
  return {
    plan,
    desk,
    proposals: proposals.map((p) => ({ ...p, introduction: introductions[p.id] ?? null })),
    history: history.map((h) => ({ at: h.at.toISOString(), who: h.changedByName, fields: h.fields })),
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const mentor = await requireUser(request, "mentor");
  await requireLeadMentor(mentor, params.id ?? "");
  const form = await readFormData(request);
  if (form.get("intent") === "introduce") {
    const started = await startIntroduction(mentor, String(form.get("proposalId") ?? ""));
    if (!started.ok) return formFailure(started);
    return redirect(`/mentor/introductions/${started.id}`);
  }
  if (form.get("intent") === "desk") {
    const password = form.get("deskPassword");
    const opened = await openDeskSession(mentor, params.id ?? "", { password: typeof password === "string" ? password : "", clientAddress: context.clientAddress });
    if (!opened.ok) return formFailure(opened);
    // The screen is the mentee's now: the mentor's own session ends, and pages speak her language.
    const headers = new Headers();
    await destroySession(request);
    headers.append("Set-Cookie", opened.cookie);
    headers.append("Set-Cookie", await languageCookie.serialize(opened.language));
    return redirect("/me/offers", { headers });
  }
  if (form.get("intent") !== "invite") return formFailure({ fieldErrors: { form: "errors.invalid" } });
  const result = await inviteMentee(mentor, params.id ?? "");
  if (!result.ok) return formFailure(result);
  return redirect(`/mentor/mentees/${params.id}?notice=menteeInvited`);
}

export default function MenteePage() {
  const { t } = useTranslation();
  const language = useCurrentLanguage();
  const { plan, desk, proposals, history } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <>
      <p>
        <Link to="/mentor/mentees">{t("mentees.title")}</Link>
      </p>
      <h1>{plan.fullName || plan.firstName}</h1>
      <FormAlert error={result?.fieldErrors?.form} />
      <FormErrorSummary fieldErrors={result?.fieldErrors} labels={{ deskPassword: t("mentees.deskPassword", { name: plan.firstName }) }} />
      <div className="actions">
        <Link to={`/mentor/mentees/${plan.id}/matches`} className="button">
          {t("mentees.matches")}
        </Link>
        <Link to={`/mentor/mentees/${plan.id}/edit`} className="button secondary">
          {t("mentees.edit")}
        </Link>
        {plan.hasAccount ? (
          <span>{t("mentees.hasAccount")}</span>
        ) : plan.email ? (
          <Form method="post" noValidate>
            <button type="submit" name="intent" value="invite" className="secondary">
              {t("mentees.invite")}
            </button>
          </Form>
        ) : null}
      </div>
      <Form method="post" className="desk" noValidate>
        {desk.needsOwnPassword ? (
          <>
            <p id="desk-agreement">{t("mentees.deskNeedsAgreement", { name: plan.firstName })}</p>
            <TextField
              name="deskPassword"
              type="password"
              label={t("mentees.deskPassword", { name: plan.firstName })}
              autoComplete="off"
              error={result?.fieldErrors?.deskPassword}
            />
          </>
        ) : null}
        <button type="submit" name="intent" value="desk" className="secondary" aria-describedby="desk-hint">
          {t("mentees.deskSession")}
        </button>
        <p className="hint" id="desk-hint">
          {t("mentees.deskSessionHint", { name: plan.firstName })}
        </p>
      </Form>
      <PlanView plan={plan} viewer="mentor" />
      <section aria-labelledby="offers-title">
        <h2 id="offers-title">{t("mentees.offers")}</h2>
        {proposals.length === 0 ? <p>{t("mentees.noOffers")}</p> : null}
        <ul className="cards">
          {proposals.map((p) => (
            <li key={p.id} className="proposal">
              <h3>
                <Link to={`/placements/${p.placementId}`}>{p.title}</Link>
              </h3>
              <p>
                <span className={`status proposal-${p.status}`}>{t(`proposalStatus.${p.status}`)}</span>
                {p.reason ? ` — „${p.reason}“` : ""}
              </p>
              {p.introduction ? (
                <>
                  <p className="introduction-link">
                    {t("introductions.introductionState")}: <span className="status">{t(`introductionStatus.${p.introduction.status}`)}</span>{" "}
                    <Link to={`/mentor/introductions/${p.introduction.id}`}>{t("introductions.openIntroduction")}</Link>
                  </p>
                  {p.introduction.status === "declined" ? (
                    <p>{t("introductions.employerDeclinedOffer")}</p>
                  ) : !p.introduction.mayIntroduceAgain ? null : !p.open ? (
                    <p>{t("mentees.placementNotOpen")}</p>
                  ) : p.status === "interested" ? (
                    <Form method="post" noValidate>
                      <p id={`again-${p.id}`}>{t("introductions.introduceAgainHint", { name: plan.firstName })}</p>
                      <input type="hidden" name="proposalId" value={p.id} />
                      <button type="submit" name="intent" value="introduce" aria-describedby={`again-${p.id}`}>
                        {t("introductions.introduceAgain")}
                      </button>
                    </Form>
                  ) : null}
                </>
              ) : !p.open ? (
                <p>{t("mentees.placementNotOpen")}</p>
              ) : p.status === "interested" ? (
                <Form method="post" noValidate>
                  <input type="hidden" name="proposalId" value={p.id} />
                  <button type="submit" name="intent" value="introduce">
                    {t("introductions.introduce")}
                  </button>
                </Form>
              ) : null}
              <ol className="history">
                {p.history.map((h, i) => (
                  <li key={i}>
                    {formatDate(h.at, language)}: {t(`proposalStatus.${h.status}`)}
                  </li>
                ))}
              </ol>
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="history-title">
        <h2 id="history-title">{t("mentees.history")}</h2>
        <ul>
          {history.map((h, i) => (
            <li key={i}>{t("mentees.historyEntry", { date: formatDate(h.at, language), who: h.who, fields: h.fields.join(", ") })}</li>
          ))}
        </ul>
      </section>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
