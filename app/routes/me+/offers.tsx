import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "~/ui/redirect.server.ts";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/use-translation.tsx";
import { requireUser } from "~/accounts/session.server.ts";
import { formatDay } from "~/i18n/dates.ts";
import { pageLanguage } from "~/i18n/i18n.server.ts";
import { answerOffer, isOwnOffer, offersForMentee } from "~/matching/proposals.server.ts";
import { answerSchema } from "~/mentees/schema.server.ts";
import { answerChoices } from "~/mentees/vocabulary.ts";
import { FormAlert, FormErrorSummary, RadioGroup, TextArea } from "~/ui/field.tsx";
import { parseForm } from "~/ui/form-data.ts";
import { readFormData } from "~/ui/request.server.ts";
import { formFailure } from "~/ui/responses.server.ts";
import { hoursText } from "~/i18n/hours.ts";
export { GeneralErrorBoundary as ErrorBoundary } from "~/ui/error-boundary.tsx";

export const handle = { title: "offers.title", i18n: ["offers", "proposalStatus", "vocab.kind", "vocab.supportPlain", "placements", "vocab.flexibilityPlain", "vocab.physical", "vocab.status", "vocab.support"], scripts: false };

export async function loader({ request }: LoaderFunctionArgs) {
  const mentee = await requireUser(request, "mentee", { desk: true });
  const [offers, language] = await Promise.all([offersForMentee(mentee), pageLanguage(request, mentee)]);
  return {
    offers: offers.map((offer) => ({
      ...offer,
      offeredOn: offer.offeredAt ? formatDay(offer.offeredAt, language) : null,
      placement: offer.placement && { ...offer.placement, startsOn: offer.placement.startDate === null ? null : formatDay(offer.placement.startDate, language) },
    })),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const mentee = await requireUser(request, "mentee", { desk: true });
  const formData = await readFormData(request);
  const proposalId = formData.get("proposalId");
  if (typeof proposalId !== "string" || !(await isOwnOffer(mentee, proposalId))) return formFailure({ fieldErrors: { form: "errors.invalid" } });
  const form = parseForm(formData, answerSchema);
  // Each offer has its own answer form: the errors name that offer's fields.
  if (!form.ok) return formFailure({ fieldErrors: Object.fromEntries(Object.entries(form.fieldErrors).map(([field, error]) => [`${field}-${proposalId}`, error])), values: form.values });
  const result = await answerOffer(mentee, form.data.proposalId, form.data.answer, form.data.reason);
  if (!result.ok) return formFailure(result);
  return redirect("/me/offers?notice=answered");
}

/** Plain words, big type, no script needed: read on an old phone, often together with the mentor. */
export default function Offers() {
  const { t } = useTranslation();
  const { offers } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const sent = result?.values?.proposalId;
  const answerLabels = { interested: t("offers.interested"), not_now: t("offers.notNow"), declined: t("offers.no") };
  const labels = Object.fromEntries(offers.flatMap((offer) => [[`answer-${offer.id}`, t("offers.answer")], [`reason-${offer.id}`, t("offers.reason")]]));
  // Several offers may wait at once: each form sums up its own problems, named by the placement.
  const labelsOf = (id: string) => ({ [`answer-${id}`]: labels[`answer-${id}`], [`reason-${id}`]: labels[`reason-${id}`] });
  return (
    <div className="easy">
      <h1>{t("offers.title")}</h1>
      <p>{t("offers.intro")}</p>
      <FormAlert error={result?.fieldErrors?.form} />
      <FormErrorSummary fieldErrors={result?.fieldErrors} labels={labels} claimedElsewhere={Object.fromEntries(offers.filter((offer) => offer.sharingWith === null && offer.open).flatMap((offer) => Object.entries(labelsOf(offer.id))))} />
      {offers.length === 0 ? <p>{t("offers.none")}</p> : null}
      {offers.map((offer) => (
        <article key={offer.id} className="offer" aria-labelledby={`offer-${offer.id}`}>
          <h2 id={`offer-${offer.id}`} lang={offer.placement?.language}>
            {offer.title}
          </h2>
          {offer.offeredOn ? <p className="offer-when">{[offer.town, t("offers.offeredOn", { date: offer.offeredOn })].filter(Boolean).join(" · ")}</p> : null}
          {offer.placement ? (
            <>
              <p className="offer-kind">
                {t(`vocab.kind.${offer.placement.kind}`)} · {offer.placement.organisationName}
              </p>
              <OfferFacts placement={offer.placement} />
              <p>
                <Link to={`/placements/${offer.placement.id}`} aria-describedby={`offer-${offer.id}`}>
                  {t("offers.more")}
                </Link>
              </p>
            </>
          ) : (
            <p className="answered">{t(offer.startedThere ? "offers.closedAfterStart" : offer.paused ? "offers.paused" : "offers.notOpen")}</p>
          )}
          {["interested", "not_now", "declined"].includes(offer.status) ? <p className="answered">{t("offers.answered", { answer: t(`proposalStatus.${offer.status}`) })}</p> : null}
          {offer.ended ? (
            <p className="ended">{t(
                offer.ended.status === "declined"
                  ? "offers.employerDeclined"
                  : !offer.ended.consentGiven
                    ? "offers.introductionStopped"
                    : offer.ended.mayIntroduceAgain
                      ? "offers.youWithdrew"
                      : "offers.youWithdrewAfterStart",
                { organisation: offer.ended.organisation },
              )}</p>
          ) : offer.sharingWith !== null ? (
            <p>
              {t("offers.sharing", { organisation: offer.sharingWith })} <Link to="/me/consents">{t("offers.toConsents")}</Link>
            </p>
          ) : offer.open ? (
            <Form method="post" noValidate className="answer">
              <input type="hidden" name="proposalId" value={offer.id} />
              <FormErrorSummary fieldErrors={result?.fieldErrors} labels={labelsOf(offer.id)} formName={offer.placement?.title ?? offer.title} />
              <RadioGroup
                name="answer"
                id={`answer-${offer.id}`}
                className="big"
                label={labels[`answer-${offer.id}`]}
                formName={offer.placement?.title ?? offer.title}
                error={result?.fieldErrors?.[`answer-${offer.id}`]}
                defaultValue={sent === offer.id ? result?.values?.answer : offer.status}
                options={answerChoices.map((answer) => ({ value: answer, label: answerLabels[answer] }))}
              />
              <TextArea name="reason" id={`reason-${offer.id}`} label={labels[`reason-${offer.id}`]} formName={offer.placement?.title ?? offer.title} error={result?.fieldErrors?.[`reason-${offer.id}`]} defaultValue={sent === offer.id ? result?.values?.reason : offer.reason} required={false} maxLength={500} />
              <button type="submit">{t("offers.send")}</button>
            </Form>
          ) : null}
        </article>
      ))}
    </div>
  );
}

type OfferPlacement = NonNullable<ReturnType<typeof useLoaderData<typeof loader>>["offers"][number]["placement"]>;

/** What the work is, where, when, how many hours, the support and the employer: one after another, for a small screen. */
function OfferFacts({ placement: p }: { placement: OfferPlacement }) {
  const { t, i18n } = useTranslation();
  return (
    <dl className="offer-facts">
      <div>
        <dt>{t("offers.whatTitle")}</dt>
        <dd>
          <p lang={p.language} className="prewrap">
            {p.description}
          </p>
          <p>{t(`vocab.physical.${p.physicalDemands}`)}</p>
        </dd>
      </div>
      <div>
        <dt>{t("offers.whereTitle")}</dt>
        <dd>{p.town}</dd>
      </div>
      <div>
        <dt>{t("offers.startTitle")}</dt>
        <dd>
          {p.startsOn ? t("offers.startsOn", { date: p.startsOn }) : t("offers.startsByAgreement")}
          {p.durationWeeks ? <p>{t("placements.durationWeeks", { count: p.durationWeeks })}</p> : null}
        </dd>
      </div>
      <div>
        <dt>{t("offers.hoursTitle")}</dt>
        <dd>
          {hoursText(i18n, "offers.hours", p.hoursMin, p.hoursMax)}
          <p>{t(`vocab.flexibilityPlain.${p.scheduleFlexibility}`)}</p>
        </dd>
      </div>
      <div>
        <dt>{t("offers.support")}</dt>
        <dd>
          {p.support.length ? (
            <ul>
              {p.support.map((s) => (
                <li key={s}>{t(`vocab.supportPlain.${s}`)}</li>
              ))}
            </ul>
          ) : (
            <p>{t("placements.noSupport")}</p>
          )}
          {p.supportNotes ? (
            <p lang={p.language} className="prewrap">
              {p.supportNotes}
            </p>
          ) : null}
        </dd>
      </div>
      <div>
        <dt>{t("offers.employerTitle")}</dt>
        <dd>
          {p.organisationName}
          {p.organisationKind === "social_enterprise" ? <p>{t("offers.socialEnterprise")}</p> : null}
        </dd>
      </div>
    </dl>
  );
}
