import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "~/ui/redirect.server.ts";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/use-translation.tsx";
import { requireUser } from "~/accounts/session.server.ts";
import { listAllPlacements, placementForModeration, restorePlacement, takeDownPlacement } from "~/placements/placements.server.ts";
import { placementStatuses, takeDownFrom, type PlacementStatus } from "~/placements/vocabulary.ts";
import { FormAlert, FormErrorSummary, TextArea } from "~/ui/field.tsx";
import { parseForm } from "~/ui/form-data.ts";
import { formatDate, StatusBadge } from "~/ui/placement-bits.tsx";
import { useCurrentLanguage } from "~/ui/use-root-data.ts";
import { moderationSchema } from "~/placements/schema.server.ts";
import { readFormData } from "~/ui/request.server.ts";
import { formFailure } from "~/ui/responses.server.ts";
import { Pager } from "~/ui/pager.tsx";
import { pageAsked } from "~/db/paging.ts";
export { GeneralErrorBoundary as ErrorBoundary } from "~/ui/error-boundary.tsx";

export const handle = {
  title: "coordinatorPlacements.title",
  i18n: ["coordinatorPlacements", "fields", "placements", "vocab.status", "vocab.support", "vocab.supportPlain"],
};

export async function loader({ request, context }: LoaderFunctionArgs) {
  const coordinator = await requireUser(request, "coordinator", { context });
  const url = new URL(request.url);
  const statusParam = url.searchParams.get("status") ?? "";
  const status = (placementStatuses as readonly string[]).includes(statusParam) ? (statusParam as PlacementStatus) : undefined;
  const result = await listAllPlacements(coordinator, { status, page: pageAsked(url.searchParams.get("page")) });
  return {
    status: status ?? "",
    page: result.page,
    pages: result.pages,
    total: result.total,
    waitingForReview: result.waitingForReview,
    placements: result.placements.map(placementRow),
  };
}

type ListedPlacement = Awaited<ReturnType<typeof listAllPlacements>>["placements"][number];

function placementRow(p: ListedPlacement) {
  return {
    id: String(p._id),
    title: p.title,
    town: p.town,
    status: p.status as PlacementStatus,
    organisationName: p.organisationName,
    moderationReason: p.moderationReason ?? null,
    takenDownAt: p.takenDownAt?.toISOString() ?? null,
    reviewRequestedAt: p.reviewRequestedAt?.toISOString() ?? null,
    editedAfterTakeDownAt: p.editedAfterTakeDownAt?.toISOString() ?? null,
  };
}


export async function action({ request }: ActionFunctionArgs) {
  const coordinator = await requireUser(request, "coordinator");
  const form = parseForm(await readFormData(request), moderationSchema);
  if (!form.ok) {
    // Every placement on the page has its own reason field: the error names the one that was sent.
    const fieldErrors: Record<string, string> = form.fieldErrors.reason && !form.fieldErrors.id ? { [`reason-${form.values.id}`]: form.fieldErrors.reason } : { form: "errors.invalid" };
    // The page shown again may be another than the one the form was on: the placement comes along.
    const refused = form.fieldErrors.id ? null : await placementForModeration(coordinator, String(form.values.id ?? ""));
    return formFailure({ fieldErrors, values: form.values, subject: refused ? placementRow(refused) : undefined });
  }
  if (form.data.intent === "restore") {
    if (!(await restorePlacement(coordinator, form.data.id))) return formFailure({ fieldErrors: { form: "errors.transitionNotAllowed" } });
    return backToList(request, "placementRestored");
  }
  if (!(await takeDownPlacement(coordinator, form.data.id, form.data.reason))) return formFailure({ fieldErrors: { form: "errors.transitionNotAllowed" } });
  return backToList(request, "placementUnpublished");
}

/** Back to the list as the coordinator had it, its filter and page, with the confirmation. */
function backToList(request: Request, notice: string) {
  const asked = new URL(request.url).searchParams;
  const back = new URLSearchParams();
  const status = asked.get("status") ?? "";
  if ((placementStatuses as readonly string[]).includes(status)) back.set("status", status);
  const page = Number(asked.get("page"));
  if (Number.isInteger(page) && page > 1 && page <= 10_000) back.set("page", String(page));
  back.set("notice", notice);
  return redirect(`/coordinator/placements?${back}`);
}

export default function CoordinatorPlacements() {
  const { t } = useTranslation();
  const language = useCurrentLanguage();
  const { placements: listed, status, page, pages, total, waitingForReview } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const refused = result && "subject" in result ? (result.subject as ReturnType<typeof placementRow> | undefined) : undefined;
  const placements = refused && !listed.some((p) => p.id === refused.id) ? [refused, ...listed] : listed;
  const labels = Object.fromEntries(placements.map((p) => [`reason-${p.id}`, t(p.status === "taken_down" ? "coordinatorPlacements.keepDownReason" : "fields.moderationReason")]));
  // Every placement has its take-down form: a problem is summed up in that form, named by the placement.
  const formName = (p: (typeof placements)[number]) => `${p.title}, ${p.organisationName}`;
  return (
    <>
      <h1>{t("coordinatorPlacements.title")}</h1>
      <p>{t("coordinatorPlacements.intro")}</p>
      <Form method="get" className="inline-form">
        <label htmlFor="status">{t("coordinatorPlacements.filterStatus")}</label>
        <select id="status" name="status" defaultValue={status} key={status}>
          <option value="">{t("coordinatorPlacements.all")}</option>
          {placementStatuses.map((s) => (
            <option key={s} value={s}>
              {t(`vocab.status.${s}`)}
            </option>
          ))}
        </select>
        <button type="submit" className="secondary">
          {t("coordinatorPlacements.show")}
        </button>
      </Form>
      {waitingForReview ? (
        <p className="notice">
          <Link to="?status=taken_down">{t("coordinatorPlacements.waitingForReview", { count: waitingForReview })}</Link>
        </p>
      ) : null}
      <FormAlert error={result?.fieldErrors?.form} />
      <FormErrorSummary fieldErrors={result?.fieldErrors} labels={labels} claimedElsewhere={Object.fromEntries(placements.filter((p) => takeDownFrom.includes(p.status)).map((p) => [`reason-${p.id}`, true]))} />
      <p>{total === 1 ? t("placements.resultsOne") : t("placements.results", { count: total })}</p>
      {placements.length === 0 ? <p>{t("coordinatorPlacements.none")}</p> : null}
      <ul className="cards">
        {placements.map((p) => (
          <li key={p.id}>
            <h2 className="card-title">{p.status === "published" ? <Link to={`/placements/${p.id}`}>{p.title}</Link> : p.title}</h2>
            <p>
              {p.organisationName} · {p.town} · <StatusBadge status={p.status} />
            </p>
            {p.status === "taken_down" ? (
              <div className="panel">
                <p>{t("coordinatorPlacements.takenDownOn", { date: formatDate(p.takenDownAt, language), reason: p.moderationReason ?? "" })}</p>
                <p>
                  {p.reviewRequestedAt ? t("coordinatorPlacements.reviewRequested", { date: formatDate(p.reviewRequestedAt, language) }) : t("coordinatorPlacements.noReviewRequested")}{" "}
                  {p.editedAfterTakeDownAt ? t("coordinatorPlacements.editedSince", { date: formatDate(p.editedAfterTakeDownAt, language) }) : t("coordinatorPlacements.notEditedSince")}
                </p>
                <Form method="post" action={`/coordinator/placements?status=${status}&page=${page}`} noValidate>
                  <input type="hidden" name="id" value={p.id} />
                  <button type="submit" name="intent" value="restore">
                    {t("coordinatorPlacements.restore")}
                  </button>
                </Form>
              </div>
            ) : null}
            {takeDownFrom.includes(p.status) ? (
              <Form method="post" action={`/coordinator/placements?status=${status}&page=${page}`} className="reject-form" noValidate>
                <input type="hidden" name="id" value={p.id} />
                <FormErrorSummary fieldErrors={result?.fieldErrors} labels={{ [`reason-${p.id}`]: labels[`reason-${p.id}`] }} formName={formName(p)} />
                <TextArea
                  name="reason"
                  id={`reason-${p.id}`}
                  label={labels[`reason-${p.id}`]}
                  formName={formName(p)}
                  error={result?.fieldErrors?.[`reason-${p.id}`]}
                  defaultValue={result?.values?.id === p.id ? result.values.reason : undefined}
                  maxLength={1000}
                />
                <button type="submit" name="intent" value="takeDown" className="danger">
                  {t(p.status === "taken_down" ? "coordinatorPlacements.keepDown" : "coordinatorPlacements.unpublish")}
                </button>
              </Form>
            ) : null}
          </li>
        ))}
      </ul>
      <Pager label={t("placements.pagination")} page={page} pages={pages} link={(n) => `?status=${status}&page=${n}`} />
    </>
  );
}
