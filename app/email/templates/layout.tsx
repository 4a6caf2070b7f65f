import { renderToStaticMarkup } from "react-dom/server";
import type { TFunction } from "i18next";

export interface EmailContent {
  subject: string;
  greetingName: string;
  paragraphs: string[];
  /** A link the person is asked to open, shown as a button and as plain text. */
  link?: string;
  /** Text quoted from another person, such as a coordinator's reason. */
  quote?: string;
  after?: string[];
}

function EmailLayout({ content, t, language }: { content: EmailContent; t: TFunction; language: string }) {
  return (
    <html lang={language}>
      <head>
        <meta charSet="utf-8" />
        <title>{content.subject}</title>
      </head>
      <body style={{ fontFamily: "Arial, sans-serif", fontSize: "16px", lineHeight: 1.5, color: "#1a1a1a" }}>
        <p>{t("email.greeting", { name: content.greetingName })}</p>
        {content.paragraphs.map((p) => (
          <p key={p}>{p}</p>
        ))}
        {content.quote ? (
          <blockquote style={{ borderLeft: "4px solid #0b5394", margin: 0, paddingLeft: "12px" }}>{content.quote}</blockquote>
        ) : null}
        {content.link ? (
          <p>
            <a href={content.link} style={{ color: "#0b5394", fontWeight: "bold" }}>
              {content.link}
            </a>
          </p>
        ) : null}
        {(content.after ?? []).map((p) => (
          <p key={p}>{p}</p>
        ))}
        <p>— {t("email.signature")}</p>
      </body>
    </html>
  );
}

export function renderEmail(content: EmailContent, t: TFunction, language: string) {
  const html = "<!DOCTYPE html>" + renderToStaticMarkup(<EmailLayout content={content} t={t} language={language} />);
  const text = [
    t("email.greeting", { name: content.greetingName }),
    ...content.paragraphs,
    ...(content.quote ? [`> ${content.quote}`] : []),
    ...(content.link ? [content.link] : []),
    ...(content.after ?? []),
    `— ${t("email.signature")}`,
  ].join("\n\n");
  return { subject: content.subject, html, text };
}
