import { chooseLanguage, demo, expect, logIn, logOut, test, uniqueEmail } from "./fixtures.ts";
import hr from "../../app/locales/hr.json" with { type: "json" };
import da from "../../app/locales/da.json" with { type: "json" };

const journeys = [
  { language: "hr" as const, t: hr, kind: "employer", town: "Varaždin", country: "HR", organisation: "Pekara Kruh i sol" },
  { language: "da" as const, t: da, kind: "social_enterprise", town: "Aarhus", country: "DK", organisation: "Café Fællesskab" },
];

for (const journey of journeys) {
  test(`an organisation registers in ${journey.language}, confirms by e-mail, is verified and logs in`, async ({ page, mailbox }) => {
    const { t } = journey;
    const email = uniqueEmail(`register-${journey.language}`);
    const password = "bread and butter 2026";

    await page.goto("/");
    await chooseLanguage(page, journey.language);
    await page.getByRole("link", { name: t.nav.register }).first().click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(t.register.title);
    await page.getByLabel(t.fields.name).fill("Dora Test");
    await page.getByLabel(t.fields.email).fill(email);
    await page.getByLabel(t.fields.password, { exact: true }).fill(password);
    await page.getByLabel(t.fields.organisationName).fill(journey.organisation);
    await page.getByLabel(t.orgKinds[journey.kind as "employer" | "social_enterprise"]).check();
    await page.getByLabel(t.fields.town).fill(journey.town);
    await page.getByLabel(t.fields.country).selectOption(journey.country);
    await page.getByRole("button", { name: t.register.submit }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(t.register.sentTitle);

    const confirmation = await mailbox.waitFor(email);
    expect(confirmation.subject).toBe(t.email.confirmEmail.subject);
    await page.goto(mailbox.linkIn(confirmation, "/confirm-email?token="));
    await expect(page.getByText(t.confirm.confirmed)).toBeVisible();
    await expect(page.getByText(t.confirm.waitingOrganisation)).toBeVisible();

    await logIn(page, email, password);
    await expect(page).toHaveURL(/\/employer$/);
    await expect(page.getByText(t.employer.waiting)).toBeVisible();
    await logOut(page);

    await logIn(page, demo.coordinator);
    await expect(page).toHaveURL(/\/coordinator$/);
    const card = page.locator(".cards > li", { hasText: journey.organisation });
    await expect(card).toContainText(email);
    await card.locator("button[value=verify]").click();
    await expect(page.locator(".notice")).toBeVisible();
    await expect(page.locator(".cards > li", { hasText: journey.organisation })).toHaveCount(0);
    await logOut(page);

    const verified = await mailbox.waitFor(email, (m) => m.subject === t.email.organisationVerified.subject);
    expect(verified.text).toContain(journey.organisation);

    await logIn(page, email, password);
    await expect(page.locator("html")).toHaveAttribute("lang", journey.language);
    await expect(page.getByText(t.employer.verified)).toBeVisible();
  });
}

test("a mentor registers in sl under a mentor organisation and is approved; a pending organisation is rejected with a reason", async ({ page, mailbox }) => {
  const email = uniqueEmail("mentor-sl");
  await page.goto("/register/mentor");
  await chooseLanguage(page, "sl");
  const { default: sl } = await import("../../app/locales/sl.json", { with: { type: "json" } });
  await page.getByLabel(sl.fields.name).fill("Nika Mentorica");
  await page.getByLabel(sl.fields.email).fill(email);
  await page.getByLabel(sl.fields.password, { exact: true }).fill("mentoring is a marathon");
  const maribor = await page.locator("#organisationId option", { hasText: "Center za socialno delo Maribor" }).getAttribute("value");
  await page.getByLabel(sl.fields.mentorOrganisation).selectOption(maribor!);
  await page.getByRole("button", { name: sl.register.submit }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(sl.register.sentTitle);
  const confirmation = await mailbox.waitFor(email);
  await page.goto(mailbox.linkIn(confirmation, "/confirm-email?token="));
  await expect(page.getByText(sl.confirm.waitingMentor)).toBeVisible();

  await logIn(page, demo.coordinator);
  const mentorCard = page.locator(".cards > li", { hasText: email });
  await mentorCard.locator("button[value=verify]").click();
  await expect(page.locator(".cards > li", { hasText: email })).toHaveCount(0);
  const approved = await mailbox.waitFor(email, (m) => m.subject === sl.email.mentorApproved.subject);
  expect(approved.text).toContain("Center za socialno delo Maribor");

  const pending = page.locator(".cards > li", { hasText: "Zavod Korak" });
  await pending.getByRole("textbox").fill("Ni registrirano kot socialno podjetje.");
  await pending.locator("button[value=reject]").click();
  await expect(page.locator(".cards > li", { hasText: "Zavod Korak" })).toHaveCount(0);
  const rejected = await mailbox.waitFor("social.sl@demo.placements.test", (m) => m.subject === sl.email.organisationRejected.subject);
  expect(rejected.text).toContain("Ni registrirano kot socialno podjetje.");
  await logOut(page);

  await logIn(page, email, "mentoring is a marathon");
  await expect(page).toHaveURL(/\/mentor$/);
  await expect(page.getByText(sl.mentor.approved.replace("{{organisation}}", "Center za socialno delo Maribor"))).toBeVisible();
});
