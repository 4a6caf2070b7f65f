import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "~/ui/redirect.server.ts";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/use-translation.tsx";
import { requireUser } from "~/accounts/session.server.ts";
import { changePlacementStatus, getOwnPlacement, requestReview } from "~/placements/placements.server.ts";
import { lifecycle, type PlacementStatus } from "~/placements/vocabulary.ts";
import { statusChangeSchema } from "~/placements/schema.server.ts";
import { FormAlert } from "~/ui/field.tsx";
import { parseForm } from "~/ui/form-data.ts";
import { GeneralErrorBoundary } from "~/ui/error-boundary.tsx";
import { formatDate, StatusBadge, SupportList } from "~/ui/placement-bits.tsx";
import { readFormData } from "~/ui/request.server.ts";
import { formFailure } from "~/ui/responses.server.ts";
import { useCurrentLanguage } from "~/ui/use-root-data.ts";

/** The browser's title names the placement first (loader data; none on the error page). */
const ownTitle = (data: unknown) => (data as { placement?: { title?: string } } | undefined)?.placement?.title;

export const handle = {
  title: "placements.details",
  ownTitle,
  i18n: ["employerPlacements", "placements", "vocab.kind", "vocab.status", "vocab.support", "vocab.supportPlain"],
};

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request, "employer");
  const p = await getOwnPlacement(user, params.id ?? "");
  return {
    placement: {
      id: String(p._id),
      title: p.title,
      description: p.description,
      kind: p.kind,
      town: p.town,
      status: p.status as PlacementStatus,
      hoursMin: p.hoursMin,
      hoursMax: p.hoursMax,
      support: p.support ?? [],
      startDate: p.startDate ? p.startDate.toISOString() : null,
      moderationReason: p.moderationReason ?? null,
      takenDownAt: p.takenDownAt?.toISOString() ?? null,
      reviewRequestedAt: p.reviewRequestedAt?.toISOString() ?? null,
      updatedAt: p.updatedAt.toISOString(),
    },
    next: lifecycle[p.status as PlacementStatus],
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request, "employer");
  await getOwnPlacement(user, params.id ?? "");
  const formData = await readFormData(request);
  if (formData.get("intent") === "requestReview") {
    const asked = await requestReview(user, params.id ?? "");
    if (!asked.ok) return formFailure(asked);
    return redirect(`/employer/placements/${params.id}?notice=reviewRequested`);
  }
  const form = parseForm(formData, statusChangeSchema);
  if (!form.ok) return formFailure({ fieldErrors: { form: "errors.invalid" } });
  const result = await changePlacementStatus(user, params.id ?? "", form.data.to);
  if (!result.ok) return formFailure(result);
  return redirect(`/employer/placements/${params.id}?notice=${form.data.to === "published" ? "placementPublished" : "placementStatusChanged"}`);
}

const actionLabels: Record<PlacementStatus, string> = {
  published: "employerPlacements.publish",
  paused: "employerPlacements.pause",
  filled: "employerPlacements.markFilled",
  closed: "employerPlacements.close",
  draft: "",
  taken_down: "",
};

export default function EmployerPlacement() {
  const { t } = useTranslation();
  const language = useCurrentLanguage();
  const { placement: p, next } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <>
      <p>
        <Link to="/employer/placements">{t("employerPlacements.title")}</Link>
      </p>
      <h1>{p.title}</h1>
      <p>
        {t(`vocab.kind.${p.kind}`)} · {p.town} · {t("employerPlacements.status")}: <StatusBadge status={p.status} /> ·{" "}
        {t("employerPlacements.updated", { date: formatDate(p.updatedAt, language) })}
      </p>
      <FormAlert error={result?.fieldErrors?.form} />
      {p.status === "taken_down" ? (
        <section className="alert" aria-labelledby="taken-down-title">
          <h2 id="taken-down-title">{t("employerPlacements.takenDownTitle")}</h2>
          <p>{t("employerPlacements.takenDown", { date: formatDate(p.takenDownAt, language) })}</p>
          <blockquote>{p.moderationReason}</blockquote>
          <p>{p.reviewRequestedAt ? t("employerPlacements.reviewRequested", { date: formatDate(p.reviewRequestedAt, language) }) : t("employerPlacements.takenDownWhatToDo")}</p>
          {p.reviewRequestedAt ? null : (
            <Form method="post" noValidate>
              <button type="submit" name="intent" value="requestReview">
                {t("employerPlacements.requestReview")}
              </button>
            </Form>
          )}
        </section>
      ) : null}
      <div className="actions">
        {p.status !== "closed" ? (
          <Link to={`/employer/placements/${p.id}/edit`} className="button secondary">
            {t("employerPlacements.edit")}
          </Link>
        ) : null}
        {next.map((to) => (
          <Form method="post" noValidate key={to}>
            <input type="hidden" name="to" value={to} />
            <button type="submit" className={to === "closed" ? "danger" : undefined} aria-describedby={to === "closed" ? "close-warning" : undefined}>
              {to === "published" && p.status !== "draft" ? t("employerPlacements.reopen") : t(actionLabels[to])}
            </button>
          </Form>
        ))}
      </div>
      {next.includes("closed") ? (
        <p className="hint" id="close-warning">
          {t("employerPlacements.closeWarning")}
        </p>
      ) : null}
      {p.status === "published" ? (
        <p>
          <Link to={`/placements/${p.id}`}>{t("employerPlacements.viewPublic")}</Link>
        </p>
      ) : null}
      <section className="panel" aria-labelledby="support-title">
        <h2 id="support-title">{t("placements.supportTitle")}</h2>
        <SupportList support={p.support} />
      </section>
      <p className="prewrap">{p.description}</p>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
