import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/use-translation.tsx";
import { requireUser } from "~/accounts/session.server.ts";
import { listCaseload } from "~/mentees/mentees.server.ts";

export const handle = { title: "mentees.allMentees", i18n: ["mentees", "vocab.readiness"] };

export async function loader({ request }: LoaderFunctionArgs) {
  const coordinator = await requireUser(request, "coordinator");
  return { mentees: await listCaseload(coordinator) };
}

export default function ProgrammeMentees() {
  const { t } = useTranslation();
  const { mentees } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>{t("mentees.allMentees")}</h1>
      {mentees.length === 0 ? <p>{t("mentees.none")}</p> : null}
      <ul className="cards">
        {mentees.map((m) => (
          <li key={m.id}>
            <h2 className="card-title">
              <Link to={`/coordinator/mentees/${m.id}`}>{m.name}</Link>
            </h2>
            <p>
              {t(`vocab.readiness.${m.readiness}`)} · {m.town} · {t("mentees.leadMentor", { name: m.mentorName })}
            </p>
          </li>
        ))}
      </ul>
    </>
  );
}
