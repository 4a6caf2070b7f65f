import { useTranslation } from "~/i18n/use-translation.tsx";

/** What both registration forms show once they are accepted: look in your e-mail. */
export function RegistrationSent({ email }: { email: string }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="sent-title">
      <h1 id="sent-title">{t("register.sentTitle")}</h1>
      <p role="status">{t("register.sentText", { email })}</p>
    </section>
  );
}
