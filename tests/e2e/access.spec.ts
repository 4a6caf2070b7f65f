import { demo, expect, logIn, test } from "./fixtures.ts";
import hr from "../../app/locales/hr.json" with { type: "json" };

const homes = { coordinator: "/coordinator", mentor: "/mentor", employer: "/employer", mentee: "/me" } as const;
type Role = keyof typeof homes;
// Text that only the owner of a page may see: if it shows up elsewhere, data leaked.
const privateMarkers: Record<Role, string[]> = {
  coordinator: ["Logistika Sesvete", "mentor.split@demo.placements.test"],
  mentor: ["Centar za socijalnu skrb Varaždin"],
  employer: ["Pekara Zrno"],
  mentee: [],
};

for (const role of Object.keys(homes) as Role[]) {
  test(`a ${role} lands on their own page and gets a 403 on every other role's page`, async ({ page }) => {
    await logIn(page, demo[role]);
    await expect(page).toHaveURL(new RegExp(`${homes[role]}$`));
    for (const other of Object.keys(homes) as Role[]) {
      if (other === role) continue;
      const response = await page.goto(homes[other]);
      expect(response?.status(), `${role} on ${homes[other]}`).toBe(403);
      await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
      // Everything the server sent, the data handed to the scripts included.
      const html = await response!.text();
      for (const marker of privateMarkers[other]) expect(html, `${role} must not see ${marker}`).not.toContain(marker);
    }
  });
}

test("the 403 page speaks the person's language", async ({ page }) => {
  await logIn(page, demo.mentee);
  const response = await page.goto("/coordinator");
  expect(response?.status()).toBe(403);
  await expect(page.locator("html")).toHaveAttribute("lang", "hr");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(hr.errorPages.forbiddenTitle);
});

test("a visitor who is not logged in is sent to log in, and comes back after", async ({ page }) => {
  await page.goto("/coordinator");
  await expect(page).toHaveURL(/\/login\?redirectTo=%2Fcoordinator/);
  await page.locator("#email").fill(demo.coordinator);
  await page.locator("#password").fill("demo-placements-2026");
  await page.locator("main form button[type=submit]").click();
  await expect(page).toHaveURL(/\/coordinator$/);
});
