import { Form } from "@remix-run/react";
import { useTranslation } from "~/i18n/use-translation.tsx";
import { languages } from "~/i18n/languages.ts";
import { placementKinds, sectors } from "~/placements/vocabulary.ts";
import { CheckboxField, FormAlert, FormErrorSummary, RadioGroup, SelectField, TextArea, TextField } from "~/ui/field.tsx";
import type { PublicStoryView } from "./public-story.ts";
import { storyLimits, storyNameChoices, storyPlaceChoices } from "./vocabulary.ts";

export type StoryFormValues = Record<string, string | undefined>;

/** The editor's form: the story in her words, then what the story reveals, each choice anonymous by default. */
export function StoryForm({
  values,
  errors,
  towns,
  employers,
  submitLabel,
  firstName,
  hasPhoto = false,
}: {
  values: StoryFormValues;
  errors?: Record<string, string>;
  towns: string[];
  employers: { id: string; name: string }[];
  submitLabel: string;
  firstName: string;
  hasPhoto?: boolean;
}) {
  const { t } = useTranslation();
  const labels = {
    title: t("stories.fields.title"),
    body: t("stories.fields.body"),
    language: t("stories.fields.language"),
    placementKind: t("stories.fields.placementKind"),
    sector: t("stories.fields.sector"),
    country: t("fields.country"),
    town: t("stories.fields.town"),
    nameChoice: t("stories.fields.nameChoice"),
    changedName: t("stories.fields.changedName"),
    placeChoice: t("stories.fields.placeChoice"),
    quote: t("stories.fields.quote"),
    organisationId: t("stories.fields.employer"),
    showEmployer: t("stories.fields.showEmployer"),
    photo: t("stories.fields.photo"),
  };
  return (
    <Form method="post" encType="multipart/form-data" className="stack wide" noValidate>
      <FormAlert error={errors?.form} />
      <FormErrorSummary fieldErrors={errors} labels={labels} />
      <div className="notice" role="note">
        <p>{t("stories.warnings.title")}</p>
        <ul>
          <li>{t("stories.warnings.noSurname")}</li>
          <li>{t("stories.warnings.noHealth")}</li>
          <li>{t("stories.warnings.noEmployer")}</li>
        </ul>
      </div>
      <TextField name="title" label={labels.title} error={errors?.title} defaultValue={values.title} maxLength={storyLimits.title.max} />
      <TextArea name="body" label={labels.body} hint={t("stories.fields.bodyHint")} error={errors?.body} defaultValue={values.body} />
      <SelectField name="language" label={labels.language} error={errors?.language} defaultValue={values.language} options={languages.map((l) => ({ value: l, label: t(`language.${l}`) }))} />
      <div className="field-row">
        <SelectField name="placementKind" label={labels.placementKind} error={errors?.placementKind} defaultValue={values.placementKind} placeholder={t("fields.choose")} options={placementKinds.map((k) => ({ value: k, label: t(`vocab.kind.${k}`) }))} />
        <SelectField name="sector" label={labels.sector} error={errors?.sector} defaultValue={values.sector} placeholder={t("fields.choose")} options={sectors.map((s) => ({ value: s, label: t(`vocab.sector.${s}`) }))} />
      </div>
      <div className="field-row">
        <TextField name="town" label={labels.town} error={errors?.town} defaultValue={values.town} list="story-towns" maxLength={80} />
        <datalist id="story-towns">
          {towns.map((name) => (
            <option key={name} value={name} />
          ))}
        </datalist>
        <SelectField name="country" label={labels.country} error={errors?.country} defaultValue={values.country} options={["HR", "SI", "DK"].map((c) => ({ value: c, label: t(`countries.${c}`) }))} />
      </div>
      <RadioGroup name="placeChoice" label={labels.placeChoice} error={errors?.placeChoice} defaultValue={values.placeChoice ?? "region"} options={storyPlaceChoices.map((c) => ({ value: c, label: t(`stories.placeChoices.${c}`) }))} />
      <RadioGroup name="nameChoice" label={labels.nameChoice} error={errors?.nameChoice} defaultValue={values.nameChoice ?? "omitted"} options={storyNameChoices.map((c) => ({ value: c, label: t(`stories.nameChoices.${c}`, { firstName }) }))} />
      <TextField name="changedName" label={labels.changedName} hint={t("stories.fields.changedNameHint")} error={errors?.changedName} defaultValue={values.changedName} required={false} maxLength={storyLimits.changedName.max} />
      <TextArea name="quote" label={labels.quote} error={errors?.quote} defaultValue={values.quote} required={false} />
      {employers.length > 0 ? (
        <>
          <SelectField name="organisationId" label={labels.organisationId} error={errors?.organisationId} defaultValue={values.organisationId} placeholder={t("stories.fields.noEmployer")} options={employers.map((e) => ({ value: e.id, label: e.name }))} />
          <CheckboxField name="showEmployer" label={labels.showEmployer} hint={t("stories.fields.showEmployerHint")} error={errors?.showEmployer} defaultChecked={values.showEmployer === "yes"} />
        </>
      ) : null}
      <div className="field">
        <label htmlFor="photo">{labels.photo}</label>
        <p className="hint" id="photo-hint">
          {t("stories.fields.photoHint")}
        </p>
        {errors?.photo ? (
          <p className="field-error" id="photo-error">
            {t(errors.photo)}
          </p>
        ) : null}
        <input type="file" id="photo" name="photo" accept="image/jpeg,image/png,image/webp" aria-describedby={errors?.photo ? "photo-hint photo-error" : "photo-hint"} />
      </div>
      {hasPhoto ? <CheckboxField name="removePhoto" label={t("stories.fields.removePhoto")} defaultChecked={values.removePhoto === "yes"} /> : null}
      <button type="submit" name="intent" value="save">
        {submitLabel}
      </button>
    </Form>
  );
}

/** What the public would see, as the public page would show it (text as text, the photo with its size). */
export function StoryPreview({ view }: { view: PublicStoryView }) {
  const { t } = useTranslation();
  return (
    <article className="card stack" aria-labelledby="story-preview-title">
      <h3 id="story-preview-title">{view.title}</h3>
      {view.photo ? <img src={`/stories/photos/${view.photo.file}`} width={view.photo.width} height={view.photo.height} alt="" /> : null}
      <p>
        {[view.name, view.place, t(`countries.${view.country}`), t(`vocab.kind.${view.placementKind}`), t(`vocab.sector.${view.sector}`)].filter(Boolean).join(" · ")}
      </p>
      {view.body.split("\n\n").map((paragraph, i) => (
        <p key={i} className="prewrap">
          {paragraph}
        </p>
      ))}
      {view.quote ? (
        <blockquote>
          <p>{view.quote}</p>
          {view.employerName ? <footer>{view.employerName}</footer> : null}
        </blockquote>
      ) : view.employerName ? (
        <p>{view.employerName}</p>
      ) : null}
    </article>
  );
}
