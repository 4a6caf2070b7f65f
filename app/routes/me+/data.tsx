import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Fragment } from "react";
import { useTranslation } from "~/i18n/use-translation.tsx";
import { requireUser } from "~/accounts/session.server.ts";
import { formatDate, formatDateAndTime } from "~/i18n/dates.ts";
import { useCurrentLanguage } from "~/ui/use-root-data.ts";
import { pageLanguage } from "~/i18n/i18n.server.ts";
import { deskActionText } from "~/mentees/desk-actions.ts";
import { exportMenteeData } from "~/privacy/mentee-data.server.ts";
import { GeneralErrorBoundary } from "~/ui/error-boundary.tsx";
import { milestoneLabel } from "~/checkins/milestone-label.ts";
import { hoursText } from "~/i18n/hours.ts";

export const handle = { title: "privacy.dataTitle", i18n: ["consent", "mentee", "mentees", "privacy", "proposalStatus", "introductionStatus", "roles", "vocab.readiness", "vocab.support", "vocab.workLanguage", "checkins.milestones", "checkins.statuses", "checkins.methods", "checkins.feelings", "checkins.impressions", "checkins.fields", "checkins.outcomes", "checkins.record.menteeSaid", "checkins.record.employerSaid", "checkins.record.recordedTitle", "checkins.record.attendance"], scripts: false };

/** Everything the portal holds about me, readable in my language; the same as a file beside it. Not at the desk. */
export async function loader({ request }: LoaderFunctionArgs) {
  const mentee = await requireUser(request, "mentee");
  const [data, language] = await Promise.all([exportMenteeData(mentee), pageLanguage(request, mentee)]);
  const when = (at: unknown) => {
    if (!at) return "";
    const { date, time } = formatDateAndTime(at as string | Date, language);
    return `${date} ${time}`;
  };
  const history = (entries: { status?: string | null; at?: unknown; by?: string | null; byRole?: string | null }[] | undefined) =>
    (entries ?? []).map((h) => ({ status: h.status ?? "", at: when(h.at), by: h.by ?? h.byRole ?? "" }));
  return {
    account: data.account,
    plan: data.plan ? { ...data.plan, supportNeeded: data.plan.supportNeeded ?? [], readinessChangedAt: when(data.plan.readinessChangedAt) } : null,
    planHistory: (data.planHistory ?? []).map((h) => ({ at: when(h.at), who: h.changedByName, fields: h.fields ?? [] })),
    offers: (data.offers ?? []).map((o) => ({ placement: o.placement ?? "", status: o.status, reason: o.reason ?? "", history: history(o.history) })),
    introductions: (data.introductions ?? []).map((i) => ({ placement: i.placement ?? "", status: i.status, history: history(i.history) })),
    consents: (data.consents ?? []).map((c) => ({
      fields: c.fields as string[],
      text: c.text,
      textVersion: c.textVersion,
      givenAt: when(c.givenAt),
      method: c.method,
      note: c.note,
      withdrawnAt: when(c.withdrawnAt),
    })),
    deskSessions: (data.deskSessions ?? []).map((s) => ({ ...s, openedAt: when(s.openedAt), endsAt: when(s.endsAt) })),
    checkins: data.checkins ?? [],
    outcomes: data.outcomes ?? [],
    accessLog: (data.accessLog ?? []).map((a) => ({ at: when(a.at), role: a.actorRole, part: a.part })),
  };
}

/** A code from the portal's vocabulary in words, or as it is when the words are missing. */
function useWords() {
  const { t, i18n } = useTranslation();
  return (prefix: string, code: string | null | undefined) => (code && i18n.exists(`${prefix}.${code}`) ? t(`${prefix}.${code}`) : (code ?? ""));
}

const planRows = ["firstName", "fullName", "email", "language", "readiness", "goals", "strengths", "interests", "skills", "languages", "town", "travelKm", "hours", "supportNeeded", "barriers", "notes"] as const;

export default function MyData() {
  const { t, i18n } = useTranslation();
  const words = useWords();
  const data = useLoaderData<typeof loader>();
  const language = useCurrentLanguage();
  const plan = data.plan;
  const planValue = (row: (typeof planRows)[number]): string => {
    if (!plan) return "";
    switch (row) {
      case "language":
        return words("language", plan.language);
      case "readiness":
        return t("mentees.readinessSince", { readiness: words("vocab.readiness", plan.readiness), date: plan.readinessChangedAt });
      case "languages":
        return (plan.languages ?? []).map((l) => words("vocab.workLanguage", l)).join(", ");
      case "supportNeeded":
        return plan.supportNeeded.map((s) => words("vocab.support", s)).join(", ");
      case "strengths":
      case "interests":
      case "skills":
        return (plan[row] ?? []).join(", ");
      case "travelKm":
        return t("mentees.travelKm", { km: plan.travelKm });
      case "hours":
        return hoursText(i18n, "mentees.hours", plan.hoursMin, plan.hoursMax);
      default:
        return String(plan[row] ?? "");
    }
  };
  return (
    <div className="my-data">
      <h1>{t("privacy.dataTitle")}</h1>
      <p>{t("privacy.dataIntro")}</p>
      <p>
        <a href="/me/data.json" download>
          {t("privacy.downloadJson")}
        </a>
      </p>

      <section aria-labelledby="data-account">
        <h2 id="data-account">{t("privacy.sections.account")}</h2>
        <dl className="plan">
          <dt>{t("privacy.name")}</dt>
          <dd>{data.account?.name}</dd>
          <dt>{t("privacy.planLabels.email")}</dt>
          <dd>{data.account?.email}</dd>
          <dt>{t("privacy.planLabels.language")}</dt>
          <dd>{words("language", data.account?.language)}</dd>
        </dl>
      </section>

      {plan ? (
        <section aria-labelledby="data-plan">
          <h2 id="data-plan">{t("privacy.sections.plan")}</h2>
          <dl className="plan">
            {planRows.map((row) => {
              const value = planValue(row);
              return value ? (
                <Fragment key={row}>
                  <dt>{t(`privacy.planLabels.${row}`)}</dt>
                  <dd>{value}</dd>
                </Fragment>
              ) : null;
            })}
          </dl>
        </section>
      ) : null}

      <section aria-labelledby="data-history">
        <h2 id="data-history">{t("privacy.sections.planHistory")}</h2>
        {data.planHistory.length === 0 ? <p>{t("privacy.nothing")}</p> : null}
        <ul>
          {data.planHistory.map((h, i) => (
            <li key={i}>{t("privacy.planChange", { date: h.at, who: h.who, fields: h.fields.map((f) => words("privacy.planLabels", f)).join(", ") })}</li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="data-offers">
        <h2 id="data-offers">{t("privacy.sections.offers")}</h2>
        {data.offers.length === 0 ? <p>{t("privacy.nothing")}</p> : null}
        <ul>
          {data.offers.map((o, i) => (
            <li key={i}>
              <strong>{o.placement}</strong> — {words("proposalStatus", o.status)}
              {o.reason ? <> — <q>{o.reason}</q></> : null}
              <History entries={o.history} statusWords="proposalStatus" />
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="data-introductions">
        <h2 id="data-introductions">{t("privacy.sections.introductions")}</h2>
        {data.introductions.length === 0 ? <p>{t("privacy.nothing")}</p> : null}
        <ul>
          {data.introductions.map((intro, i) => (
            <li key={i}>
              <strong>{intro.placement}</strong> — {words("introductionStatus", intro.status)}
              <History entries={intro.history} statusWords="introductionStatus" />
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="data-consents">
        <h2 id="data-consents">{t("privacy.sections.consents")}</h2>
        {data.consents.length === 0 ? <p>{t("privacy.nothing")}</p> : null}
        {data.consents.map((c, i) => (
          <article key={i} className="panel">
            <p>{t("privacy.consentGiven", { date: c.givenAt, how: words("privacy.methods", c.method) })}</p>
            <p>{c.withdrawnAt ? t("privacy.consentWithdrawn", { date: c.withdrawnAt }) : t("privacy.consentInForce")}</p>
            <ul>
              {c.fields.map((f) => (
                <li key={f}>{words("consent.fields", f)}</li>
              ))}
            </ul>
            {c.note ? (
              <p>
                {t("consent.labels.note")}: <q>{c.note}</q>
              </p>
            ) : null}
            <p>{t("privacy.consentText", { version: c.textVersion })}</p>
            <blockquote className="prewrap">{c.text}</blockquote>
          </article>
        ))}
      </section>

      <section aria-labelledby="data-checkins">
        <h2 id="data-checkins">{t("privacy.sections.checkins")}</h2>
        {data.checkins.length === 0 ? <p>{t("privacy.nothing")}</p> : null}
        {data.checkins.map((c, i) => (
          <article key={i} className="panel">
            <p>
              <strong>{milestoneLabel(t, c.milestone)}</strong>, {formatDate(c.dueDay, language)} — {words("checkins.statuses", c.status)}
            </p>
            {c.mentee ? (
              <p>
                {t("checkins.record.menteeSaid")}: {c.mentee.feeling ? words("checkins.feelings", String(c.mentee.feeling)) : ""}
                {c.mentee.goesWell ? ` · ${t("checkins.fields.goesWell")}: ${c.mentee.goesWell}` : ""}
                {c.mentee.needsSupport ? ` · ${t("checkins.fields.needsSupport")}: ${c.mentee.needsSupport}` : ""}
              </p>
            ) : null}
            {c.employer ? (
              <p>
                {t("checkins.record.employerSaid")}: {t("checkins.record.attendance", { attended: c.employer.attended ?? 0, expected: c.employer.expected ?? 0 })}
                {c.employer.impression ? ` · ${words("checkins.impressions", c.employer.impression)}` : ""}
                {c.employer.concern ? ` · ${c.employer.concern}` : ""}
              </p>
            ) : null}
            {c.mentor ? (
              <dl>
                <dt>{t("checkins.record.recordedTitle")}</dt>
                <dd>
                  {words("checkins.methods", c.mentor.method)}, {formatDate(c.mentor.contactDay, language)}
                </dd>
                {[
                  [t("checkins.fields.goesWell"), c.mentor.goesWell],
                  [t("checkins.fields.needsSupport"), c.mentor.needsSupport],
                  [t("checkins.fields.supportAgreed"), c.mentor.supportAgreed.map((v) => words("vocab.support", v)).join(", ")],
                  [t("checkins.fields.nextStep"), c.mentor.nextStep],
                  [t("checkins.fields.privateNote"), c.mentor.privateNote],
                ]
                  .filter(([, value]) => value)
                  .map(([label, value]) => (
                    <Fragment key={label}>
                      <dt>{label}</dt>
                      <dd className="prewrap">{value}</dd>
                    </Fragment>
                  ))}
              </dl>
            ) : null}
          </article>
        ))}
        {data.outcomes.length ? (
          <ul>
            {data.outcomes.map((o, i) => (
              <li key={i}>
                {formatDate(o.day, language)}: {words("checkins.outcomes", o.kind)}
              </li>
            ))}
          </ul>
        ) : null}
      </section>

      <section aria-labelledby="data-desk">
        <h2 id="data-desk">{t("privacy.sections.deskSessions")}</h2>
        {data.deskSessions.length === 0 ? <p>{t("privacy.nothing")}</p> : null}
        <ul>
          {data.deskSessions.map((s, i) => (
            <li key={i}>
              {t("privacy.deskSession", { mentor: s.mentor, from: s.openedAt, to: s.endsAt })}
              {s.actions.length ? (
                <ul>
                  {s.actions.map((action, n) => (
                    <li key={n}>{deskActionText(t, action)}</li>
                  ))}
                </ul>
              ) : (
                <p>{t("mentee.deskNothingDone")}</p>
              )}
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="data-access">
        <h2 id="data-access">{t("privacy.sections.accessLog")}</h2>
        <p>{t("privacy.accessLogIntro")}</p>
        {data.accessLog.length === 0 ? (
          <p>{t("privacy.nothing")}</p>
        ) : (
          <div className="table-scroll">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t("privacy.accessWhen")}</th>
                  <th scope="col">{t("privacy.accessWho")}</th>
                  <th scope="col">{t("privacy.accessWhat")}</th>
                </tr>
              </thead>
              <tbody>
                {data.accessLog.map((a, i) => (
                  <tr key={i}>
                    <td>{a.at}</td>
                    <td>{words("roles", a.role)}</td>
                    <td>{words("privacy.parts", a.part)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </div>
  );
}

function History({ entries, statusWords }: { entries: { status: string; at: string; by: string }[]; statusWords: string }) {
  const { t } = useTranslation();
  const words = useWords();
  if (entries.length === 0) return null;
  return (
    <ol className="history">
      {entries.map((h, i) => (
        <li key={i}>{t("privacy.historyEntry", { date: h.at, status: words(statusWords, h.status), who: words("privacy.who", h.by) })}</li>
      ))}
    </ol>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
