import { useTranslation } from "~/i18n/use-translation.tsx";
import { formatDate } from "~/ui/placement-bits.tsx";
import { useCurrentLanguage } from "~/ui/use-root-data.ts";
import type { MenteePlan } from "./mentees.server.ts";
import { hoursText } from "~/i18n/hours.ts";

/** The plan as its lead mentor or a coordinator reads it; the private part says who else sees it, or that it is empty. */
export function PlanView({ plan, viewer }: { plan: MenteePlan; viewer: "mentor" | "coordinator" }) {
  const { t, i18n } = useTranslation();
  const language = useCurrentLanguage();
  const row = (label: string, value: string) =>
    value ? (
      <>
        <dt>{label}</dt>
        <dd>{value}</dd>
      </>
    ) : null;
  return (
    <section aria-labelledby="plan-title" className="panel">
      <h2 id="plan-title">{t("mentees.plan")}</h2>
      <dl className="plan">
        {row(t("fields.readiness"), t("mentees.readinessSince", { readiness: t(`vocab.readiness.${plan.readiness}`), date: formatDate(plan.readinessChangedAt, language) }))}
        {row(t("fields.goals"), plan.goals)}
        {row(t("fields.strengths"), plan.strengths.join(", "))}
        {row(t("fields.interests"), plan.interests.join(", "))}
        {row(t("fields.skills"), plan.skills.join(", "))}
        {row(t("fields.languagesSpoken"), plan.languages.map((l) => t(`vocab.workLanguage.${l}`)).join(", "))}
        {row(t("fields.homeTown"), `${plan.town} · ${t("mentees.travelKm", { km: plan.travelKm })}`)}
        {row(t("fields.hoursPerson"), hoursText(i18n, "mentees.hours", plan.hoursMin, plan.hoursMax))}
      </dl>
      <h3>{t(viewer === "coordinator" ? "mentees.privateSectionCoordinator" : "mentees.privateSection")}</h3>
      {plan.supportNeeded.length || plan.barriers || plan.notes ? (
        <dl className="plan">
          {row(t("fields.supportNeeded"), plan.supportNeeded.map((s) => t(`vocab.support.${s}`)).join(", "))}
          {row(t("fields.barriers"), plan.barriers)}
          {row(t("fields.notes"), plan.notes)}
        </dl>
      ) : (
        <p>{t("mentees.privateEmpty")}</p>
      )}
    </section>
  );
}
