import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { UserModel } from "~/accounts/model.server.ts";
import type { SessionUser } from "~/accounts/session.server.ts";
import { createMentee } from "~/mentees/mentees.server.ts";
import { AuditEntryModel, MenteeModel } from "~/mentees/model.server.ts";
import { menteeInput } from "../support/mentees.ts";
import { postForm, startPortal, type RunningPortal } from "../support/portal.ts";

// The coordinator's mentors page of a running portal, without JavaScript: a mentor who left is
// deactivated (signed out, cannot sign in), her mentee shows as waiting for a new mentor, and the
// handover from that list needs a reason, in the coordinator's language.

let portal: RunningPortal;
const cookies: Record<string, string> = {};
const logins = { coordinator: "coordinator@demo.placements.test", nina: "mentor.sl@demo.placements.test" };
const password = "demo-placements-2026";
let nina: SessionUser;
let ivanaId = "";
let menteeId = "";

beforeAll(async () => {
  portal = await startPortal({ OUTBOX_POLL_MS: "60000" }, { seed: true });
  for (const [who, email] of Object.entries(logins)) {
    const response = await postForm(portal, "/login", { email, password });
    cookies[who] = response.headers.get("set-cookie")!.split(";")[0];
  }
  // The coordinator reads Croatian.
  await UserModel.updateOne({ email: logins.coordinator }, { $set: { language: "hr" } });
  nina = (await UserModel.findOne({ email: logins.nina }).lean<SessionUser>())!;
  ivanaId = String((await UserModel.findOne({ email: "mentor.hr@demo.placements.test" }).lean())!._id);
  const created = await createMentee(nina, menteeInput({ firstName: "Mojca", fullName: "Mojca Novak", country: "SI", town: "Maribor" }));
  if (!created.ok) throw new Error(JSON.stringify(created));
  menteeId = created.id;
}, 240_000);
afterAll(async () => portal?.stop());

const get = (who: string, path: string, headers: Record<string, string> = {}) => fetch(`${portal.url}${path}`, { redirect: "manual", headers: { Cookie: cookies[who] ?? "", ...headers } });
const post = (who: string, path: string, fields: Record<string, string>) => postForm(portal, path, fields, { Cookie: cookies[who] });

describe("deactivating a mentor who left", () => {
  it("signs her out and keeps her out, in the language of whoever tries", async () => {
    expect((await get("nina", "/mentor")).status).toBe(200);
    const deactivated = await post("coordinator", "/coordinator/mentors", { intent: "deactivate", mentorId: String(nina._id) });
    expect(deactivated.status).toBe(302);
    expect(deactivated.headers.get("location")).toBe("/coordinator/mentors?notice=mentorDeactivated");
    const home = await get("nina", "/mentor");
    expect(home.status).toBe(302);
    expect(home.headers.get("location")).toMatch(/^\/login/);
    const login = await postForm(portal, "/login", { email: logins.nina, password }, { "Accept-Language": "sl" });
    expect(login.status).toBe(400);
    expect(await login.text()).toContain("Koordinator programa je ta račun deaktiviral.");
  });

  it("lists her mentee as waiting for a new mentor, and the handover from that list needs a reason", async () => {
    const start = await (await get("coordinator", "/coordinator")).text();
    expect(start).toContain("Korisnici čiji mentor više nije aktivan: 1.");
    const list = await (await get("coordinator", "/coordinator/mentors")).text();
    expect(list).toContain(`/coordinator/mentees/${menteeId}`);
    expect(list).toContain("Dosadašnji mentor: Nina Zupan. Otvoreni razgovori: 0.");
    // One choice of mentors on the page, and her own button that sends it to her page.
    expect(list.match(/<select[^>]*name="mentorId"/g)).toHaveLength(1);
    expect(list).toContain(`formaction="/coordinator/mentees/${menteeId}"`);
    // Her town beside her name: several waiting mentees may share a name.
    expect(list).toContain(">Predajte: Mojca Novak, Maribor</button>");

    const handover = { from: "mentors", intent: "handover", mentorId: ivanaId, confirmAcross: "yes" };
    const withoutReason = await post("coordinator", `/coordinator/mentees/${menteeId}`, { ...handover, reason: "" });
    expect(withoutReason.status).toBe(400);
    expect(await withoutReason.text()).toContain("Razlog predaje: Molimo ispunite ovo polje.");
    expect(String((await MenteeModel.findById(menteeId).lean())?.mentorId)).toBe(String(nina._id));
    expect(await AuditEntryModel.countDocuments({ menteeId, part: "handover" })).toBe(0);

    // Across a country her page asks to confirm, and that form still goes back to the list.
    const { confirmAcross: _confirm, ...unconfirmed } = handover;
    const asked = await post("coordinator", `/coordinator/mentees/${menteeId}`, { ...unconfirmed, reason: "Nina je napustila program" });
    expect(asked.status).toBe(400);
    const askedPage = await asked.text();
    expect(askedPage).toContain('name="confirmAcross"');
    expect(askedPage).toMatch(/<input type="hidden" name="from" value="mentors"\/?>/);
    expect(String((await MenteeModel.findById(menteeId).lean())?.mentorId)).toBe(String(nina._id));

    const done = await post("coordinator", `/coordinator/mentees/${menteeId}`, { ...handover, reason: "Nina je napustila program" });
    expect(done.status).toBe(302);
    expect(done.headers.get("location")).toBe("/coordinator/mentors?notice=handedOver");
    expect(String((await MenteeModel.findById(menteeId).lean())?.mentorId)).toBe(ivanaId);
    expect(await AuditEntryModel.findOne({ menteeId, part: "handover" }).lean()).toMatchObject({ handover: { reason: "Nina je napustila program" } });
    expect(await (await get("coordinator", "/coordinator/mentors")).text()).not.toContain(`/coordinator/mentees/${menteeId}`);
  });

  it("gives the account back when reactivated", async () => {
    expect((await post("coordinator", "/coordinator/mentors", { intent: "reactivate", mentorId: String(nina._id) })).status).toBe(302);
    expect((await postForm(portal, "/login", { email: logins.nina, password })).status).toBe(302);
  });

  it("pages the programme's mentors fifty at a time, active first, with links that work without JavaScript", async () => {
    const organisationId = (await UserModel.findOne({ email: logins.nina }).lean())!.organisationId;
    const tag = Date.now().toString(36);
    await UserModel.insertMany(
      Array.from({ length: 55 }, (_, n) => ({ email: `paged-${tag}-${n}@example.test`, name: `Zz Paged ${String(n).padStart(2, "0")}`, role: "mentor", approval: "approved", organisationId, passwordHash: "x", emailConfirmedAt: new Date() })),
    );
    const leaving = await UserModel.findOne({ email: `paged-${tag}-0@example.test` }).lean();
    expect((await post("coordinator", "/coordinator/mentors", { intent: "deactivate", mentorId: String(leaving!._id) })).status).toBe(302);
    const approved = await UserModel.countDocuments({ role: "mentor", approval: "approved" });
    const cards = (html: string) => [...html.matchAll(/name="intent" value="(deactivate|reactivate)"/g)].map((m) => m[1]);

    const first = await (await get("coordinator", "/coordinator/mentors")).text();
    expect(cards(first)).toHaveLength(50);
    expect(first).toMatch(/<a rel="next"[^>]* href="\/coordinator\/mentors\?page=2">/);
    expect(first).toContain(`Stranica 1 od ${Math.ceil(approved / 50)}`);
    const last = await (await get("coordinator", `/coordinator/mentors?page=${Math.ceil(approved / 50)}`)).text();
    // The one who left comes last, with the form that gives her account back.
    expect(cards(last).at(-1)).toBe("reactivate");
    expect(last).toContain("Zz Paged 00");
    expect(last).toContain('rel="prev"');
    expect(last).not.toContain('rel="next"');
    // Any other page number is the first page.
    for (const page of ["0", "abc", "-1", "1.5"]) expect(cards(await (await get("coordinator", `/coordinator/mentors?page=${page}`)).text())).toEqual(cards(first));
  });
});
