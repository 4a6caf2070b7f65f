import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { postForm, startPortal, type RunningPortal } from "../support/portal.ts";
import { storeProposal } from "../support/proposals.ts";

// Every route of the mentor caseload and matching × every role (and no one): the status, and that
// no mentee data reaches anyone who may not see it.
let portal: RunningPortal;
const cookies: Record<string, string> = {};
let ana = "";
let ivan = "";
let proposalId = "";
let introductionId = "";

const logins = {
  leadMentor: "mentor.hr@demo.placements.test",
  otherMentor: "mentor.da@demo.placements.test",
  coordinator: "coordinator@demo.placements.test",
  employer: "employer.hr@demo.placements.test",
  mentee: "mentee@demo.placements.test",
};
type Who = keyof typeof logins | "anonymous";
// Ana's data: her name, her private barrier text and her notes. None may leak.
const secrets = ["Marić", "briga za majku", "Voli rano ustajati"];

beforeAll(async () => {
  portal = await startPortal({ OUTBOX_POLL_MS: "300" }, { seed: true });
  for (const [who, email] of Object.entries(logins)) {
    const response = await postForm(portal, "/login", { email, password: "demo-placements-2026" });
    expect(response.status, who).toBe(302);
    cookies[who] = response.headers.get("set-cookie")!.split(";")[0];
  }
  const { MenteeModel } = await import("~/mentees/model.server.ts");
  ana = String((await MenteeModel.findOne({ key: "mentee-ana" }).lean())!._id);
  ivan = String((await MenteeModel.findOne({ key: "mentee-ivan" }).lean())!._id);
  const { PlacementModel } = await import("~/placements/model.server.ts");
  const placement = await PlacementModel.findOne({ status: "published" }).lean();
  const proposal = await storeProposal({ menteeId: ana, placementId: placement!._id, mentorId: (await MenteeModel.findById(ana).lean())!.mentorId, history: [{ status: "proposed", at: new Date(), by: "mentor" }] });
  proposalId = String(proposal._id);

  // An introduction of Ana to Pekara Zrno, with her consent to her first name only.
  const { OrganisationModel } = await import("~/organisations/model.server.ts");
  const { UserModel } = await import("~/accounts/model.server.ts");
  const { startIntroduction, giveConsent } = await import("~/introductions/introductions.server.ts");
  const pekara = await OrganisationModel.findOne({ key: "pekara-zrno" }).lean();
  const pekaraPlacement = await PlacementModel.findOne({ organisationId: pekara!._id, status: "published", _id: { $ne: placement!._id } }).lean();
  const leadMentor = (await UserModel.findOne({ email: logins.leadMentor }).lean())!;
  const interested = await storeProposal({ menteeId: ana, placementId: pekaraPlacement!._id, mentorId: leadMentor._id, status: "interested" });
  const started = await startIntroduction(leadMentor as never, String(interested._id));
  if (!started.ok) throw new Error("introduction");
  introductionId = started.id;
  await giveConsent(leadMentor as never, introductionId, { fields: ["firstName"], note: "", method: "with_mentor" });
});
afterAll(async () => portal?.stop());

function get(path: string, who: Who) {
  return fetch(`${portal.url}${path}`, { redirect: "manual", headers: who === "anonymous" ? {} : { Cookie: cookies[who] } });
}

const pages: { path: () => string; allowed: Who[] }[] = [
  { path: () => "/mentor/mentees", allowed: ["leadMentor", "otherMentor"] },
  { path: () => "/mentor/mentees/new", allowed: ["leadMentor", "otherMentor"] },
  { path: () => `/mentor/mentees/${ana}`, allowed: ["leadMentor"] },
  { path: () => `/mentor/mentees/${ana}/edit`, allowed: ["leadMentor"] },
  { path: () => `/mentor/mentees/${ana}/matches`, allowed: ["leadMentor"] },
  { path: () => "/coordinator/mentees", allowed: ["coordinator"] },
  { path: () => `/coordinator/mentees/${ana}`, allowed: ["coordinator"] },
  { path: () => "/me/offers", allowed: ["mentee"] },
  { path: () => "/me/consents", allowed: ["mentee"] },
  { path: () => "/me/data", allowed: ["mentee"] },
  { path: () => "/me/data.json", allowed: ["mentee"] },
  { path: () => "/mentor/introductions", allowed: ["leadMentor", "otherMentor"] },
  { path: () => "/employer/introductions", allowed: ["employer"] },
  { path: () => `/employer/introductions/${introductionId}`, allowed: ["employer"] },
  { path: () => `/mentor/introductions/${introductionId}`, allowed: ["leadMentor"] },
];
const everyone: Who[] = ["anonymous", "leadMentor", "otherMentor", "coordinator", "employer", "mentee"];

describe.each(pages)("GET $path", ({ path, allowed }) => {
  it.each(everyone)("as %s", async (who) => {
    const response = await get(path(), who);
    const body = await response.text();
    if (allowed.includes(who)) {
      expect(response.status).toBe(200);
      // The employer sees Ana's first name (consented) but never her surname or private plan.
      if (who === "employer") for (const secret of secrets) expect(body, secret).not.toContain(secret);
    } else {
      expect(response.status).toBe(who === "anonymous" ? 302 : 403);
      // Ana herself sees her own name in the header; her private plan must still not be served.
      for (const secret of secrets.filter((s) => who !== "mentee" || s !== "Marić")) expect(body, secret).not.toContain(secret);
    }
  });
});

describe("her plan's labels", () => {
  it("call her languages the ones she speaks and her hours a range, on the form, the plan and the coordinator's view", async () => {
    const { getT } = await import("~/i18n/i18n.server.ts");
    for (const [path, who] of [[`/mentor/mentees/${ana}`, "leadMentor"], [`/coordinator/mentees/${ana}`, "coordinator"], [`/mentor/mentees/${ana}/edit`, "leadMentor"]] as const) {
      // Shown text only: the page also carries its message sections for the browser.
      const body = await (await get(path, who)).text();
      const t = getT(who === "coordinator" ? "en" : "hr");
      expect(body, path).toContain(`>${t("fields.languagesSpoken")}<`);
      expect(body, path).not.toContain(`>${t("fields.languages")}<`);
      if (!path.endsWith("/edit")) {
        expect(body, path).toContain(`>${t("fields.hoursPerson")}<`);
        expect(body, path).not.toContain(`>${t("fields.hoursMaxPerson")}<`);
      }
    }
  });
});

describe("a mentor's list of introductions", () => {
  it("shows the lead mentor each introduction of the caseload and how it stands, and another mentor none of them", async () => {
    const { getT } = await import("~/i18n/i18n.server.ts");
    const own = await (await get("/mentor/introductions", "leadMentor")).text();
    expect(own).toContain(`/mentor/introductions/${introductionId}`);
    expect(own).toContain(getT("hr")("introductionStatus.introduced"));
    const other = await (await get("/mentor/introductions", "otherMentor")).text();
    expect(other).not.toContain(introductionId);
    expect(other).not.toContain(`/mentor/mentees/${ana}`);
  });
});

describe("writes by the wrong people", () => {
  it("refuses another mentor's edit, proposal and invitation, and changes nothing", async () => {
    const { MenteeModel } = await import("~/mentees/model.server.ts");
    const { ProposalModel } = await import("~/matching/model.server.ts");
    const before = JSON.stringify(await MenteeModel.findById(ana).lean());
    const proposals = await ProposalModel.countDocuments();
    for (const [path, fields] of [
      [`/mentor/mentees/${ana}/edit`, { firstName: "Hacked", readiness: "job_ready", town: "Zagreb", country: "HR", travelKm: "5", hoursMin: "1", hoursMax: "2", language: "hr" }],
      [`/mentor/mentees/${ana}/matches`, { placementId: "0123456789abcdef01234567" }],
      [`/mentor/mentees/${ana}`, { intent: "invite" }],
      [`/mentor/mentees/${ana}`, { intent: "desk" }],
      [`/coordinator/mentees/${ana}`, { mentorId: "0123456789abcdef01234567" }],
      [`/coordinator/mentees/${ana}`, { intent: "erase", confirm: "yes" }],
    ] as const) {
      for (const who of ["otherMentor", "employer", "mentee"] as const) {
        const response = await postForm(portal, path, fields, { Cookie: cookies[who] });
        expect(response.status, `${who} ${path}`).toBe(403);
      }
    }
    expect(JSON.stringify(await MenteeModel.findById(ana).lean())).toBe(before);
    expect(await ProposalModel.countDocuments()).toBe(proposals);
  });

  it("refuses consent, withdrawal and employer answers by the wrong people, and changes nothing", async () => {
    const { IntroductionModel } = await import("~/introductions/model.server.ts");
    const { ConsentModel } = await import("~/consent/model.server.ts");
    const before = JSON.stringify([await IntroductionModel.findById(introductionId).lean(), await ConsentModel.find({ introductionId }).lean()]);
    const attempts: [string, Record<string, string>, Who[]][] = [
      [`/mentor/introductions/${introductionId}`, { intent: "withdraw" }, ["otherMentor", "employer", "mentee", "coordinator"]],
      [`/employer/introductions/${introductionId}`, { answer: "accepted" }, ["leadMentor", "mentee", "coordinator"]],
    ];
    for (const [path, fields, whos] of attempts) {
      for (const who of whos) {
        const response = await postForm(portal, path, fields, { Cookie: cookies[who as keyof typeof cookies] });
        expect(response.status, `${who} ${path}`).toBe(403);
      }
    }
    const socialDa = await postForm(portal, "/login", { email: "social.da@demo.placements.test", password: "demo-placements-2026" });
    const otherEmployer = socialDa.headers.get("set-cookie")!.split(";")[0];
    // Another organisation's introduction does not exist for this employer: 404, as for one never consented.
    const view = await fetch(`${portal.url}/employer/introductions/${introductionId}`, { headers: { Cookie: otherEmployer } });
    expect(view.status).toBe(404);
    expect(await view.text()).not.toContain("Ana");
    expect((await postForm(portal, `/employer/introductions/${introductionId}`, { answer: "declined", reason: "no no no" }, { Cookie: otherEmployer })).status).toBe(404);
    expect(JSON.stringify([await IntroductionModel.findById(introductionId).lean(), await ConsentModel.find({ introductionId }).lean()])).toBe(before);
  });

  it("lets a mentee answer only their own offers", async () => {
    const { ProposalModel } = await import("~/matching/model.server.ts");
    const { MenteeModel } = await import("~/mentees/model.server.ts");
    const response = await postForm(portal, "/me/offers", { proposalId, answer: "interested", reason: "" }, { Cookie: cookies.mentee });
    expect(response.status).toBe(302);
    expect((await ProposalModel.findById(proposalId).lean())?.status).toBe("interested");
    const ivanProposal = await storeProposal({ menteeId: ivan, placementId: (await ProposalModel.findById(proposalId).lean())!.placementId, mentorId: (await MenteeModel.findById(ivan).lean())!.mentorId });
    const refused = await postForm(portal, "/me/offers", { proposalId: String(ivanProposal._id), answer: "declined", reason: "" }, { Cookie: cookies.mentee, "Accept-Language": "hr" });
    expect(refused.status).toBe(400);
    expect((await ProposalModel.findById(ivanProposal._id).lean())?.status).toBe("proposed");
  });
});
