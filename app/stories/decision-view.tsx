import { Form } from "@remix-run/react";
import { useTranslation } from "~/i18n/use-translation.tsx";
import { FormAlert, RadioGroup, useMessage } from "~/ui/field.tsx";
import { storyChannels, STORY_CONSENT_YEARS } from "./vocabulary.ts";

export interface DecisionPreview {
  title: string;
  body: string;
  name: string;
  place: string;
  employerName: string;
  quote: string;
  photo?: { file: string; width: number; height: number };
}

/** The story exactly as the public would read it: its words, its photo, the name and the place it gives. */
export function StoryPreview({ view, photoQuery = "", headingLevel = 3 }: { view: DecisionPreview; photoQuery?: string; headingLevel?: 2 | 3 }) {
  const { t } = useTranslation();
  const Heading = headingLevel === 2 ? "h2" : "h3";
  return (
    <section className="story-preview" aria-label={`${t("storyDecision.preview")}: ${view.title}`}>
      <Heading>{view.title}</Heading>
      <p>{view.name ? view.name : t("storyDecision.noName")}</p>
      <p>{t("storyDecision.place", { place: view.place })}</p>
      {view.employerName ? <p>{t("storyDecision.employer", { employer: view.employerName })}</p> : null}
      {view.body.split(/\n{2,}/).map((paragraph, i) => (
        <p key={i}>{paragraph}</p>
      ))}
      {view.quote ? <blockquote>{view.quote}</blockquote> : null}
      {view.photo ? (
        <figure>
          <img src={`/stories/photos/${view.photo.file}${photoQuery}`} width={view.photo.width} height={view.photo.height} alt={view.title} className="story-photo" loading="lazy" />
          <figcaption>{t("storyDecision.consentText.photo")}</figcaption>
        </figure>
      ) : null}
    </section>
  );
}

/** Approve (with channels and duration) or decline: only the portal is ticked, two years chosen. */
export function DecisionForm({ version, errors, storyId }: { version: number; errors?: Record<string, string>; storyId?: string }) {
  const { t } = useTranslation();
  const message = useMessage();
  // Several stories on one page: each form's fields have ids of their own.
  const key = storyId ?? "link";
  return (
    <Form method="post" noValidate>
      <FormAlert error={errors?.form} />
      <input type="hidden" name="version" value={version} />
      {storyId ? <input type="hidden" name="storyId" value={storyId} /> : null}
      <fieldset className={errors?.channels ? "field has-error" : "field"} id={`channels-${key}`} tabIndex={-1} aria-describedby={errors?.channels ? `channels-${key}-error` : undefined}>
        <legend>{t("storyDecision.channelsLegend")}</legend>
        {errors?.channels ? (
          <p className="field-error" id={`channels-${key}-error`}>
            {message(errors.channels)}
          </p>
        ) : null}
        {storyChannels.map((c) => (
          <div className="choice" key={c}>
            <input type="checkbox" id={`channel-${key}-${c}`} name="channels" value={c} defaultChecked={c === "portal"} />
            <label htmlFor={`channel-${key}-${c}`}>{t(`storyDecision.channels.${c}`)}</label>
          </div>
        ))}
      </fieldset>
      <RadioGroup
        name="years"
        id={`years-${key}`}
        label={t("storyDecision.yearsLegend")}
        error={errors?.years}
        options={[1, STORY_CONSENT_YEARS].map((y) => ({ value: String(y), label: t(`storyDecision.years.${y}`) }))}
        defaultValue={String(STORY_CONSENT_YEARS)}
      />
      <p className="actions">
        <button type="submit" name="intent" value="approve">
          {t("storyDecision.approve")}
        </button>{" "}
        <button type="submit" name="intent" value="decline" className="secondary">
          {t("storyDecision.decline")}
        </button>
      </p>
    </Form>
  );
}
