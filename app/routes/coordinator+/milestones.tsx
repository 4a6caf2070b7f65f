import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "~/ui/redirect.server.ts";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/use-translation.tsx";
import { requireUser } from "~/accounts/session.server.ts";
import { milestoneLabel } from "~/checkins/milestone-label.ts";
import { milestoneLimits, milestoneUnitMax, milestoneUnits, type MilestoneAfter } from "~/checkins/schedule.ts";
import { milestoneSettings, restoreDefaultMilestones, saveProgrammeMilestones } from "~/checkins/programme-milestones.server.ts";
import { milestonesFormSchema } from "~/checkins/schema.server.ts";
import { formatDateAndTime } from "~/i18n/dates.ts";
import { GeneralErrorBoundary } from "~/ui/error-boundary.tsx";
import { FormErrorSummary, SelectField, TextField } from "~/ui/field.tsx";
import { parseForm } from "~/ui/form-data.ts";
import { readFormData } from "~/ui/request.server.ts";
import { formFailure } from "~/ui/responses.server.ts";
import { useCurrentLanguage } from "~/ui/use-root-data.ts";

export const handle = { title: "checkins.programme.title", i18n: ["checkins.programme", "checkins.milestones"] };

/** A milestone as the form writes it: a multiple of 7 days as weeks. */
function asRow(after: MilestoneAfter): { amount: string; unit: string } {
  if ("months" in after) return { amount: String(after.months), unit: "months" };
  return after.days % 7 === 0 ? { amount: String(after.days / 7), unit: "weeks" } : { amount: String(after.days), unit: "days" };
}

export async function loader({ request }: LoaderFunctionArgs) {
  const coordinator = await requireUser(request, "coordinator");
  const settings = await milestoneSettings(coordinator);
  return {
    ...settings,
    milestones: settings.milestones.map((m) => ({ name: m.name, ...asRow(m.after) })),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const coordinator = await requireUser(request, "coordinator");
  const formData = await readFormData(request);
  if (formData.get("intent") === "restore") {
    await restoreDefaultMilestones(coordinator);
    return redirect("/coordinator/milestones?notice=milestonesSaved");
  }
  const form = parseForm(formData, milestonesFormSchema);
  if (!form.ok) return formFailure(form);
  await saveProgrammeMilestones(coordinator, form.data);
  return redirect("/coordinator/milestones?notice=milestonesSaved");
}

const rows = Array.from({ length: milestoneLimits.most }, (_, row) => row);

export default function ProgrammeMilestones() {
  const { t } = useTranslation();
  const language = useCurrentLanguage();
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors = result?.fieldErrors;
  // After a refused form, the rows as they were sent; else the list in force, then empty rows.
  const shown = (row: number) => (result ? { amount: result.values?.[`after-${row}`] ?? "", unit: result.values?.[`unit-${row}`] ?? "days" } : (data.milestones[row] ?? { amount: "", unit: "days" }));
  const labels = Object.fromEntries(
    rows.flatMap((row) => [
      [`after-${row}`, t("checkins.programme.amount", { number: row + 1 })],
      [`unit-${row}`, t("checkins.programme.unit", { number: row + 1 })],
    ]),
  );
  const unitOptions = milestoneUnits.map((u) => ({ value: u, label: t(`checkins.programme.units.${u}`) }));
  return (
    <>
      <p>
        <Link to="/coordinator">{t("checkins.programme.back")}</Link>
      </p>
      <h1>{t("checkins.programme.title")}</h1>
      <p>{t("checkins.programme.intro")}</p>
      <section aria-labelledby="milestones-now" className="panel">
        <h2 id="milestones-now">{t("checkins.programme.current")}</h2>
        <p>{data.milestones.map((m) => milestoneLabel(t, m.name)).join(", ")}</p>
        <p>{data.isDefault ? t("checkins.programme.isDefault") : t("checkins.programme.changedBy", { name: data.changedByName, date: formatDateAndTime(data.changedAt!, language).date })}</p>
        <p>{t("checkins.programme.stillInWork")}</p>
      </section>
      <FormErrorSummary fieldErrors={errors} labels={labels} />
      <Form method="post" noValidate className="stack">
        <p className="hint" id="milestones-hint">
          {t("checkins.programme.rowsHint", { most: milestoneLimits.most, days: milestoneUnitMax.days, weeks: milestoneUnitMax.weeks, months: milestoneUnitMax.months })}
        </p>
        {rows.map((row) => {
          const value = shown(row);
          return (
            <div key={row} className="field-row">
              <TextField name={`after-${row}`} label={labels[`after-${row}`]} inputMode="numeric" required={row === 0} maxLength={4} error={errors?.[`after-${row}`]} defaultValue={value.amount} />
              <SelectField name={`unit-${row}`} label={labels[`unit-${row}`]} options={unitOptions} error={errors?.[`unit-${row}`]} defaultValue={value.unit} />
            </div>
          );
        })}
        <button type="submit" name="intent" value="save">
          {t("checkins.programme.save")}
        </button>
      </Form>
      <Form method="post" noValidate className="stack">
        <p className="hint">{t("checkins.programme.restoreHint")}</p>
        <button type="submit" name="intent" value="restore" className="secondary">
          {t("checkins.programme.restore")}
        </button>
      </Form>
      {data.history.length ? (
        <section aria-labelledby="milestones-history">
          <h2 id="milestones-history">{t("checkins.programme.historyTitle")}</h2>
          <ul>
            {data.history.map((h, i) => (
              <li key={i}>{t("checkins.programme.historyEntry", { date: formatDateAndTime(h.at, language).date, name: h.by, milestones: h.milestones.map((m) => milestoneLabel(t, m)).join(", ") })}</li>
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
