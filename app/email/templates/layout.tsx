import { renderToStaticMarkup } from "react-dom/server";
import type { TFunction } from "~/i18n/i18n.ts";

export interface EmailContent {
  subject: string;
  greetingName: string;
  paragraphs: string[];
  /** A link the person is asked to open, shown as a button and as plain text. */
  link?: string;
  /** Text quoted from another person, such as a coordinator's reason. */
  quote?: string;
  after?: string[];
  /** Lists under a heading, each item linking somewhere, with one link for the whole list. */
  sections?: { heading: string; items: { text: string; link: string }[]; link: string; linkText: string }[];
  /** A one-click unsubscribe address: sent as List-Unsubscribe (RFC 8058). */
  unsubscribe?: string;
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
        {(content.sections ?? []).map((section) => (
          <section key={section.link}>
            <h2 style={{ fontSize: "18px" }}>{section.heading}</h2>
            <ul>
              {section.items.map((item) => (
                <li key={item.link}>
                  <a href={item.link} style={{ color: "#0b5394" }}>
                    {item.text}
                  </a>
                </li>
              ))}
            </ul>
            <p>
              <a href={section.link} style={{ color: "#0b5394", fontWeight: "bold" }}>
                {section.linkText}
              </a>
            </p>
          </section>
        ))}
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
    ...(content.sections ?? []).map((section) =>
      [section.heading, ...section.items.map((item) => `- ${item.text}\n  ${item.link}`), `${section.linkText}: ${section.link}`].join("\n"),
    ),
    ...(content.after ?? []),
    `— ${t("email.signature")}`,
  ].join("\n\n");
  const headers: Record<string, string> = content.unsubscribe
    ? { "List-Unsubscribe": `<${content.unsubscribe}>`, "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" }
    : {};
  return { subject: content.subject, html, text, headers };
}
