import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import en from "~/locales/en.json";
import hr from "~/locales/hr.json";
import sl from "~/locales/sl.json";
import da from "~/locales/da.json";
import { definitions } from "~/outcomes/definitions.ts";

// The portal never knows a person's gender: nothing it says about a mentee (or names a mentor or
// coordinator with) may assume one. An employer must not learn it from an e-mail, and a man must not
// read "she" on his own plan. Croatian and Slovenian say it through the noun "osoba"/"oseba" or
// without a gendered past participle; the interface's role nouns (korisnik, mentor) stay as the
// glossary gives them, but never beside a person's name.

type Language = "en" | "hr" | "sl" | "da";

function flatten(value: unknown, prefix = ""): Record<string, string> {
  if (typeof value === "string") return { [prefix]: value };
  return Object.entries(value as Record<string, unknown>).reduce(
    (all, [key, child]) => ({ ...all, ...flatten(child, prefix ? `${prefix}.${key}` : key) }),
    {} as Record<string, string>,
  );
}

const personPlaceholder = String.raw`\{\{(?:mentee|mentor|name|previous|person|who)\}\}`;

const gendered: Record<Language, RegExp[]> = {
  en: [/\b(?:she|her|hers|herself|he|him|his|himself)\b/i],
  hr: [
    /(?<!\p{L})(?:njezin\p{L}*|njen\p{L}*|njegov\p{L}*|korisnica|korisnice|korisnicu|korisnicom|korisnicama|kandidatkinj\p{L}*|mentoric\p{L}*|povukla)(?!\p{L})/iu,
    new RegExp(String.raw`(?<!\p{L})korisni\p{L}* ${personPlaceholder}`, "iu"),
  ],
  sl: [
    /(?<!\p{L})(?:njen\p{L}*|njegov\p{L}*|uporabnic\p{L}*|kandidatk\p{L}*|mentoric\p{L}*|umaknila|preklicala)(?!\p{L})/iu,
    new RegExp(String.raw`(?<!\p{L})(?:uporabni|mentoriran)\p{L}* ${personPlaceholder}`, "iu"),
  ],
  da: [/(?<!\p{L})(?:hun|hende|hendes|han|ham|hans)(?!\p{L})/iu],
};

// "Zaposlen/a", "provjerio/la", "preklical(a)": a form for each gender still tells the reader the
// portal thinks in two; and a past participle beside a person's name ("{{mentor}} otvorio je")
// gives that person a gender.
const eitherForm = [/\p{L}\/(?!(?:ili|ali)(?!\p{L}))-?\p{L}/u, /\p{L}\((?:a|la|ka)\)/u];
const participleWithName = [
  new RegExp(String.raw`${personPlaceholder}\s+(?:je\s+)?(?!dela(?!\p{L}))\p{L}+(?:io|ao|eo|la|il|al|el|rl)(?!\p{L})`, "u"),
  new RegExp(String.raw`(?<!\p{L})(?!kao(?!\p{L}))\p{L}+(?:io|ao|eo|la|il|al|el|rl)\s+(?:je\s+)?${personPlaceholder}`, "u"),
];

// A text that may keep a word above, with why. (None today: keep it short and give the reason.)
const allowed: Record<Language, Record<string, string>> = { en: {}, hr: {}, sl: {}, da: {} };

const locales: Record<Language, Record<string, string>> = { en: flatten(en), hr: flatten(hr), sl: flatten(sl), da: flatten(da) };

function textsOf(language: Language): [string, string][] {
  return [...Object.entries(locales[language]), ...definitions.map((d): [string, string] => [`definition ${d.id}`, d.text[language]])];
}

function offending(language: Language): string[] {
  const patterns = [...gendered[language], ...(language === "hr" || language === "sl" ? [...eitherForm, ...participleWithName] : [])];
  return textsOf(language)
    .filter(([key, text]) => !(key in allowed[language]) && patterns.some((pattern) => pattern.test(text)))
    .map(([key, text]) => `${key}: ${text}`);
}

const templatesDir = fileURLToPath(new URL("../../app/email/templates/", import.meta.url));

/** The string literals of an e-mail template, without its comments (which may say "she"). */
function templateStrings(file: string): string[] {
  const source = readFileSync(templatesDir + file, "utf8")
    .replace(/\/\*[\s\S]*?\*\//g, "")
    .replace(/(^|[^:])\/\/.*$/gm, "$1");
  return [...source.matchAll(/(["'`])((?:\\.|(?!\1)[^\\])*)\1/g)].map((m) => m[2]);
}

describe("words about a person", () => {
  it.each(["en", "hr", "sl", "da"] as const)("the %s texts give nobody a gender", (language) => {
    expect(offending(language)).toEqual([]);
  });

  it("the e-mail templates write no words of their own that give a gender", () => {
    const files = readdirSync(templatesDir).filter((f) => /\.tsx?$/.test(f));
    expect(files.length).toBeGreaterThan(5);
    const found = files.flatMap((file) => templateStrings(file).filter((s) => gendered.en.some((p) => p.test(s))).map((s) => `${file}: ${s}`));
    expect(found).toEqual([]);
  });

  it("catches the wordings it is for", () => {
    const caught = (language: Language, text: string) => [...gendered[language], ...eitherForm, ...participleWithName].some((p) => p.test(text));
    expect(caught("en", "Languages she speaks")).toBe(true);
    expect(caught("da", "Sprog, hun taler")).toBe(true);
    expect(caught("hr", "Osoba koju smo Vam predstavili povukla je privolu. Nemate pristup njezinim podacima.")).toBe(true);
    expect(caught("hr", "Vaš mentor {{mentor}} otvorio je s Vama sesiju za stolom")).toBe(true);
    expect(caught("hr", "{{mentee}} je povukao/la privolu")).toBe(true);
    expect(caught("hr", "O korisniku {{name}}")).toBe(true);
    expect(caught("sl", "berete vi, koordinatorji in uporabnica sama")).toBe(true);
    expect(caught("sl", "Nastavil(a) {{name}}")).toBe(true);
    expect(caught("hr", "Dana {{date}} otvorena je sesija za stolom s Vašim mentorom {{mentor}}.")).toBe(false);
    expect(caught("hr", "Moji korisnici")).toBe(false);
    expect(caught("hr", "organisations, mentors, placements i/ili mentees")).toBe(false);
  });
});

// One style of quotation marks per language: Croatian and Slovenian „…“, Danish »…«.
const quoteStyle: Record<"hr" | "sl" | "da", { open: string; close: string; foreign: RegExp }> = {
  hr: { open: "„", close: "“", foreign: /["”»«‘’‚]/ },
  sl: { open: "„", close: "“", foreign: /["”»«‘’‚]/ },
  da: { open: "»", close: "«", foreign: /["„“”‘’‚]/ },
};

describe("quotation marks", () => {
  it.each(["hr", "sl", "da"] as const)("the %s texts use one style, opened and closed in pairs", (language) => {
    const { open, close, foreign } = quoteStyle[language];
    const wrong = textsOf(language)
      .filter(([, text]) => foreign.test(text) || text.split(open).length !== text.split(close).length)
      .map(([key, text]) => `${key}: ${text}`);
    expect(wrong).toEqual([]);
  });
});

// Croatian "Vi": the pages and e-mails of one person (a mentee, an employer, every e-mail) say it
// with a capital, as a letter does; the public pages speak to any reader, with a small "vi".
const croatian = locales.hr;
const personalSections = ["mentee.", "offers.", "consent.", "storyDecision.", "checkins.mentee.", "checkins.employer.", "employer.", "employerPlacements.", "introductions.", "email.", "import.closed."];
const publicSections = ["home.", "campaign.", "publicStories."];
const youWord = String.raw`(?:vi|vas|vam|vama|vaš|vaša|vaše|vašeg|vašega|vašem|vašim|vaših|vašu|vašoj|vašom)`;
const smallYou = new RegExp(String.raw`(?<!\p{L})${youWord}(?!\p{L})`, "u");
// Capital in the middle of a sentence (a capital after ". " or at the start is only the sentence's).
const capitalYouMidSentence = new RegExp(String.raw`(?<![.?!:]\s|^)(?<!\p{L})${youWord.replace("(?:vi", "(?:Vi").replace(/\|v/g, "|V")}(?!\p{L})`, "u");

describe("the Croatian Vi", () => {
  it("is a capital on a mentee's or an employer's pages and in every e-mail", () => {
    const small = Object.entries(croatian).filter(([key, text]) => personalSections.some((s) => key.startsWith(s)) && smallYou.test(text));
    expect(small.map(([key, text]) => `${key}: ${text}`)).toEqual([]);
  });

  it("is small on the public pages", () => {
    const capital = Object.entries(croatian).filter(([key, text]) => publicSections.some((s) => key.startsWith(s)) && capitalYouMidSentence.test(text));
    expect(capital.map(([key, text]) => `${key}: ${text}`)).toEqual([]);
  });
});
