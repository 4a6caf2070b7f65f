import { Form } from "@remix-run/react";
import { useTranslation } from "~/i18n/use-translation.tsx";
import { formatDate } from "~/i18n/dates.ts";
import { FormAlert } from "~/ui/field.tsx";
import { useCurrentLanguage } from "~/ui/use-root-data.ts";

export interface CalendarStatus {
  on: boolean;
  createdDay: string | null;
  readDay: string | null;
}

/**
 * The mentor's calendar feed on her check-ins page: create, renew or turn off its secret address.
 * A new address is shown once, right after it was made (only its hash is kept).
 */
export function CalendarSection({ status, newUrl, turnedOff, error }: { status: CalendarStatus; newUrl?: string; turnedOff?: boolean; error?: string }) {
  const { t } = useTranslation();
  const language = useCurrentLanguage();
  return (
    <section aria-labelledby="calendar">
      <h2 id="calendar">{t("checkins.calendar.title")}</h2>
      <p>{t("checkins.calendar.intro")}</p>
      <FormAlert error={error} />
      {newUrl ? (
        <div className="notice">
          <p role="status">{t("checkins.calendar.created")}</p>
          <div className="field">
            <label htmlFor="calendar-url">{t("checkins.calendar.urlLabel")}</label>
            <p className="hint" id="calendar-url-hint">
              {t("checkins.calendar.urlHint")}
            </p>
            <input id="calendar-url" type="text" readOnly value={newUrl} aria-describedby="calendar-url-hint" spellCheck={false} autoComplete="off" />
          </div>
          <p>
            <a href={newUrl.replace(/^https?:/, "webcal:")}>{t("checkins.calendar.subscribe")}</a>
          </p>
        </div>
      ) : null}
      {turnedOff ? (
        <p className="notice" role="status">
          {t("checkins.calendar.turnedOff")}
        </p>
      ) : null}
      {status.on && status.createdDay ? (
        <p>
          {t("checkins.calendar.onSince", { date: formatDate(status.createdDay, language) })}{" "}
          {status.readDay ? t("checkins.calendar.lastRead", { date: formatDate(status.readDay, language) }) : t("checkins.calendar.notReadYet")}
        </p>
      ) : (
        <p>{t("checkins.calendar.off")}</p>
      )}
      <div className="actions">
        <Form method="post" noValidate>
          <button type="submit" name="intent" value="renewCalendar">
            {status.on ? t("checkins.calendar.renew") : t("checkins.calendar.create")}
          </button>
        </Form>
        {status.on ? (
          <Form method="post" noValidate>
            <button type="submit" name="intent" value="turnOffCalendar" className="secondary">
              {t("checkins.calendar.turnOff")}
            </button>
          </Form>
        ) : null}
      </div>
      {status.on ? <p className="hint">{t("checkins.calendar.renewHint")}</p> : null}
    </section>
  );
}
