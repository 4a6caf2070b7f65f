import { Form, Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormErrorSummary, RadioGroup, TextArea, TextField } from "~/ui/field.tsx";
import { formatDate } from "~/i18n/dates.ts";
import { useCurrentLanguage } from "~/ui/use-root-data.ts";
import { checkinPartners } from "./vocabulary.ts";

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
  startDay: string;
  hoursPerWeek: number;
  plannedEndDay: string | null;
  checkins: { id: string; milestone: string; dueDay: string; status: string }[];
}

/** The follow-up plan on the introduction page: the start, each check-in with a link, and a form to add one. */
export function FollowUpPlan({ plan, result }: { plan: Plan; result: FormResult }) {
  const { t } = useTranslation();
  const language = useCurrentLanguage();
  const errors = result?.fieldErrors;
  const labels = { dueDay: t("checkins.fields.dueDay"), withWhom: t("checkins.fields.withWhom"), reason: t("checkins.fields.reason") };
  return (
    <section aria-labelledby="plan-title" className="panel">
      <h2 id="plan-title">{t("checkins.plan.title")}</h2>
      <p>
        {t("checkins.plan.started", { startDate: formatDate(plan.startDay, language), hours: plan.hoursPerWeek })}
        {plan.plannedEndDay ? ` ${t("checkins.plan.plannedEnd", { endDate: formatDate(plan.plannedEndDay, language) })}` : ""}
      </p>
      <ul>
        {plan.checkins.map((c) => (
          <li key={c.id}>
            <Link to={`/mentor/checkins/${c.id}`}>
              {t(`checkins.milestones.${c.milestone}`)}: {formatDate(c.dueDay, language)}
            </Link>{" "}
            <span className="status">{t(`checkins.statuses.${c.status}`)}</span>
          </li>
        ))}
      </ul>
      <h3>{t("checkins.plan.addTitle")}</h3>
      <FormErrorSummary fieldErrors={errors} labels={labels} />
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
    </section>
  );
}
