import { expect, logIn, test } from "./fixtures.ts";
import en from "../../app/locales/en.json" with { type: "json" };
import hr from "../../app/locales/hr.json" with { type: "json" };
import sl from "../../app/locales/sl.json" with { type: "json" };
import da from "../../app/locales/da.json" with { type: "json" };

function flatten(value: unknown): string[] {
  return typeof value === "string" ? [value] : Object.values(value as object).flatMap(flatten);
}

// English sentences that do not occur in the translation: if one shows on a translated page, it was missed.
function englishOnly(translation: object) {
  const translated = new Set(flatten(translation));
  return flatten(en).filter((text) => !translated.has(text) && text.split(" ").length >= 2 && !text.includes("{{"));
}

// Demo accounts whose own language is this one (the account's language wins over the browser's).
const accountIn = { hr: "mentee@demo.placements.test", sl: "mentor.sl@demo.placements.test", da: "social.da@demo.placements.test" };

const extraPagesFor = {
  hr: ["/me/offers", "/me/consents", "/me/data"],
  sl: ["/mentor/mentees", "/mentor/mentees/new", "/mentor/import", "/mentor/introductions", "/mentor/outcomes/people?figure=funnel.caseload"],
  da: ["/employer/placements", "/employer/placements/new", "/employer/import"],
} as Record<string, string[]>;

const pages = ["/", "/placements", "/placements?q=zzzzqqq&kind=nonsense", "/login", "/register", "/register/mentor", "/forgot-password", "/reset-password?token=not-a-valid-token-at-all", "/confirm-email?token=not-a-valid-token-at-all", "/no-such-page"];

for (const [language, translation] of [["hr", hr], ["sl", sl], ["da", da]] as const) {
  test(`no English is left on the ${language} pages`, async ({ browser }) => {
    const context = await browser.newContext({ baseURL: process.env.E2E_BASE_URL, locale: language });
    const page = await context.newPage();
    const forbidden = englishOnly(translation);
    const check = async (where: string) => {
      await expect(page.locator("html")).toHaveAttribute("lang", language);
      const text = await page.locator("body").innerText();
      // Whole words only: Danish "Log ind" is not English "Log in".
      const shown = forbidden.filter((sentence) => new RegExp(`(^|[^\\p{L}])${sentence.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}($|[^\\p{L}])`, "u").test(text));
      expect(shown, where).toEqual([]);
    };
    for (const path of pages) {
      await page.goto(path);
      await check(path);
    }
    await page.goto("/register");
    await page.locator("main form button[type=submit]").click();
    await expect(page.locator(".field-error").first()).toBeVisible();
    await check("/register with errors");

    await logIn(page, accountIn[language]);
    await check(`${accountIn[language]} home`);
    for (const path of extraPagesFor[language]) {
      await page.goto(path);
      await check(path);
    }
    await page.goto("/coordinator");
    await check("403 page");
    await context.close();
  });
}
