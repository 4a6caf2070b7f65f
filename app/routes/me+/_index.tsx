import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireUser } from "~/accounts/session.server.ts";

export const handle = { title: "mentee.title" };

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request, "mentee");
  return { firstName: user.name.split(" ")[0] };
}

export default function MenteeHome() {
  const { t } = useTranslation();
  const { firstName } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>{t("mentee.title")}</h1>
      <p className="lead">{t("mentee.welcome", { name: firstName })}</p>
      <p>{t("mentee.offersSoon")}</p>
      <p>
        <Link to="/me/offers" className="button">
          {t("nav.offers")}
        </Link>
      </p>
    </>
  );
}
