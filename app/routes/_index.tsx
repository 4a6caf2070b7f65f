import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link } from "@remix-run/react";
import { redirect } from "~/ui/redirect.server.ts";
import { useTranslation } from "react-i18next";
import { getUser, homeOf } from "~/accounts/session.server.ts";

export const handle = { i18n: ["home", "placements"] };

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getUser(request);
  if (user) throw redirect(homeOf[user.role]);
  return null;
}

export default function Index() {
  const { t } = useTranslation();
  return (
    <>
      <h1>{t("home.title")}</h1>
      <p className="lead">{t("home.intro")}</p>
      <section className="panel home-search" aria-labelledby="search-title">
        <h2 id="search-title">{t("home.searchTitle")}</h2>
        <p>{t("home.searchText")}</p>
        <Form method="get" action="/placements" role="search" className="search-bar">
          <div className="field">
            <label htmlFor="q">{t("placements.query")}</label>
            <p className="hint" id="q-hint">
              {t("placements.queryHint")}
            </p>
            <input type="search" id="q" name="q" aria-describedby="q-hint" maxLength={120} />
          </div>
          <button type="submit">{t("placements.search")}</button>
        </Form>
        <p>
          <Link to="/placements">{t("home.searchAll")}</Link>
        </p>
      </section>
      <div className="intro-grid">
        <section className="panel" aria-labelledby="employers">
          <h2 id="employers">{t("home.forEmployersTitle")}</h2>
          <p>{t("home.forEmployersText")}</p>
          <p>
            <Link to="/register">{t("nav.register")}</Link>
          </p>
        </section>
        <section className="panel" aria-labelledby="mentors">
          <h2 id="mentors">{t("home.forMentorsTitle")}</h2>
          <p>{t("home.forMentorsText")}</p>
          <p>
            <Link to="/register/mentor">{t("nav.registerMentor")}</Link>
          </p>
        </section>
        <section className="panel" aria-labelledby="privacy">
          <h2 id="privacy">{t("home.privacyTitle")}</h2>
          <p>{t("home.privacyText")}</p>
        </section>
      </div>
    </>
  );
}
