import { demo, expectNoAxeViolations, logIn, test, expect } from "./fixtures.ts";

const publicPages = ["/", "/login", "/register", "/register/mentor", "/forgot-password", "/reset-password?token=not-a-valid-token-at-all", "/confirm-email?token=not-a-valid-token-at-all", "/no-such-page"];

for (const path of publicPages) {
  test(`${path} has no axe violations`, async ({ page }) => {
    await page.goto(path);
    await expectNoAxeViolations(page);
  });
}

test("forms showing errors have no axe violations", async ({ page }) => {
  await page.goto("/register");
  await page.locator("main form button[type=submit]").click();
  await expect(page.locator(".field-error").first()).toBeVisible();
  await expectNoAxeViolations(page);
  await page.goto("/login");
  await page.locator("main form button[type=submit]").click();
  await expect(page.locator(".field-error").first()).toBeVisible();
  await expectNoAxeViolations(page);
});

for (const role of ["coordinator", "mentor", "employer", "mentee"] as const) {
  test(`the ${role} home page and the 403 page have no axe violations`, async ({ page }) => {
    await logIn(page, demo[role]);
    await expectNoAxeViolations(page);
    await page.goto(role === "coordinator" ? "/me" : "/coordinator");
    await expectNoAxeViolations(page);
  });
}

test("the skip link moves keyboard focus to the main content", async ({ page }) => {
  await page.goto("/login");
  await page.keyboard.press("Tab");
  const skip = page.locator(".skip-link");
  await expect(skip).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.locator("main")).toBeFocused();
});

test("the coordinator's mentee pages have no axe violations", async ({ page }) => {
  await logIn(page, demo.coordinator);
  await page.goto("/coordinator/mentees");
  await expectNoAxeViolations(page);
  await page.locator(".cards a").first().click();
  await expect(page.locator(".plan").first()).toBeVisible();
  await expectNoAxeViolations(page);
});

test("the mentor's introductions and the mentee's data page have no axe violations", async ({ page }) => {
  await logIn(page, demo.mentor);
  await page.goto("/mentor/introductions");
  await expect(page.locator("h1")).toBeVisible();
  await expectNoAxeViolations(page);
  await page.locator("header form[action='/logout'] button").click();
  await page.waitForURL(/\/login/);
  await logIn(page, demo.mentee);
  await page.goto("/me/data");
  await expect(page.locator("h1")).toBeVisible();
  await expectNoAxeViolations(page);
});
