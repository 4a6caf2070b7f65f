import { demo, expect, expectNoAxeViolations, logIn, logOut, OUTBOX_DEADLINE, test, whenScriptsHandle } from "./fixtures.ts";
import hr from "../../app/locales/hr.json" with { type: "json" };
import en from "../../app/locales/en.json" with { type: "json" };

const unique = `Pekarica${Date.now().toString(36)}`;

test.describe.configure({ mode: "serial" });

test("an employer posts a placement with support, and a visitor finds it by a typo, a filter and distance", async ({ page }) => {
  await logIn(page, demo.employer);
  await page.goto("/employer/placements/new");
  await expectNoAxeViolations(page);
  await page.locator("#title").fill(`${unique} — pomoćni pekar`);
  await page.locator("#description").fill("Pomažete pri mijesenju tijesta i pečenju kruha u maloj pekari. Rad počinje rano ujutro.");
  await page.locator("#kind").selectOption("work_trial");
  await page.locator("#sector").selectOption("food_production");
  await page.locator("#town").fill("Varaždin");
  await page.locator("#country").selectOption("HR");
  await page.locator("#hoursMin").fill("8");
  await page.locator("#hoursMax").fill("20");
  await page.locator("#scheduleFlexibility").selectOption("flexible");
  await page.locator("#readiness").selectOption("activity_ready");
  await page.locator("#physicalDemands").selectOption("medium");
  await page.locator("#support-onsite_buddy").check();
  await page.locator("#support-gradual_start").check();
  await page.locator("#support-appointment_tolerance").check();
  await page.locator("#skills").fill("pečenje, tijesto");
  await page.locator("button[value=publish]").click();
  await expect(page.locator(".notice")).toHaveText(hr.notices.placementPublished);
  await expect(page.locator("h1")).toContainText(unique);
  await expectNoAxeViolations(page);
  await logOut(page);

  // A visitor, in English, a few moments later (the index is fed through the outbox).
  const visitor = page;
  await visitor.context().clearCookies();
  await expect(async () => {
    await visitor.goto(`/placements?q=${encodeURIComponent(unique.slice(0, -1) + "x")}&lng=en`);
    await expect(visitor.locator(".results h3")).toContainText([unique]);
  }).toPass(OUTBOX_DEADLINE);
  await expectNoAxeViolations(visitor);

  await visitor.goto(`/placements?q=${unique}&support=gradual_start&support=appointment_tolerance&lng=en`);
  await expect(visitor.locator(".results h3")).toContainText([unique]);
  await visitor.goto(`/placements?q=${unique}&support=transport_help&lng=en`);
  await expect(visitor.locator(".results h3")).toHaveCount(0);

  await visitor.goto(`/placements?q=${unique}&town=Čakovec&radius=20&lng=en`);
  await expect(visitor.locator(".results li").first()).toContainText(/\d+ km from Čakovec/);
  await visitor.goto(`/placements?q=${unique}&town=Split&radius=50&lng=en`);
  await expect(visitor.locator(".results h3")).toHaveCount(0);

  await visitor.goto(`/placements?q=${unique}&town=Čakovec&lng=en`);
  await visitor.locator(".results h3 a").first().click();
  await expect(visitor.locator("h1")).toContainText(unique);
  await expect(visitor.locator(".facts")).toContainText(/\d+ km from Čakovec/);
  await expect(visitor.getByText(en.vocab.supportPlain.gradual_start)).toBeVisible();
  await expectNoAxeViolations(visitor);
});

test("results follow the search box as the visitor types", async ({ page }) => {
  await page.goto("/placements?lng=en");
  const heading = page.locator("#results-title");
  // Every published placement, before anything is typed.
  await expect(heading).toHaveText(new RegExp(en.placements.results.replace("{{count}}", "\\d+")));
  const before = await heading.textContent();
  const box = page.locator("#q");
  await whenScriptsHandle(box);
  await box.pressSequentially(unique.slice(0, 8), { delay: 30 });
  await expect(box).toHaveValue(unique.slice(0, 8));
  await expect(page).toHaveURL((url) => url.searchParams.get("q") === unique.slice(0, 8));
  await expect(heading).not.toHaveText(before!);
  await expect(page.locator(".results h3")).toContainText([unique]);
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });
  test("the same search works with the form alone", async ({ page }) => {
    await page.goto("/placements?lng=en");
    await page.locator("#q").fill(unique.toLowerCase());
    await page.locator("#town").fill("Varaždin");
    await page.locator("#radius").selectOption("20");
    await page.locator("#support-onsite_buddy").check();
    await page.locator(".search-bar button[type=submit]").click();
    await expect(page).toHaveURL(/town=Vara%C5%BEdin/);
    await expect(page.locator(".results h3")).toContainText([unique]);
  });

  test("a visitor pages through the results with the links under them, and back", async ({ page }) => {
    await page.goto("/placements?lng=en");
    const pages = page.getByRole("navigation", { name: en.placements.pagination });
    await expect(pages.getByRole("link", { name: en.placements.previous })).toHaveCount(0);
    const firstTitles = await page.locator(".results h3").allTextContents();
    expect(firstTitles.length).toBeGreaterThan(0);
    await pages.getByRole("link", { name: en.placements.next }).click();
    await expect(page).toHaveURL(/[?&]page=2\b/);
    await expect(pages).toContainText(/^.*Page 2 of \d+/);
    const secondTitles = await page.locator(".results h3").allTextContents();
    expect(secondTitles.length).toBeGreaterThan(0);
    expect(secondTitles.filter((title) => firstTitles.includes(title)).length).toBeLessThan(secondTitles.length);
    await pages.getByRole("link", { name: en.placements.previous }).click();
    await expect(page).not.toHaveURL(/[?&]page=2\b/);
    await expect(pages).toContainText(/Page 1 of \d+/);
  });
});

test("an employer cannot open or change another organisation's placement", async ({ page, request }) => {
  await logIn(page, demo.employer);
  await page.goto("/employer/placements");
  const href = await page.locator(".cards a").first().getAttribute("href");
  await logOut(page);

  await logIn(page, "social.da@demo.placements.test");
  const view = await page.goto(href!);
  expect(view?.status()).toBe(403);
  const edit = await page.goto(`${href}/edit`);
  expect(edit?.status()).toBe(403);
  const cookies = await page.context().cookies();
  const attempt = await request.post(href!, {
    form: { to: "closed" },
    headers: { Cookie: cookies.map((c) => `${c.name}=${c.value}`).join("; "), Origin: process.env.E2E_BASE_URL! },
    maxRedirects: 0,
  });
  expect(attempt.status()).toBe(403);
});

test("the employer's and the coordinator's placement pages have no axe violations", async ({ page }) => {
  await logIn(page, demo.employer);
  await page.goto("/employer/placements");
  await expectNoAxeViolations(page);
  await page.locator(".cards a").first().click();
  await expect(page.locator(".actions")).toBeVisible();
  await expectNoAxeViolations(page);
  await page.locator(".actions a").first().click();
  await expect(page.locator("#title")).toBeVisible();
  await expectNoAxeViolations(page);
  await page.locator("#title").fill("");
  await page.locator("button[value=save]").click();
  await expect(page.locator(".error-summary")).toBeFocused();
  await expectNoAxeViolations(page);
  await logOut(page);
  await logIn(page, demo.coordinator);
  await page.goto("/coordinator/placements");
  await expectNoAxeViolations(page);
});
