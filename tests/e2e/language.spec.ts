import { chooseLanguage, expect, logIn, logOut, test } from "./fixtures.ts";
import da from "../../app/locales/da.json" with { type: "json" };

test("a language chosen while logged in is remembered for the account on another device", async ({ page, browser }) => {
  const email = "employer.da@demo.placements.test";
  await logIn(page, email);
  await chooseLanguage(page, "da");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await logOut(page);

  const otherDevice = await browser.newContext({ baseURL: process.env.E2E_BASE_URL, locale: "en-GB" });
  const other = await otherDevice.newPage();
  await logIn(other, email);
  await expect(other.locator("html")).toHaveAttribute("lang", "da");
  await expect(other.getByText(da.employer.waiting)).toBeVisible();
  await otherDevice.close();
});

test("a visitor's browser language is used until they choose another", async ({ browser }) => {
  const context = await browser.newContext({ baseURL: process.env.E2E_BASE_URL, locale: "sl-SI" });
  const page = await context.newPage();
  await page.goto("/");
  await expect(page.locator("html")).toHaveAttribute("lang", "sl");
  await chooseLanguage(page, "en");
  await page.goto("/login");
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await context.close();
});
