import { demo, expect, expectErrorSummaryNamesFields, expectNoAxeViolations, logIn, test } from "./fixtures.ts";
import en from "../../app/locales/en.json" with { type: "json" };

// On a page with a form per row (a take-down reason per placement, a rejection reason per
// organisation), a refused form sums up its problems where it is, names its row, and takes the
// focus, so that nobody lands at the top of a long list wondering which of 20 forms it was.
for (const javaScriptEnabled of [true, false]) {
  test.describe(`${javaScriptEnabled ? "with" : "without"} JavaScript`, () => {
    test.use({ javaScriptEnabled });

    test("a take-down without a reason is answered in the placement's own form, which names the placement and its employer", async ({ page }) => {
      await logIn(page, demo.coordinator);
      await page.goto("/coordinator/placements");
      const cards = page.locator("ul.cards > li", { has: page.locator("button[value=takeDown]") });
      // Not the first: the answer must not simply be at the top of the list.
      const card = cards.nth(2);
      const title = (await card.locator("h2").innerText()).trim();
      const organisation = (await card.locator("p").first().innerText()).split(" · ")[0].trim();
      const formName = `${title}, ${organisation}`;
      // The field says which placement it is for, to a screen reader too.
      await expect(card.locator("textarea")).toHaveAccessibleName(`${formName} · ${en.fields.moderationReason}`);
      await card.locator("button[value=takeDown]").click();

      const summary = card.locator(".error-summary");
      await expect(summary).toBeFocused();
      await expect(summary).toBeInViewport();
      await expect(page.locator(".error-summary")).toHaveCount(1);
      const [entry] = await expectErrorSummaryNamesFields(page);
      expect(entry).toBe(`${formName} · ${en.fields.moderationReason}: ${en.errors.required}`);
      // axe runs as a script of the page.
      if (javaScriptEnabled) await expectNoAxeViolations(page);
    });

    test("a rejection without a reason is answered in the organisation's own form, which names the organisation", async ({ page }) => {
      await logIn(page, demo.coordinator);
      await page.goto("/coordinator");
      const cards = page.locator("section[aria-labelledby=pending-organisations] ul.cards > li");
      test.skip((await cards.count()) === 0, "no organisation waits for verification");
      const card = cards.last();
      const name = (await card.locator("h3").innerText()).trim();
      await expect(card.locator("textarea")).toHaveAccessibleName(new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}, .+ · ${en.coordinator.rejectReason.replace(/[()]/g, "\\$&")}$`));
      await card.locator("button[value=reject]").click();

      const summary = card.locator(".error-summary");
      await expect(summary).toBeFocused();
      await expect(summary).toBeInViewport();
      const [entry] = await expectErrorSummaryNamesFields(page);
      expect(entry.startsWith(`${name}, `)).toBe(true);
      expect(entry.endsWith(` · ${en.coordinator.rejectReason}: ${en.errors.required}`)).toBe(true);
    });
  });
}
