import { Form } from "@remix-run/react";
import { useTranslation } from "~/i18n/use-translation.tsx";
import { CheckboxGroup, FormAlert, FormErrorSummary, SelectField, TextArea, TextField } from "~/ui/field.tsx";
import { VocabularyField } from "~/vocabulary/vocabulary-field.tsx";
import {
  physicalDemands,
  placementKinds,
  placementReadiness,
  scheduleFlexibility,
  sectors,
  supportOptions,
  textLanguages,
  workLanguages,
} from "./vocabulary.ts";

export interface PlacementFormValues {
  title?: string;
  description?: string;
  language?: string;
  kind?: string;
  sector?: string;
  town?: string;
  country?: string;
  hoursMin?: string;
  hoursMax?: string;
  scheduleFlexibility?: string;
  startDate?: string;
  durationWeeks?: string;
  places?: string;
  readiness?: string;
  languages?: string[];
  skills?: string;
  physicalDemands?: string;
  support?: string[];
  supportNotes?: string;
}

/** The employer's placement editor; works as a plain HTML form. */
export function PlacementForm({
  values,
  errors,
  towns,
  mode,
  canPublish,
  today,
}: {
  values: PlacementFormValues;
  errors?: Record<string, string>;
  towns: string[];
  mode: "create" | "edit";
  canPublish: boolean;
  /** The earliest start the date picker offers (the server refuses a new start in the past). */
  today: string;
}) {
  const { t } = useTranslation();
  const labels = { title: t("fields.title"), description: t("fields.description"), language: t("fields.textLanguage"), kind: t("fields.kind"), sector: t("fields.sector"), town: t("fields.town"), country: t("fields.country"), hoursMin: t("fields.hoursMin"), hoursMax: t("fields.hoursMax"), scheduleFlexibility: t("fields.scheduleFlexibility"), startDate: t("fields.startDate"), durationWeeks: t("fields.durationWeeks"), places: t("fields.places"), readiness: t("fields.readinessAsked"), physicalDemands: t("fields.physicalDemands"), support: t("fields.support"), supportNotes: t("fields.supportNotes"), languages: t("fields.languages"), skills: t("fields.skills") };
  const options = (list: readonly string[], prefix: string) => list.map((v) => ({ value: v, label: t(`${prefix}.${v}`) }));
  return (
    <Form method="post" className="stack wide" noValidate>
      <FormAlert error={errors?.form} />
      <FormErrorSummary fieldErrors={errors} labels={labels} />
      <TextField name="title" label={labels.title} error={errors?.title} defaultValue={values.title} maxLength={120} />
      <TextArea name="description" label={labels.description} error={errors?.description} defaultValue={values.description} />
      <SelectField name="language" label={labels.language} error={errors?.language} defaultValue={values.language} options={options(textLanguages, "language")} />
      <SelectField name="kind" label={labels.kind} error={errors?.kind} defaultValue={values.kind} placeholder={t("fields.choose")} options={options(placementKinds, "vocab.kind")} />
      <SelectField name="sector" label={labels.sector} error={errors?.sector} defaultValue={values.sector} placeholder={t("fields.choose")} options={options(sectors, "vocab.sector")} />
      <div className="field-row">
        <TextField name="town" label={labels.town} hint={t("fields.townHint")} error={errors?.town} defaultValue={values.town} maxLength={80} list="town-names" />
        <datalist id="town-names">
          {towns.map((name) => (
            <option key={name} value={name} />
          ))}
        </datalist>
        <SelectField name="country" label={labels.country} error={errors?.country} defaultValue={values.country} placeholder={t("fields.choose")} options={["HR", "SI", "DK"].map((c) => ({ value: c, label: t(`countries.${c}`) }))} />
      </div>
      <div className="field-row">
        <TextField name="hoursMin" label={labels.hoursMin} error={errors?.hoursMin} defaultValue={values.hoursMin} inputMode="numeric" maxLength={3} />
        <TextField name="hoursMax" label={labels.hoursMax} error={errors?.hoursMax} defaultValue={values.hoursMax} inputMode="numeric" maxLength={3} />
      </div>
      <SelectField name="scheduleFlexibility" label={labels.scheduleFlexibility} error={errors?.scheduleFlexibility} defaultValue={values.scheduleFlexibility} placeholder={t("fields.choose")} options={options(scheduleFlexibility, "vocab.flexibility")} />
      <div className="field-row">
        <TextField name="startDate" type="date" label={labels.startDate} hint={t("fields.startDateHint")} error={errors?.startDate} defaultValue={values.startDate} required={false} min={today} />
        <TextField name="durationWeeks" label={labels.durationWeeks} error={errors?.durationWeeks} defaultValue={values.durationWeeks} required={false} inputMode="numeric" maxLength={3} />
        <TextField name="places" label={labels.places} error={errors?.places} defaultValue={values.places ?? "1"} inputMode="numeric" maxLength={3} />
      </div>
      <SelectField name="readiness" label={labels.readiness} error={errors?.readiness} defaultValue={values.readiness} placeholder={t("fields.choose")} options={options(placementReadiness, "vocab.readiness")} />
      <SelectField name="physicalDemands" label={labels.physicalDemands} error={errors?.physicalDemands} defaultValue={values.physicalDemands} placeholder={t("fields.choose")} options={options(physicalDemands, "vocab.physical")} />
      <CheckboxGroup name="support" legend={labels.support} values={supportOptions} checked={values.support ?? []} label={(v) => t(`vocab.support.${v}`)} error={errors?.support} />
      <TextArea name="supportNotes" label={labels.supportNotes} error={errors?.supportNotes} defaultValue={values.supportNotes} required={false} />
      <CheckboxGroup name="languages" legend={labels.languages} values={workLanguages} checked={values.languages ?? []} label={(v) => t(`vocab.workLanguage.${v}`)} error={errors?.languages} />
      <VocabularyField name="skills" label={labels.skills} hint={t("fields.skillsHint")} error={errors?.skills} defaultValue={values.skills} maxLength={900} />
      <div className="actions">
        {mode === "create" ? (
          <>
            <button type="submit" name="intent" value="draft" className="secondary">
              {t("employerPlacements.saveDraft")}
            </button>
            {canPublish ? (
              <button type="submit" name="intent" value="publish">
                {t("employerPlacements.saveAndPublish")}
              </button>
            ) : null}
          </>
        ) : (
          <button type="submit" name="intent" value="save">
            {t("employerPlacements.save")}
          </button>
        )}
      </div>
    </Form>
  );
}
