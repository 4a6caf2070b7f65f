import { useTranslation } from "~/i18n/use-translation.tsx";
import { RadioGroup } from "~/ui/field.tsx";
import { feelingScale } from "./vocabulary.ts";

/** Faces for the five steps: a face and a word, never a number alone. */
export const feelingFaces: Record<number, string> = { 1: "😞", 2: "🙁", 3: "😐", 4: "🙂", 5: "😄" };

/** How the mentee feels, as a face and words. */
export function FeelingWords({ feeling }: { feeling: number }) {
  const { t } = useTranslation();
  return (
    <span>
      <span aria-hidden="true">{feelingFaces[feeling]} </span>
      {t(`checkins.feelings.${feeling}`)}
    </span>
  );
}

/** The five-step question, big enough to tap on a phone. */
export function FeelingQuestion({ id, label, formName, error, defaultValue }: { id: string; label: string; formName?: string; error?: string; defaultValue?: string }) {
  const { t } = useTranslation();
  return (
    <RadioGroup
      name="feeling"
      id={id}
      className="big feelings"
      label={label}
      formName={formName}
      error={error}
      defaultValue={defaultValue}
      options={[...feelingScale].reverse().map((f) => ({ value: String(f), label: `${feelingFaces[f]} ${t(`checkins.feelings.${f}`)}` }))}
    />
  );
}
