import { Form, Link } from "@remix-run/react";
import { useTranslation } from "~/i18n/use-translation.tsx";
import { FormErrorSummary, RadioGroup, TextArea, TextField } from "~/ui/field.tsx";
import { formatDate } from "~/i18n/dates.ts";
import { useCurrentLanguage } from "~/ui/use-root-data.ts";
import { milestoneLabel } from "./milestone-label.ts";
import { checkinPartners, contractTypes, earlyEndReasons, endings } from "./vocabulary.ts";
import { countedText } from "~/i18n/hours.ts";

type FormResult = { fieldErrors?: Record<string, string>; values?: Record<string, string> } | undefined;

/** The lead mentor records the start of a placement: the day, the hours agreed, and the planned end when the placement ends by design. */
export function StartForm({ needsPlannedEnd, result }: { needsPlannedEnd: boolean; result: FormResult }) {
  const { t } = useTranslation();
  const errors = result?.fieldErrors;
  const labels = { startDay: t("checkins.start.startDay"), hoursPerWeek: t("checkins.start.hoursPerWeek"), plannedEndDay: t("checkins.start.plannedEndDay") };
  return (
    <section aria-labelledby="start-title" className="panel">
      <h2 id="start-title">{t("checkins.start.title")}</h2>
      <p>{t("checkins.start.intro")}</p>
      <FormErrorSummary fieldErrors={errors} labels={labels} />
      <Form method="post" noValidate>
        <TextField name="startDay" type="date" label={labels.startDay} error={errors?.startDay} defaultValue={result?.values?.startDay} />
        <TextField name="hoursPerWeek" label={labels.hoursPerWeek} inputMode="numeric" error={errors?.hoursPerWeek} defaultValue={result?.values?.hoursPerWeek} />
        <TextField
          name="plannedEndDay"
          type="date"
          label={labels.plannedEndDay}
          hint={t(needsPlannedEnd ? "checkins.start.plannedEndNeeded" : "checkins.start.plannedEndOptional")}
          required={needsPlannedEnd}
          error={errors?.plannedEndDay}
          defaultValue={result?.values?.plannedEndDay}
        />
        <button type="submit" name="intent" value="start">
          {t("checkins.start.submit")}
        </button>
      </Form>
    </section>
  );
}

interface Plan {
  ending: string | null;
  endDay: string | null;
  startDay: string;
  hoursPerWeek: number;
  plannedEndDay: string | null;
  checkins: { id: string; milestone: string; dueDay: string; status: string }[];
}

/** The follow-up plan on the introduction page: the start, each check-in with a link, and a form to add one. */
export function FollowUpPlan({ plan, result }: { plan: Plan; result: FormResult }) {
  const { t, i18n } = useTranslation();
  const language = useCurrentLanguage();
  const errors = result?.fieldErrors;
  const labels = { dueDay: t("checkins.fields.dueDay"), withWhom: t("checkins.fields.withWhom"), reason: t("checkins.fields.reason") };
  const endLabels = { ending: t("checkins.end.ending"), endDay: t("checkins.end.endDay"), contractType: t("checkins.end.contractType"), earlyEndReason: t("checkins.end.earlyEndReason") };
  return (
    <section aria-labelledby="plan-title" className="panel">
      <h2 id="plan-title">{t("checkins.plan.title")}</h2>
      <p>
        {t("checkins.plan.started", { startDate: formatDate(plan.startDay, language), hours: countedText(i18n, "checkins.plan.hoursPerWeek", plan.hoursPerWeek) })}
        {plan.plannedEndDay ? ` ${t("checkins.plan.plannedEnd", { endDate: formatDate(plan.plannedEndDay, language) })}` : ""}
      </p>
      {plan.ending && plan.endDay ? <p className="status">{t("checkins.end.endedOn", { ending: t(`checkins.endings.${plan.ending}`), endDate: formatDate(plan.endDay, language) })}</p> : null}
      <ul>
        {plan.checkins.map((c) => (
          <li key={c.id}>
            <Link to={`/mentor/checkins/${c.id}`}>
              {milestoneLabel(t, c.milestone)}: {formatDate(c.dueDay, language)}
            </Link>{" "}
            <span className="status">{t(`checkins.statuses.${c.status}`)}</span>
          </li>
        ))}
      </ul>
      <FormErrorSummary fieldErrors={errors} labels={{ ...labels, ...endLabels }} />
      <h3>{t("checkins.plan.addTitle")}</h3>
      <Form method="post" noValidate>
        <TextField name="dueDay" type="date" label={labels.dueDay} error={errors?.dueDay} defaultValue={result?.values?.dueDay} />
        <RadioGroup
          name="withWhom"
          label={labels.withWhom}
          error={errors?.withWhom}
          defaultValue={result?.values?.withWhom ?? "both"}
          options={checkinPartners.map((p) => ({ value: p, label: t(`checkins.partners.${p}`) }))}
        />
        <TextArea name="reason" label={labels.reason} error={errors?.reason} defaultValue={result?.values?.reason} maxLength={300} />
        <button type="submit" name="intent" value="add">
          {t("checkins.plan.add")}
        </button>
      </Form>
      {plan.ending ? null : <EndForm result={result} labels={endLabels} />}
    </section>
  );
}

/** How the placement ended: at the planned end or any time; hired names the contract, an early end its reason. */
function EndForm({ result, labels }: { result: FormResult; labels: Record<"ending" | "endDay" | "contractType" | "earlyEndReason", string> }) {
  const { t } = useTranslation();
  const errors = result?.fieldErrors;
  return (
    <>
      <h3>{t("checkins.end.title")}</h3>
      <Form method="post" noValidate>
        <RadioGroup name="ending" label={labels.ending} error={errors?.ending} defaultValue={result?.values?.ending} options={endings.map((e) => ({ value: e, label: t(`checkins.endings.${e}`) }))} />
        <TextField name="endDay" type="date" label={labels.endDay} error={errors?.endDay} defaultValue={result?.values?.endDay} />
        <RadioGroup name="contractType" label={labels.contractType} hint={t("checkins.end.contractHint")} error={errors?.contractType} defaultValue={result?.values?.contractType} options={contractTypes.map((c) => ({ value: c, label: t(`checkins.contracts.${c}`) }))} />
        <RadioGroup name="earlyEndReason" label={labels.earlyEndReason} hint={t("checkins.end.reasonHint")} error={errors?.earlyEndReason} defaultValue={result?.values?.earlyEndReason} options={earlyEndReasons.map((r) => ({ value: r, label: t(`checkins.earlyReasons.${r}`) }))} />
        <button type="submit" name="intent" value="end">
          {t("checkins.end.submit")}
        </button>
      </Form>
    </>
  );
}
