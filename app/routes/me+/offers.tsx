import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "~/ui/redirect.server.ts";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireUser } from "~/accounts/session.server.ts";
import { answerOffer, offersForMentee } from "~/matching/proposals.server.ts";
import { answerSchema } from "~/mentees/schema.server.ts";
import { FormAlert } from "~/ui/field.tsx";
import { parseForm } from "~/ui/form-data.ts";
import { readFormData } from "~/ui/request.server.ts";
import { formFailure } from "~/ui/responses.server.ts";

export const handle = { title: "offers.title", i18n: ["offers", "proposalStatus", "vocab.kind", "vocab.supportPlain"] };

export async function loader({ request }: LoaderFunctionArgs) {
  const mentee = await requireUser(request, "mentee", { desk: true });
  return { offers: await offersForMentee(mentee) };
}

export async function action({ request }: ActionFunctionArgs) {
  const mentee = await requireUser(request, "mentee", { desk: true });
  const form = parseForm(await readFormData(request), answerSchema);
  if (!form.ok) return formFailure({ fieldErrors: { ...form.fieldErrors, form: "errors.formHasErrors" }, values: form.values });
  const result = await answerOffer(mentee, form.data.proposalId, form.data.answer, form.data.reason);
  if (!result.ok) return formFailure(result);
  return redirect("/me/offers?notice=answered");
}

/** Plain words, big type, no script needed: read on an old phone, often together with the mentor. */
export default function Offers() {
  const { t } = useTranslation();
  const { offers } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <div className="easy">
      <h1>{t("offers.title")}</h1>
      <p>{t("offers.intro")}</p>
      <FormAlert error={result?.fieldErrors?.form} />
      {offers.length === 0 ? <p>{t("offers.none")}</p> : null}
      {offers.map((offer) =>
        offer.placement ? (
          <article key={offer.id} className="offer" aria-labelledby={`offer-${offer.id}`}>
            <h2 id={`offer-${offer.id}`} lang={offer.placement.language}>
              {offer.placement.title}
            </h2>
            <p>
              {t(`vocab.kind.${offer.placement.kind}`)} · {offer.placement.organisationName}
            </p>
            <p>
              {t("offers.where", { town: offer.placement.town })} · {t("offers.hours", { min: offer.placement.hoursMin, max: offer.placement.hoursMax })}
            </p>
            <h3>{t("offers.support")}</h3>
            <ul>
              {offer.placement.support.map((s) => (
                <li key={s}>{t(`vocab.supportPlain.${s}`)}</li>
              ))}
            </ul>
            {["interested", "not_now", "declined"].includes(offer.status) ? (
              <p className="answered">{t("offers.answered", { answer: t(`proposalStatus.${offer.status}`) })}</p>
            ) : null}
            <Form method="post" className="answer">
              <input type="hidden" name="proposalId" value={offer.id} />
              <fieldset>
                <legend>{t("offers.answer")}</legend>
                {(["interested", "not_now", "declined"] as const).map((answer) => (
                  <div className="choice big" key={answer}>
                    <input type="radio" id={`answer-${offer.id}-${answer}`} name="answer" value={answer} defaultChecked={offer.status === answer} />
                    <label htmlFor={`answer-${offer.id}-${answer}`}>{t(answer === "declined" ? "offers.no" : answer === "not_now" ? "offers.notNow" : "offers.interested")}</label>
                  </div>
                ))}
              </fieldset>
              <label htmlFor={`reason-${offer.id}`}>{t("offers.reason")}</label>
              <textarea id={`reason-${offer.id}`} name="reason" rows={2} maxLength={500} defaultValue={offer.reason} />
              <button type="submit">{t("offers.send")}</button>
            </Form>
          </article>
        ) : null,
      )}
    </div>
  );
}
