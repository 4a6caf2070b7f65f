import AxeBuilder from "@axe-core/playwright";
import { test as base, expect, type Locator, type Page } from "@playwright/test";
import mongoose from "mongoose";
import { emailsTo, linkIn, waitForEmail } from "../support/mailbox.ts";

export const DEMO_PASSWORD = "demo-placements-2026";
export const demo = {
  coordinator: "coordinator@demo.placements.test",
  mentor: "mentor.hr@demo.placements.test",
  employer: "employer.hr@demo.placements.test",
  mentee: "mentee@demo.placements.test",
};

export function uniqueEmail(prefix: string) {
  return `${prefix}.${Date.now()}.${Math.random().toString(36).slice(2, 7)}@example.test`;
}

/**
 * How long a test waits for what goes through the outbox (an e-mail, a placement reaching search)
 * before it gives up. The worker polls every 250 ms, but on a 2-core machine that another build
 * keeps busy it has taken more than 20 s: the deadline is generous, and only a failure waits it out.
 */
export const OUTBOX_DEADLINE = { timeout: 120_000 };

const mailbox = {
  waitFor: (to: string, filter?: Parameters<typeof waitForEmail>[2]) => waitForEmail(process.env.E2E_MAILBOX_DIR!, to, filter, OUTBOX_DEADLINE.timeout),
  all: (to: string) => emailsTo(process.env.E2E_MAILBOX_DIR!, to),
  linkIn,
};

export const test = base.extend<{ mailbox: typeof mailbox; consoleErrors: string[] }>({
  baseURL: async ({}, use) => use(process.env.E2E_BASE_URL),
  mailbox: async ({}, use) => use(mailbox),
  // A console error in the browser (a hydration mismatch, a failing script) fails the test.
  consoleErrors: [
    async ({ page }, use) => {
      const errors: string[] = [];
      page.on("console", (message) => {
        if (message.type() !== "error") return;
        // Chromium reports 4xx documents as failed resources; those are the pages under test.
        if (/Failed to load resource: the server responded with a status of 4\d\d/.test(message.text())) return;
        errors.push(message.text());
      });
      page.on("pageerror", (error) => errors.push(error.message));
      await use(errors);
      expect(errors, "browser console errors").toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };

const logoutButton = (page: Page) => page.locator("header form[action='/logout'] button");

// The address changes a moment before the page does (the new page is drawn after the router
// moves on): each helper returns once the page it leads to is drawn, signed in or out.
export async function logIn(page: Page, email: string, password = DEMO_PASSWORD) {
  await page.goto("/login");
  await page.locator("#email").fill(email);
  await page.locator("#password").fill(password);
  await page.locator("main form button[type=submit]").click();
  await page.waitForURL((url) => !url.pathname.startsWith("/login"));
  await expect(logoutButton(page)).toHaveCount(1);
}

export async function logOut(page: Page) {
  await logoutButton(page).click();
  await page.waitForURL(/\/login/);
  await expect(logoutButton(page)).toHaveCount(0);
}

/**
 * Waits until the page's scripts handle this element. `page.goto` returns once the server's page
 * has loaded, but the scripts that make it live load after that (seconds on a busy machine):
 * what is typed before goes into the box without starting the search that follows typing. React
 * marks an element it has taken over with its own properties.
 */
export async function whenScriptsHandle(element: Locator) {
  await expect
    .poll(() => element.evaluate((node) => Object.keys(node).some((key) => key.startsWith("__reactProps$"))), { message: "the page's scripts handle the element" })
    .toBe(true);
}

export async function chooseLanguage(page: Page, language: "hr" | "sl" | "da" | "en") {
  await page.locator("#language-select").selectOption(language);
  await page.locator(".language-form button").click();
  await expect(page.locator("html")).toHaveAttribute("lang", language);
}

export async function expectNoAxeViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  expect(
    results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`),
    `accessibility violations on ${page.url()}`,
  ).toEqual([]);
}

/**
 * A coordinator of their own who reads `language`: the demo coordinator works in English and is
 * shared by every spec, and the account's language wins over the page's. Same demo password.
 */
export async function insertCoordinator(language: "hr" | "sl" | "da" | "en"): Promise<string> {
  const connection = await mongoose.createConnection(process.env.E2E_MONGODB_URI!).asPromise();
  try {
    const users = connection.collection("users");
    const demoCoordinator = await users.findOne({ email: demo.coordinator });
    const email = uniqueEmail(`coordinator.${language}`);
    const now = new Date();
    await users.insertOne({
      email,
      passwordHash: demoCoordinator!.passwordHash,
      name: `Koordinator ${language}`,
      role: "coordinator",
      language,
      approval: "approved",
      emailConfirmedAt: now,
      createdAt: now,
      updatedAt: now,
    });
    return email;
  } finally {
    await connection.close();
  }
}

/**
 * Every entry of the form's error summary names its field ("Label: what is wrong") and links to
 * it, and the field shows its own message. Returns the entries' texts. Call it once the answer
 * it checks is on the page (a summary from an earlier answer would be read instead).
 */
export async function expectErrorSummaryNamesFields(page: Page): Promise<string[]> {
  const links = page.locator(".error-summary a");
  await expect(links.first()).toBeVisible();
  const texts: string[] = [];
  for (const link of await links.all()) {
    const id = (await link.getAttribute("href"))!.slice(1);
    const field = page.locator(`[id="${id}"]`);
    await expect(field, `the summary links to #${id}`).toHaveCount(1);
    const tag = await field.evaluate((element) => element.tagName.toLowerCase());
    // A label may end in a colon of its own ("You agree that they may see:"); the summary drops it.
    const label = (tag === "fieldset" ? await field.locator("legend").innerText() : await page.locator(`label[for="${id}"]`).innerText()).replace(/:\s*$/, "");
    const text = await link.innerText();
    // A question keeps its own mark instead of the colon ("How is it going? Please choose…").
    const lead = /[?!]$/.test(label) ? `${label} ` : `${label}: `;
    // On a page of several such forms (her offers, her check-ins) it first names which one: "Pomoćnik u kuhinji · Vaš odgovor: …".
    const named = text.indexOf(` · ${lead}`);
    const start = text.startsWith(lead) ? 0 : named >= 0 ? named + 3 : -1;
    expect(start >= 0, `"${text}" names its field "${label}"`).toBe(true);
    await expect(page.locator(`[id="${id}-error"]`)).toHaveText(text.slice(start + lead.length));
    texts.push(text);
  }
  return texts;
}
