import mongoose from "mongoose";
import en from "../../app/locales/en.json" with { type: "json" };
import hr from "../../app/locales/hr.json" with { type: "json" };
import { demo, expect, expectNoAxeViolations, logIn, test, uniqueEmail } from "./fixtures.ts";

// The calendar section of the mentor's check-ins page: its forms work without JavaScript, and it
// has no axe violations before and after an address is made. Each test has a mentor of its own
// (a copy of the demo mentor reading `language`), so that no other spec sees her address change.

async function insertMentor(language: "hr" | "en"): Promise<string> {
  const connection = await mongoose.createConnection(process.env.E2E_MONGODB_URI!).asPromise();
  try {
    const users = connection.collection("users");
    const { _id, email: _email, ...demoMentor } = (await users.findOne({ email: demo.mentor }))!;
    const email = uniqueEmail(`mentor.${language}`);
    await users.insertOne({ ...demoMentor, email, language, name: `Mentor ${language}`, createdAt: new Date(), updatedAt: new Date() });
    return email;
  } finally {
    await connection.close();
  }
}

for (const [language, texts] of [
  ["hr", hr],
  ["en", en],
] as const) {
  test(`the calendar section has no axe violations, before and after an address is made (${language})`, async ({ page }) => {
    await logIn(page, await insertMentor(language));
    await page.goto("/mentor/checkins");
    await expect(page.locator("#calendar")).toHaveText(texts.checkins.calendar.title);
    await expectNoAxeViolations(page);
    await page.getByRole("button", { name: texts.checkins.calendar.create }).click();
    await expect(page.getByLabel(texts.checkins.calendar.urlLabel)).toHaveValue(/\/calendar\/[A-Za-z0-9_-]{43}\.ics$/);
    await expectNoAxeViolations(page);
  });
}

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("a mentor makes her calendar address, renews it and turns it off", async ({ page }) => {
    const t = hr.checkins.calendar;
    await logIn(page, await insertMentor("hr"));
    await page.goto("/mentor/checkins");
    await expect(page.getByText(t.off)).toBeVisible();

    await page.getByRole("button", { name: t.create }).click();
    const first = await page.getByLabel(t.urlLabel).inputValue();
    const feed = await page.request.get(first);
    expect(feed.status()).toBe(200);
    expect(feed.headers()["content-type"]).toBe("text/calendar; charset=utf-8");
    expect(await feed.text()).toContain("X-WR-CALNAME:Razgovori praćenja");

    await page.getByRole("button", { name: t.renew }).click();
    const second = await page.getByLabel(t.urlLabel).inputValue();
    expect(second).not.toBe(first);
    expect((await page.request.get(first)).status()).toBe(404);
    expect((await page.request.get(second)).status()).toBe(200);

    await page.getByRole("button", { name: t.turnOff }).click();
    await expect(page.getByText(t.turnedOff)).toBeVisible();
    await expect(page.getByRole("button", { name: t.create })).toBeVisible();
    expect((await page.request.get(second)).status()).toBe(404);
  });
});
