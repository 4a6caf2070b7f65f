import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/use-translation.tsx";
import { requireUser } from "~/accounts/session.server.ts";
import { cancelCheckin, checkinForMentor, moveCheckin, recordCheckin, requireCheckinMentor } from "~/checkins/checkins.server.ts";
import { employerTakesPart } from "~/checkins/employer.server.ts";
import { FeelingQuestion, FeelingWords } from "~/checkins/feeling.tsx";
import { milestoneLabel } from "~/checkins/milestone-label.ts";
import { asksStillInWork } from "~/checkins/schedule.ts";
import { cancelFormSchema, mentorRecordSchema, moveFormSchema } from "~/checkins/schema.server.ts";
import { checkinMethods } from "~/checkins/vocabulary.ts";
import { formatDate } from "~/i18n/dates.ts";
import { supportOptions } from "~/placements/vocabulary.ts";
import { GeneralErrorBoundary } from "~/ui/error-boundary.tsx";
import { CheckboxGroup, FormAlert, FormErrorSummary, RadioGroup, TextArea, TextField } from "~/ui/field.tsx";
import { parseForm } from "~/ui/form-data.ts";
import { redirect } from "~/ui/redirect.server.ts";
import { readFormData } from "~/ui/request.server.ts";
import { formFailure } from "~/ui/responses.server.ts";
import { useCurrentLanguage } from "~/ui/use-root-data.ts";

export const handle = {
  title: "checkins.record.title",
  i18n: ["checkins.record", "checkins.milestones", "checkins.statuses", "checkins.partners", "checkins.methods", "checkins.feelings", "checkins.impressions", "checkins.fields", "checkins.endings", "vocab.support"],
};

export async function loader({ request, params }: LoaderFunctionArgs) {
  const mentor = await requireUser(request, "mentor");
  const { checkin, followUp, menteeName, placement, parts, today } = await checkinForMentor(mentor, params.id ?? "");
  // After her consent was withdrawn the employer no longer answers: the page says so instead of waiting for them.
  const employerLeft = checkin.withWhom !== "mentee" && !parts.employer && !(await employerTakesPart(checkin));
  return {
    id: String(checkin._id),
    introductionId: String(followUp.introductionId),
    menteeName,
    placement,
    milestone: checkin.milestone,
    dueDay: checkin.dueDay.toISOString().slice(0, 10),
    status: checkin.status,
    withWhom: employerLeft ? "mentee" : checkin.withWhom,
    employerLeft,
    asksInWork: asksStillInWork(checkin.milestone),
    changes: checkin.changes.map((c) => ({ kind: c.kind, at: c.at.toISOString().slice(0, 10), from: c.from?.toISOString().slice(0, 10) ?? null, to: c.to?.toISOString().slice(0, 10) ?? null, reason: c.reason ?? "" })),
    parts,
    today,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const mentor = await requireUser(request, "mentor");
  const id = params.id ?? "";
  await requireCheckinMentor(mentor, id);
  const formData = await readFormData(request);
  const intent = formData.get("intent");
  // The move and cancel forms each have their own reason field: their errors name it.
  const own = (fieldErrors: Record<string, string>, form: string) => Object.fromEntries(Object.entries(fieldErrors).map(([field, error]) => [field === "reason" ? `${form}-reason` : field, error]));
  if (intent === "move") {
    const form = parseForm(formData, moveFormSchema);
    if (!form.ok) return formFailure({ ...form, fieldErrors: own(form.fieldErrors, "move") });
    const result = await moveCheckin(mentor, id, form.data);
    return result.ok ? redirect(`/mentor/checkins/${id}?notice=checkinMoved`) : formFailure({ ...result, values: { intent: "move", dueDay: String(formData.get("dueDay") ?? "").slice(0, 40), reason: String(formData.get("reason") ?? "").slice(0, 300) } });
  }
  if (intent === "cancel") {
    const form = parseForm(formData, cancelFormSchema);
    if (!form.ok) return formFailure({ ...form, fieldErrors: own(form.fieldErrors, "cancel") });
    const result = await cancelCheckin(mentor, id, form.data);
    return result.ok ? redirect(`/mentor/checkins/${id}?notice=checkinCancelled`) : formFailure(result);
  }
  const form = parseForm(formData, mentorRecordSchema, ["supportAgreed"]);
  if (!form.ok) return formFailure(form);
  const result = await recordCheckin(mentor, id, form.data);
  return result.ok ? redirect(`/mentor/checkins/${id}?notice=checkinRecorded`) : formFailure(result);
}

export default function MentorCheckin() {
  const { t } = useTranslation();
  const language = useCurrentLanguage();
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors = result?.fieldErrors;
  const values = result?.values ?? {};
  const labels = {
    method: t("checkins.fields.method"),
    contactDay: t("checkins.fields.contactDay"),
    attended: t("checkins.fields.attended"),
    expected: t("checkins.fields.expected"),
    feeling: t("checkins.record.feeling"),
    goesWell: t("checkins.fields.goesWell"),
    needsSupport: t("checkins.fields.needsSupport"),
    supportAgreed: t("checkins.fields.supportAgreed"),
    nextStep: t("checkins.fields.nextStep"),
    privateNote: t("checkins.fields.privateNote"),
    stillInWork: t("checkins.fields.stillInWork"),
    dueDay: t("checkins.fields.newDay"),
    "move-reason": t("checkins.fields.reason"),
    "cancel-reason": t("checkins.fields.reason"),
  };
  const { mentor, mentee, employer } = data.parts;
  // Three forms, two of them with a "Reason": each sums up its own problems, named by its heading.
  const recordLabels = Object.fromEntries(Object.entries(labels).filter(([field]) => !["dueDay", "move-reason", "cancel-reason"].includes(field)));
  const formNames = { record: t("checkins.record.recordTitle"), move: t("checkins.record.moveTitle"), cancel: t("checkins.record.cancelTitle") };
  return (
    <>
      <p>
        <Link to="/mentor/checkins">{t("checkins.record.back")}</Link> · <Link to={`/mentor/introductions/${data.introductionId}`}>{data.placement}</Link>
      </p>
      <h1>
        {data.menteeName}: {milestoneLabel(t, data.milestone)}
      </h1>
      <p>
        {t("checkins.fields.dueDay")}: {formatDate(data.dueDay, language)} · {t(`checkins.partners.${data.withWhom}`)} · <span className="status">{t(`checkins.statuses.${data.status}`)}</span>
      </p>
      <FormAlert error={errors?.form} />
      <FormErrorSummary fieldErrors={errors} labels={labels} claimedElsewhere={data.status === "open" ? labels : undefined} />

      <section aria-labelledby="answers">
        <h2 id="answers">{t("checkins.record.answersTitle")}</h2>
        {mentee ? (
          <dl>
            <dt>{t("checkins.record.menteeSaid")}</dt>
            <dd>
              <FeelingWords feeling={mentee.feeling ?? 3} />
              {mentee.goesWell ? <p>{t("checkins.fields.goesWell")}: {mentee.goesWell}</p> : null}
              {mentee.needsSupport ? <p>{t("checkins.fields.needsSupport")}: {mentee.needsSupport}</p> : null}
            </dd>
          </dl>
        ) : (
          <p>{t("checkins.record.menteeNotYet")}</p>
        )}
        {employer ? (
          <dl>
            <dt>{t("checkins.record.employerSaid")}</dt>
            <dd>
              <p>{t("checkins.record.attendance", { attended: employer.attended ?? 0, expected: employer.expected ?? 0 })}</p>
              {employer.impression ? <p>{t(`checkins.impressions.${employer.impression}`)}</p> : null}
              {employer.concern ? <p>{t("checkins.record.concern")}: {employer.concern}</p> : null}
            </dd>
          </dl>
        ) : data.employerLeft ? (
          <p>{t("checkins.record.employerLeft")}</p>
        ) : (
          <p>{t("checkins.record.employerNotYet")}</p>
        )}
      </section>

      {mentor ? (
        <section aria-labelledby="recorded">
          <h2 id="recorded">{t("checkins.record.recordedTitle")}</h2>
          <dl>
            <dt>{t("checkins.fields.method")}</dt>
            <dd>{t(`checkins.methods.${mentor.method}`)}, {formatDate(mentor.contactDay, language)}</dd>
            {mentor.expected !== null ? (
              <>
                <dt>{t("checkins.fields.attendance")}</dt>
                <dd>{t("checkins.record.attendance", { attended: mentor.attended ?? 0, expected: mentor.expected })}</dd>
              </>
            ) : null}
            {mentor.feeling !== null ? (
              <>
                <dt>{t("checkins.record.feeling")}</dt>
                <dd>
                  <FeelingWords feeling={mentor.feeling} />
                </dd>
              </>
            ) : null}
            {[
              ["goesWell", mentor.goesWell],
              ["needsSupport", mentor.needsSupport],
              ["nextStep", mentor.nextStep],
              ["privateNote", mentor.privateNote],
            ]
              .filter(([, v]) => v)
              .map(([k, v]) => (
                <div key={k}>
                  <dt>{labels[k as keyof typeof labels]}</dt>
                  <dd className="prewrap">{v}</dd>
                </div>
              ))}
            {mentor.supportAgreed.length ? (
              <>
                <dt>{labels.supportAgreed}</dt>
                <dd>{mentor.supportAgreed.map((s) => t(`vocab.support.${s}`)).join(", ")}</dd>
              </>
            ) : null}
          </dl>
        </section>
      ) : null}

      {data.status === "open" ? (
        <>
          <section aria-labelledby="record">
            <h2 id="record">{t("checkins.record.recordTitle")}</h2>
            <Form method="post" noValidate>
              <FormErrorSummary fieldErrors={errors} labels={recordLabels} formName={formNames.record} />
              <RadioGroup name="method" label={labels.method} error={errors?.method} defaultValue={values.method} options={checkinMethods.map((m) => ({ value: m, label: t(`checkins.methods.${m}`) }))} />
              <TextField name="contactDay" type="date" label={labels.contactDay} error={errors?.contactDay} defaultValue={values.contactDay ?? data.today} />
              <TextField name="attended" label={labels.attended} inputMode="numeric" required={false} error={errors?.attended} defaultValue={values.attended} />
              <TextField name="expected" label={labels.expected} inputMode="numeric" required={false} error={errors?.expected} defaultValue={values.expected} />
              <FeelingQuestion id="feeling" label={labels.feeling} error={errors?.feeling} defaultValue={values.feeling} />
              <TextArea name="goesWell" label={labels.goesWell} required={false} maxLength={1000} error={errors?.goesWell} defaultValue={values.goesWell} />
              <TextArea name="needsSupport" label={labels.needsSupport} required={false} maxLength={1000} error={errors?.needsSupport} defaultValue={values.needsSupport} />
              <CheckboxGroup name="supportAgreed" legend={labels.supportAgreed} values={supportOptions} checked={[]} label={(s) => t(`vocab.support.${s}`)} error={errors?.supportAgreed} />
              <TextArea name="nextStep" label={labels.nextStep} required={false} maxLength={500} error={errors?.nextStep} defaultValue={values.nextStep} />
              <TextArea name="privateNote" label={labels.privateNote} hint={t("checkins.record.privateHint")} required={false} maxLength={2000} error={errors?.privateNote} defaultValue={values.privateNote} />
              {data.asksInWork ? (
                <RadioGroup name="stillInWork" label={labels.stillInWork} error={errors?.stillInWork} defaultValue={values.stillInWork} options={[{ value: "yes", label: t("checkins.record.yes") }, { value: "no", label: t("checkins.record.no") }]} />
              ) : null}
              <button type="submit" name="intent" value="record">
                {t("checkins.record.submit")}
              </button>
            </Form>
          </section>
          <section aria-labelledby="move">
            <h2 id="move">{t("checkins.record.moveTitle")}</h2>
            <Form method="post" noValidate>
              <FormErrorSummary fieldErrors={errors} labels={{ dueDay: labels.dueDay, "move-reason": labels["move-reason"] }} formName={formNames.move} />
              <TextField name="dueDay" type="date" label={labels.dueDay} formName={formNames.move} min={data.today} error={errors?.dueDay} defaultValue={values.dueDay} />
              <TextArea name="reason" id="move-reason" label={labels["move-reason"]} formName={formNames.move} maxLength={300} error={errors?.["move-reason"]} defaultValue={values.intent === "move" ? values.reason : undefined} />
              <button type="submit" name="intent" value="move">
                {t("checkins.record.move")}
              </button>
            </Form>
          </section>
          <section aria-labelledby="cancel">
            <h2 id="cancel">{t("checkins.record.cancelTitle")}</h2>
            <Form method="post" noValidate>
              <FormErrorSummary fieldErrors={errors} labels={{ "cancel-reason": labels["cancel-reason"] }} formName={formNames.cancel} />
              <TextArea name="reason" id="cancel-reason" label={labels["cancel-reason"]} formName={formNames.cancel} maxLength={300} error={errors?.["cancel-reason"]} defaultValue={values.intent === "cancel" ? values.reason : undefined} />
              <button type="submit" name="intent" value="cancel" className="danger">
                {t("checkins.record.cancel")}
              </button>
            </Form>
          </section>
        </>
      ) : null}

      {data.changes.length ? (
        <section aria-labelledby="changes">
          <h2 id="changes">{t("checkins.record.changesTitle")}</h2>
          <ul>
            {data.changes.map((c, n) => (
              <li key={n}>
                {formatDate(c.at, language)}: {t(`checkins.record.change.${c.kind}`, { fromDate: c.from ? formatDate(c.from, language) : "", toDate: c.to ? formatDate(c.to, language) : "" })} —{" "}
                {/* A check-in cancelled by the placement's ending names the ending, in words. */}
                {c.reason.startsWith("ended:") ? t(`checkins.endings.${c.reason.slice("ended:".length)}`) : c.reason}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
