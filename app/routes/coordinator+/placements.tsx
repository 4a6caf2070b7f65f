import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "~/ui/redirect.server.ts";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireUser } from "~/accounts/session.server.ts";
import { listAllPlacements, unpublishPlacement } from "~/placements/placements.server.ts";
import { unpublishSchema } from "~/placements/schema.server.ts";
import { placementStatuses, type PlacementStatus } from "~/placements/vocabulary.ts";
import { FormAlert, TextArea } from "~/ui/field.tsx";
import { parseForm } from "~/ui/form-data.ts";
import { StatusBadge } from "~/ui/placement-bits.tsx";
import { readFormData } from "~/ui/request.server.ts";
import { formFailure } from "~/ui/responses.server.ts";

export const handle = {
  title: "coordinatorPlacements.title",
  i18n: ["coordinatorPlacements", "fields", "placements", "vocab.status", "vocab.support", "vocab.supportPlain"],
};

export async function loader({ request }: LoaderFunctionArgs) {
  const coordinator = await requireUser(request, "coordinator");
  const url = new URL(request.url);
  const statusParam = url.searchParams.get("status") ?? "";
  const status = (placementStatuses as readonly string[]).includes(statusParam) ? (statusParam as PlacementStatus) : undefined;
  const pageParam = Number(url.searchParams.get("page") ?? "1");
  const page = Number.isInteger(pageParam) && pageParam >= 1 && pageParam <= 10_000 ? pageParam : 1;
  const result = await listAllPlacements(coordinator, { status, page });
  return {
    status: status ?? "",
    page,
    pages: result.pages,
    total: result.total,
    placements: result.placements.map((p) => ({ id: String(p._id), title: p.title, town: p.town, status: p.status, organisationName: p.organisationName, moderationReason: p.moderationReason ?? null })),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const coordinator = await requireUser(request, "coordinator");
  const form = parseForm(await readFormData(request), unpublishSchema);
  if (!form.ok) {
    const fieldErrors: Record<string, string> = { form: form.fieldErrors.reason ? "errors.formHasErrors" : "errors.invalid" };
    if (form.fieldErrors.reason) fieldErrors[`reason-${form.values.id ?? ""}`] = form.fieldErrors.reason;
    return formFailure({ fieldErrors, values: form.values });
  }
  if (!(await unpublishPlacement(coordinator, form.data.id, form.data.reason))) return formFailure({ fieldErrors: { form: "errors.transitionNotAllowed" } });
  return redirect("/coordinator/placements?notice=placementUnpublished");
}

export default function CoordinatorPlacements() {
  const { t } = useTranslation();
  const { placements, status, page, pages, total } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <>
      <h1>{t("coordinatorPlacements.title")}</h1>
      <p>{t("coordinatorPlacements.intro")}</p>
      <Form method="get" className="inline-form">
        <label htmlFor="status">{t("coordinatorPlacements.filterStatus")}</label>
        <select id="status" name="status" defaultValue={status}>
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
      <FormAlert error={result?.fieldErrors?.form} />
      <p>{total === 1 ? t("placements.resultsOne") : t("placements.results", { count: total })}</p>
      {placements.length === 0 ? <p>{t("coordinatorPlacements.none")}</p> : null}
      <ul className="cards">
        {placements.map((p) => (
          <li key={p.id}>
            <h2 className="card-title">{p.status === "published" ? <Link to={`/placements/${p.id}`}>{p.title}</Link> : p.title}</h2>
            <p>
              {p.organisationName} · {p.town} · <StatusBadge status={p.status} />
            </p>
            {p.status === "published" ? (
              <Form method="post" action="/coordinator/placements" className="reject-form" noValidate>
                <input type="hidden" name="id" value={p.id} />
                <TextArea name="reason" id={`reason-${p.id}`} label={t("fields.moderationReason")} error={result?.fieldErrors?.[`reason-${p.id}`]} />
                <button type="submit" className="danger">
                  {t("coordinatorPlacements.unpublish")}
                </button>
              </Form>
            ) : null}
          </li>
        ))}
      </ul>
      {pages > 1 ? (
        <nav aria-label={t("placements.pagination")} className="pagination">
          {page > 1 ? <Link to={`?status=${status}&page=${page - 1}`}>{t("placements.previous")}</Link> : null}
          <span>{t("placements.page", { page, pages })}</span>
          {page < pages ? <Link to={`?status=${status}&page=${page + 1}`}>{t("placements.next")}</Link> : null}
        </nav>
      ) : null}
    </>
  );
}
