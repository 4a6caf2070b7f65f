import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/use-translation.tsx";
import { getUser } from "~/accounts/session.server.ts";
import { mailboxIsOpenTo, readMailbox } from "~/email/mailbox.server.ts";
import { getEnv } from "~/env.server.ts";
import { notFound } from "~/ui/responses.server.ts";
export { GeneralErrorBoundary as ErrorBoundary } from "~/ui/error-boundary.tsx";

export const handle = { title: "mailbox.title", i18n: ["mailbox"] };

/**
 * The embedded SMTP server's mailbox, in development only and only to a signed-in coordinator:
 * it holds password-reset links and mentees' addresses. Anyone else gets "not found", as in
 * production; an operator reads mail at the machine with `npm run mail`.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const env = getEnv();
  const user = await getUser(request);
  if (!mailboxIsOpenTo(user)) notFound();
  const messages = await readMailbox(env.MAILBOX_DIR!);
  return {
    messages: messages
      .slice(-50)
      .reverse()
      .map((m) => ({ id: m.id, to: m.to.join(", "), subject: m.subject, text: m.text, date: m.date.toISOString() })),
  };
}

export default function Mailbox() {
  const { t } = useTranslation();
  const { messages } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>{t("mailbox.title")}</h1>
      <p>{t("mailbox.intro")}</p>
      {messages.length === 0 ? <p>{t("mailbox.empty")}</p> : null}
      <ul className="mail-list">
        {messages.map((m) => (
          <li key={m.id}>
            <p>
              <strong>{t("mailbox.to")}:</strong> {m.to} · <time dateTime={m.date}>{m.date.slice(0, 16).replace("T", " ")}</time>
            </p>
            <p>
              <strong>{t("mailbox.subject")}:</strong> {m.subject}
            </p>
            <pre>
              {m.text.split(/(https?:\/\/\S+)/g).map((part, i) =>
                i % 2 === 1 ? (
                  <a key={i} href={part}>
                    {part}
                  </a>
                ) : (
                  part
                ),
              )}
            </pre>
          </li>
        ))}
      </ul>
    </>
  );
}
