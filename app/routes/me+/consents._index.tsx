import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "~/ui/redirect.server.ts";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/use-translation.tsx";
import { requireUser } from "~/accounts/session.server.ts";
import { withdrawConsent } from "~/introductions/introductions.server.ts";
import { meetingInWords } from "~/introductions/meeting.ts";
import { introductionsForMentee } from "~/introductions/mentee.server.ts";
import { formatDay } from "~/i18n/dates.ts";
import { pageLanguage } from "~/i18n/i18n.server.ts";
import { FormAlert } from "~/ui/field.tsx";
import { readFormData } from "~/ui/request.server.ts";
import { formFailure } from "~/ui/responses.server.ts";
export { GeneralErrorBoundary as ErrorBoundary } from "~/ui/error-boundary.tsx";

export const handle = {
  title: "introductions.myConsentsTitle",
  scripts: false,
  i18n: ["consent", "introductionStatus", "introductions", "privacy", "vocab.status", "vocab.support", "vocab.supportPlain"],
};

export async function loader({ request }: LoaderFunctionArgs) {
  const mentee = await requireUser(request, "mentee", { desk: true });
  const [introductions, language] = await Promise.all([introductionsForMentee(mentee), pageLanguage(request, mentee)]);
  return {
    introductions: introductions.map((i) => ({
      ...i,
      givenOn: i.givenAt ? formatDay(i.givenAt, language) : null,
      startedOn: i.startedAt ? formatDay(i.startedAt, language) : null,
      withdrawnOn: i.withdrawnAt ? formatDay(i.withdrawnAt, language) : null,
      meeting: i.meetingAt ? { ...meetingInWords(i.meetingAt, language), place: i.meetingPlace ?? "" } : null,
    })),
    atDesk: Boolean(mentee.desk),
  };
}

/** Withdrawing takes one button, as giving took one. */
export async function action({ request }: ActionFunctionArgs) {
  const mentee = await requireUser(request, "mentee", { desk: true });
  const form = await readFormData(request);
  const result = await withdrawConsent(mentee, String(form.get("introductionId") ?? ""));
  return result.ok ? redirect("/me/consents?notice=consentWithdrawn") : formFailure(result);
}

export default function MyConsents() {
  const { t } = useTranslation();
  const { introductions, atDesk } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <div className="easy">
      <h1>{t("introductions.myConsentsTitle")}</h1>
      <p>{t("introductions.myConsentsIntro")}</p>
      {atDesk ? null : (
        <p>
          <Link to="/me/data">{t("privacy.seeMyData")}</Link>
        </p>
      )}
      <FormAlert error={result?.fieldErrors?.form} />
      {introductions.length === 0 ? <p>{t("introductions.noConsents")}</p> : null}
      {introductions.map((i) => (
        <article key={i.id} className="offer" aria-labelledby={`consent-${i.id}`}>
          <h2 id={`consent-${i.id}`}>{i.placement}</h2>
          <p>
            {[i.organisation, i.town, i.startedOn ? t("introductions.startedOn", { date: i.startedOn }) : ""].filter(Boolean).join(" · ")}
            {/* Waiting for her consent only while she can give it: otherwise the note below says why not. */}
            {i.status === "proposed" && i.placementState !== "open" ? null : (
              <>
                {" · "}
                <span className="status">{t(`introductionStatus.${i.status}`)}</span>
              </>
            )}
          </p>
          {i.status !== "proposed" ? null : i.placementState === "open" ? (
            <p>
              <Link to={`/me/consents/${i.id}`} className="button">
                {t("introductions.open")}
              </Link>
            </p>
          ) : (
            <p className="answered">{t(i.placementState === "paused" ? "introductions.pausedBeforeConsent" : "introductions.closedBeforeConsent", { organisation: i.organisation })}</p>
          )}
          {i.meeting && !i.withdrawn ? <p className="answered">{t("introductions.meetingWhen", i.meeting)}</p> : null}
          {i.givenOn ? <p>{t("introductions.givenOn", { date: i.givenOn, organisation: i.organisation })}</p> : null}
          {i.withdrawnOn ? <p className="withdrawn-note">{t("introductions.withdrawnOn", { date: i.withdrawnOn, organisation: i.organisation })}</p> : null}
          {i.fields.length ? (
            <>
              <p>{t(i.withdrawnOn ? "introductions.youSharedUntil" : "introductions.youShare", { organisation: i.organisation })}</p>
              <ul>
                {i.fields.map((f) => (
                  <li key={f}>{t(`consent.fields.${f}`)}</li>
                ))}
              </ul>
            </>
          ) : null}
          {i.givenAt && !i.withdrawn ? (
            <Form method="post" noValidate>
              <input type="hidden" name="introductionId" value={i.id} />
              <button type="submit" className="danger">
                {t("introductions.withdraw")}
              </button>
            </Form>
          ) : null}
        </article>
      ))}
    </div>
  );
}
