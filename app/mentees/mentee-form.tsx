import { Form } from "@remix-run/react";
import { useTranslation } from "~/i18n/use-translation.tsx";
import { languages } from "~/i18n/languages.ts";
import { supportOptions, workLanguages } from "~/placements/vocabulary.ts";
import { CheckboxGroup, FormAlert, FormErrorSummary, SelectField, TextArea, TextField } from "~/ui/field.tsx";
import { menteeReadiness } from "./vocabulary.ts";
import { VocabularyField } from "~/vocabulary/vocabulary-field.tsx";

export type MenteeFormValues = Record<string, string | string[] | undefined>;

/** The individual plan: the person's own words, strengths first; private parts last and marked so. */
export function MenteeForm({ values, errors, towns, submitLabel }: { values: MenteeFormValues; errors?: Record<string, string>; towns: string[]; submitLabel: string }) {
  const { t } = useTranslation();
  const labels = { firstName: t("fields.firstName"), fullName: t("fields.fullName"), email: t("fields.menteeEmail"), language: t("fields.language"), readiness: t("fields.readiness"), goals: t("fields.goals"), strengths: t("fields.strengths"), interests: t("fields.interests"), skills: t("fields.skills"), languages: t("fields.languagesSpoken"), town: t("fields.homeTown"), country: t("fields.country"), travelKm: t("fields.travelKm"), hoursMin: t("fields.hoursMinPerson"), hoursMax: t("fields.hoursMaxPerson"), supportNeeded: t("fields.supportNeeded"), barriers: t("fields.barriers"), notes: t("fields.notes") };
  const text = (k: string) => (typeof values[k] === "string" ? (values[k] as string) : undefined);
  const list = (k: string) => (Array.isArray(values[k]) ? (values[k] as string[]) : []);
  return (
    <Form method="post" className="stack wide" noValidate>
      <FormAlert error={errors?.form} />
      <FormErrorSummary fieldErrors={errors} labels={labels} />
      <div className="field-row">
        <TextField name="firstName" label={labels.firstName} error={errors?.firstName} defaultValue={text("firstName")} maxLength={60} />
        <TextField name="fullName" label={labels.fullName} error={errors?.fullName} defaultValue={text("fullName")} required={false} maxLength={120} />
      </div>
      <TextField name="email" type="email" label={labels.email} error={errors?.email} defaultValue={text("email")} required={false} />
      <SelectField name="language" label={labels.language} error={errors?.language} defaultValue={text("language")} options={languages.map((l) => ({ value: l, label: t(`language.${l}`) }))} />
      <SelectField name="readiness" label={labels.readiness} error={errors?.readiness} defaultValue={text("readiness")} placeholder={t("fields.choose")} options={menteeReadiness.map((r) => ({ value: r, label: t(`vocab.readiness.${r}`) }))} />
      <TextArea name="goals" label={labels.goals} error={errors?.goals} defaultValue={text("goals")} required={false} />
      <TextField name="strengths" label={labels.strengths} hint={t("fields.skillsHint")} error={errors?.strengths} defaultValue={text("strengths")} required={false} maxLength={900} />
      <VocabularyField name="interests" label={labels.interests} hint={t("fields.interestsHint")} error={errors?.interests} defaultValue={text("interests")} maxLength={900} />
      <VocabularyField name="skills" label={labels.skills} hint={t("fields.skillsHint")} error={errors?.skills} defaultValue={text("skills")} maxLength={900} />
      <CheckboxGroup name="languages" legend={labels.languages} values={workLanguages} checked={list("languages")} label={(v) => t(`vocab.workLanguage.${v}`)} error={errors?.languages} />
      <div className="field-row">
        <TextField name="town" label={labels.town} hint={t("fields.townHint")} error={errors?.town} defaultValue={text("town")} list="town-names" maxLength={80} />
        <datalist id="town-names">
          {towns.map((name) => (
            <option key={name} value={name} />
          ))}
        </datalist>
        <SelectField name="country" label={labels.country} error={errors?.country} defaultValue={text("country")} placeholder={t("fields.choose")} options={["HR", "SI", "DK"].map((c) => ({ value: c, label: t(`countries.${c}`) }))} />
      </div>
      <div className="field-row">
        <TextField name="travelKm" label={labels.travelKm} error={errors?.travelKm} defaultValue={text("travelKm")} inputMode="numeric" maxLength={3} />
        <TextField name="hoursMin" label={labels.hoursMin} error={errors?.hoursMin} defaultValue={text("hoursMin")} inputMode="numeric" maxLength={2} />
        <TextField name="hoursMax" label={labels.hoursMax} error={errors?.hoursMax} defaultValue={text("hoursMax")} inputMode="numeric" maxLength={2} />
      </div>
      <h2>{t("mentees.privateSection")}</h2>
      <CheckboxGroup name="supportNeeded" legend={labels.supportNeeded} values={supportOptions} checked={list("supportNeeded")} label={(v) => t(`vocab.support.${v}`)} error={errors?.supportNeeded} />
      <TextArea name="barriers" label={labels.barriers} error={errors?.barriers} defaultValue={text("barriers")} required={false} />
      <TextArea name="notes" label={labels.notes} error={errors?.notes} defaultValue={text("notes")} required={false} />
      <button type="submit">{submitLabel}</button>
    </Form>
  );
}
