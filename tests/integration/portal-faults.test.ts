import { mkdtempSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startMeilisearch } from "../../server/services/meilisearch.ts";
import { startSmtp } from "../../server/services/smtp.ts";
import type { RunningService } from "../../server/services/processes.ts";
import { postForm, startPortal, type RunningPortal } from "../support/portal.ts";
import { emailsTo, waitForEmail } from "../support/mailbox.ts";
import { until } from "../support/until.ts";

// A portal process with its own Meilisearch and SMTP, so this file can stop them under it.
const dataDir = mkdtempSync(join(process.env.SERVICES_DATA_DIR!, "faults-"));
let portal: RunningPortal;
let meili: { port: number; masterKey: string; service: RunningService };
let smtp: { port: number; mailboxDir: string; service: RunningService };

beforeAll(async () => {
  [meili, smtp] = await Promise.all([startMeilisearch(dataDir), startSmtp(dataDir)]);
  portal = await startPortal({
    MEILI_HOST: `http://127.0.0.1:${meili.port}`,
    MEILI_MASTER_KEY: meili.masterKey,
    SMTP_URL: `smtp://127.0.0.1:${smtp.port}`,
    MAILBOX_DIR: smtp.mailboxDir,
    OUTBOX_POLL_MS: "200",
    OUTBOX_BACKOFF_BASE_MS: "200",
  });
});

afterAll(async () => {
  await portal?.stop();
  await Promise.all([meili?.service.stop(), smtp?.service.stop()]);
});

async function speaks(userId: unknown, language: string) {
  const { UserModel } = await import("~/accounts/model.server.ts");
  await UserModel.updateOne({ _id: userId }, { $set: { language } });
}

async function health() {
  const response = await fetch(`${portal.url}/healthz`);
  return { status: response.status, body: (await response.json()) as { status: string; services: Record<string, { ok: boolean }> } };
}

describe("when an outside service fails", () => {
  it("reports every service separately on /healthz", async () => {
    const { status, body } = await health();
    expect(status).toBe(200);
    expect(body.status).toBe("ok");
    expect(Object.keys(body.services).sort()).toEqual(["database", "email", "search"]);
  });

  it("names Meilisearch when it is down, and pages still render", async () => {
    await meili.service.stop();
    const { status, body } = await health();
    expect(status).toBe(503);
    expect(body.services.search.ok).toBe(false);
    expect(body.services.database.ok).toBe(true);
    expect(body.services.email.ok).toBe(true);
    for (const path of ["/", "/login", "/register", "/register/mentor"]) {
      expect((await fetch(`${portal.url}${path}`)).status, path).toBe(200);
    }
    const search = await fetch(`${portal.url}/placements?q=kuhinja&town=Varaždin&radius=20&support=onsite_buddy`, { headers: { "Accept-Language": "en" } });
    expect(search.status).toBe(200);
    expect(await search.text()).toContain("Search is running in a simpler mode right now");
    meili = await startMeilisearch(dataDir, { port: meili.port, masterKey: meili.masterKey });
    expect((await health()).status).toBe(200);
  });

  it("tells a mentor on the matches page that the search is not answering (503, nothing changed), and ranks again once it is back", async () => {
    const { createSession } = await import("~/accounts/session.server.ts");
    const { createMentee } = await import("~/mentees/mentees.server.ts");
    const { makeMentor, menteeInput } = await import("../support/mentees.ts");
    const en = (await import("../../app/locales/en.json", { with: { type: "json" } })).default as { matching: { searchUnavailable: string } };
    const mentor = await makeMentor();
    await speaks(mentor._id, "en");
    const mentee = await createMentee(mentor, menteeInput({ firstName: "Iva" }));
    if (!mentee.ok) throw new Error("mentee");
    const cookie = (await createSession(mentor._id)).split(";")[0];
    const matches = () => fetch(`${portal.url}/mentor/mentees/${mentee.id}/matches`, { redirect: "manual", headers: { Cookie: cookie } });

    await meili.service.stop();
    const down = await matches();
    expect(down.status).toBe(503);
    const page = await down.text();
    expect(page).toContain(`role="alert">${en.matching.searchUnavailable}</p>`);
    expect(page).not.toContain('id="matches-count"');
    expect(page).toContain("Iva");

    meili = await startMeilisearch(dataDir, { port: meili.port, masterKey: meili.masterKey });
    await until("the matches page ranks again", async () => (await matches()).status === 200);
    const back = await (await matches()).text();
    expect(back).toContain('id="matches-count"');
    expect(back).not.toContain(`role="alert">${en.matching.searchUnavailable}`);
  });

  it("accepts a registration while SMTP is down and delivers its e-mail once SMTP is back", async () => {
    await smtp.service.stop();
    expect((await health()).body.services.email.ok).toBe(false);
    const email = `smtp-down.${Date.now()}@example.test`;
    const response = await postForm(
      portal,
      "/register",
      {
        name: "Luka Kranjc",
        email,
        password: "a long enough password",
        language: "sl",
        organisationName: "Gostilna Pri Smtp",
        organisationKind: "employer",
        town: "Maribor",
        country: "SI",
      },
      { "Accept-Language": "sl" },
    );
    expect(response.status).toBe(200);
    expect(await response.text()).toContain(email);
    // The portal's worker has tried to send it, and kept it for later.
    const { OutboxModel } = await import("~/outbox/model.server.ts");
    const tried = await until("the portal has tried the e-mail", async () => {
      const item = await OutboxModel.findOne({ "payload.to": email }).lean();
      return item?.lastError ? item : undefined;
    });
    expect(tried.status).toBe("pending");
    expect(await emailsTo(smtp.mailboxDir, email)).toHaveLength(0);

    smtp = await startSmtp(dataDir, { port: smtp.port });
    const message = await waitForEmail(smtp.mailboxDir, email);
    expect(message.text).toContain("/confirm-email?token=");
    expect(await emailsTo(smtp.mailboxDir, email)).toHaveLength(1);
  });
});
