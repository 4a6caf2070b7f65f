import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatDate, formatDay } from "~/i18n/dates.ts";
import { postForm, startPortal, type RunningPortal } from "../support/portal.ts";
import { storeProposal } from "../support/proposals.ts";

// Every form of the foundation gets empty, wrong, overlong and hostile input. The person sees
// field errors in their language, the server answers 4xx, never 5xx, and nothing is stored.

let portal: RunningPortal;
let coordinatorCookie: string;
let employerCookie: string;
let mentorCookie: string;
let menteeCookie: string;
const ownPlacementId = { value: "" };
const mentorOrganisationId = { value: "" };
const pendingOrganisationId = { value: "" };
const resetToken = { value: "" };
const proposedIntroduction = { value: "" };
const anaOffer = { value: "" };
const anaMentee = { value: "" };
const mentorDaId = { value: "" };
const mentorHrId = { value: "" };
const introducedIntroduction = { value: "" };
/** Accepted by the employer, no start recorded yet. */
const acceptedIntroduction = { value: "" };
/** The week-1 check-in of a start recorded ten days ago: open, to be answered by Ana and the employer. */
const openCheckin = { value: "" };
const today = new Date().toISOString().slice(0, 10);
/**
 * On pages of several forms of one kind, the name each refused form goes by in its summary and
 * its fields' accessible names (as the page writes it, in Croatian).
 */
const formNames = { ownPlacement: "", pendingOrganisation: "", employerCheckin: "", menteeCheckin: "", anaOffer: "" };

beforeAll(async () => {
  portal = await startPortal({ OUTBOX_POLL_MS: "60000" }, { seed: true });
  const { OrganisationModel } = await import("~/organisations/model.server.ts");
  const { UserModel } = await import("~/accounts/model.server.ts");
  mentorOrganisationId.value = String((await OrganisationModel.findOne({ key: "czss-varazdin" }).lean())!._id);
  pendingOrganisationId.value = String((await OrganisationModel.findOne({ key: "lager-nord" }).lean())!._id);
  const { issueToken } = await import("~/accounts/tokens.server.ts");
  const employer = await UserModel.findOne({ email: "employer.da@demo.placements.test" }).lean();
  resetToken.value = await issueToken(employer!._id, "reset_password");
  // The account's language wins over the browser's; this coordinator reads Croatian.
  await UserModel.updateOne({ email: "coordinator@demo.placements.test" }, { $set: { language: "hr" } });
  const login = await postForm(portal, "/login", { email: "coordinator@demo.placements.test", password: "demo-placements-2026" });
  expect(login.status).toBe(302);
  coordinatorCookie = login.headers.get("set-cookie")!.split(";")[0];
  const employerLogin = await postForm(portal, "/login", { email: "employer.hr@demo.placements.test", password: "demo-placements-2026" });
  employerCookie = employerLogin.headers.get("set-cookie")!.split(";")[0];
  mentorCookie = (await postForm(portal, "/login", { email: "mentor.hr@demo.placements.test", password: "demo-placements-2026" })).headers.get("set-cookie")!.split(";")[0];
  menteeCookie = (await postForm(portal, "/login", { email: "mentee@demo.placements.test", password: "demo-placements-2026" })).headers.get("set-cookie")!.split(";")[0];
  const { PlacementModel } = await import("~/placements/model.server.ts");
  const employerOrganisation = await OrganisationModel.findOne({ key: "pekara-zrno" }).lean();
  // The newest: the coordinator's list shows the newest first, so its form (and its errors) are on page one.
  const own = await PlacementModel.findOne({ organisationId: employerOrganisation!._id, status: "published" }).sort({ _id: -1 }).lean();
  ownPlacementId.value = String(own!._id);
  formNames.ownPlacement = `${own!.title}, ${employerOrganisation!.name}`;
  const pendingOrganisation = (await OrganisationModel.findById(pendingOrganisationId.value).lean())!;
  formNames.pendingOrganisation = `${pendingOrganisation.name}, ${pendingOrganisation.town}`;
  // Two introductions of Ana to Pekara Zrno: one waiting for consent, one introduced.
  {
    const { MenteeModel } = await import("~/mentees/model.server.ts");
    const { startIntroduction, giveConsent } = await import("~/introductions/introductions.server.ts");
    const ana = await MenteeModel.findOne({ key: "mentee-ana" }).lean();
    anaMentee.value = String(ana!._id);
    mentorDaId.value = String((await UserModel.findOne({ email: "mentor.da@demo.placements.test" }).lean())!._id);
    const mentor = (await UserModel.findOne({ email: "mentor.hr@demo.placements.test" }).lean())!;
    mentorHrId.value = String(mentor._id);
    const pekaraPlacements = await PlacementModel.find({ organisationId: employerOrganisation!._id, status: "published" }).limit(2).lean();
    const ids: string[] = [];
    for (const placement of pekaraPlacements) {
      const proposal = await storeProposal({ menteeId: ana!._id, placementId: placement._id, mentorId: mentor._id, status: "interested" });
      if (!anaOffer.value) [anaOffer.value, formNames.anaOffer] = [String(proposal._id), placement.title];
      const started = await startIntroduction(mentor as never, String(proposal._id));
      if (!started.ok) throw new Error("introduction");
      ids.push(started.id);
    }
    proposedIntroduction.value = ids[0];
    introducedIntroduction.value = ids[1];
    await giveConsent(mentor as never, ids[1], { fields: ["firstName"], note: "", method: "with_mentor" });
    // Two more, consented and accepted: one to record a start on, one started ten days ago.
    const { respondToIntroduction } = await import("~/introductions/employer.server.ts");
    const { startFollowUp, todayIn } = await import("~/checkins/checkins.server.ts");
    const { addDays } = await import("~/checkins/days.ts");
    const { CheckinModel } = await import("~/checkins/model.server.ts");
    const employerHr = (await UserModel.findOne({ email: "employer.hr@demo.placements.test" }).lean())!;
    const more = await PlacementModel.find({ organisationId: employerOrganisation!._id, status: "published" }).skip(2).limit(2).lean();
    const accepted: string[] = [];
    for (const placement of more) {
      const proposal = await storeProposal({ menteeId: ana!._id, placementId: placement._id, mentorId: mentor._id, status: "interested" });
      const started = await startIntroduction(mentor as never, String(proposal._id));
      if (!started.ok) throw new Error("introduction");
      await giveConsent(mentor as never, started.id, { fields: ["firstName"], note: "", method: "with_mentor" });
      if (!(await respondToIntroduction(employerHr as never, started.id, { answer: "accepted" })).ok) throw new Error("accept");
      accepted.push(started.id);
    }
    acceptedIntroduction.value = accepted[0];
    const day = todayIn("HR");
    const followUp = await startFollowUp(mentor as never, accepted[1], { startDay: addDays(day, -10), hoursPerWeek: 20, plannedEndDay: addDays(day, 60) });
    if (!followUp.ok) throw new Error("start");
    const week1 = (await CheckinModel.findOne({ followUpId: followUp.id, milestone: "week1" }).lean())!;
    openCheckin.value = String(week1._id);
    const hr = (await import("~/locales/hr.json")).default;
    formNames.employerCheckin = `${ana!.firstName}, ${more[1].title}, ${hr.checkins.employer.formFor.replace("{{date}}", formatDate(week1.dueDay, "hr"))}`;
    formNames.menteeCheckin = `${formatDay(week1.dueDay, "hr", { weekday: true })}: ${more[1].title}`;
  }
});
afterAll(async () => portal?.stop());

async function counts() {
  const { UserModel, TokenModel, SessionModel } = await import("~/accounts/model.server.ts");
  const { OrganisationModel } = await import("~/organisations/model.server.ts");
  const { OutboxModel } = await import("~/outbox/model.server.ts");
  const { PlacementModel } = await import("~/placements/model.server.ts");
  return {
    placements: await PlacementModel.countDocuments(),
    mentees: JSON.stringify(await (await import("~/mentees/model.server.ts")).MenteeModel.find().sort({ _id: 1 }).lean()),
    proposals: JSON.stringify(await (await import("~/matching/model.server.ts")).ProposalModel.find().sort({ _id: 1 }).lean()),
    introductions: JSON.stringify(await (await import("~/introductions/model.server.ts")).IntroductionModel.find().sort({ _id: 1 }).lean()),
    followUps: JSON.stringify(await (await import("~/checkins/model.server.ts")).FollowUpModel.find().sort({ _id: 1 }).lean()),
    checkins: JSON.stringify(await (await import("~/checkins/model.server.ts")).CheckinModel.find().sort({ _id: 1 }).lean()),
    outcomes: await (await import("~/checkins/model.server.ts")).OutcomeEventModel.countDocuments(),
    consents: await (await import("~/consent/model.server.ts")).ConsentModel.countDocuments(),
    placementTitles: (await PlacementModel.find().select("title status").sort({ _id: 1 }).lean()).map((p) => `${p.title}:${p.status}`).join("|"),
    users: await UserModel.countDocuments(),
    organisations: await OrganisationModel.countDocuments(),
    pendingOrganisations: await OrganisationModel.countDocuments({ status: "pending" }),
    outbox: await OutboxModel.countDocuments(),
    tokens: await TokenModel.countDocuments(),
    sessions: await SessionModel.countDocuments(),
  };
}

const MEGABYTE = "x".repeat(1024 * 1024);
const SCRIPT = '<script>alert("x")</script>';

const validRegistration = {
  name: "Ana Horvat",
  email: "valid.person@example.test",
  password: "a long enough password",
  language: "hr",
  organisationName: "Pekara Zrno",
  organisationKind: "employer",
  town: "Varaždin",
  country: "HR",
};

type Fields = Record<string, string | string[]>;
/** formName: on a page of several forms of one kind, what the refused form's summary names it by. */
type Case = { label: string; fields: Fields | (() => Fields); expectError: string; formName?: () => string };

const validPlacement = {
  title: "Pomoćni radnik u kuhinji",
  description: "Pripremate povrće, perete posuđe i pomažete kuharima u kuhinji.",
  language: "hr",
  kind: "work_trial",
  sector: "hospitality",
  town: "Varaždin",
  country: "HR",
  hoursMin: "10",
  hoursMax: "20",
  scheduleFlexibility: "some",
  places: "1",
  readiness: "activity_ready",
  physicalDemands: "low",
  support: ["onsite_buddy"],
  intent: "publish",
};

const validMentee = {
  firstName: "Marko",
  language: "hr",
  readiness: "activity_ready",
  town: "Varaždin",
  country: "HR",
  travelKm: "20",
  hoursMin: "5",
  hoursMax: "20",
  interests: "kuhanje",
};

const forms: { path: string; target?: () => string; cases: Case[]; cookie?: () => string; formName?: () => string }[] = [
  {
    path: "/login",
    cases: [
      { label: "empty", fields: {}, expectError: "errors.required" },
      { label: "wrong e-mail", fields: { email: "not an address", password: "x" }, expectError: "errors.email" },
      { label: "1 MB password", fields: { email: "a@example.test", password: MEGABYTE }, expectError: "errors.maxLength?max=200" },
      { label: "script tags", fields: { email: SCRIPT, password: SCRIPT }, expectError: "errors.email" },
    ],
  },
  {
    path: "/register",
    cases: [
      { label: "empty", fields: {}, expectError: "errors.required" },
      { label: "script in name", fields: { ...validRegistration, email: "script@example.test", name: SCRIPT }, expectError: "errors.forbiddenCharacters" },
      { label: "1 MB organisation name", fields: { ...validRegistration, email: "big@example.test", organisationName: MEGABYTE }, expectError: "errors.maxLength?max=160" },
      { label: "empty organisation kind", fields: { ...validRegistration, email: "kind2@example.test", organisationKind: "" }, expectError: "errors.chooseOne" },
      { label: "a town nobody knows", fields: { ...validRegistration, email: "atlantida@example.test", town: "Atlantida" }, expectError: "errors.unknownTown" },
      { label: "a town turned around by a right-to-left override", fields: { ...validRegistration, email: "rlo@example.test", town: "\u202EberagZ" }, expectError: "errors.invisibleCharacters" },
      { label: "unknown country", fields: { ...validRegistration, email: "de@example.test", country: "DE" }, expectError: "errors.choice" },
      { label: "mentor organisation kind", fields: { ...validRegistration, email: "kind@example.test", organisationKind: "mentor_organisation" }, expectError: "errors.choice" },
      { label: "repeated fields", fields: { ...validRegistration, email: ["one@example.test", "two@example.test"] }, expectError: "errors.invalid" },
      { label: "short password", fields: { ...validRegistration, email: "pw@example.test", password: "short" }, expectError: "errors.passwordTooShort" },
    ],
  },
  {
    path: "/register/mentor",
    cases: [
      { label: "empty", fields: {}, expectError: "errors.required" },
      {
        label: "organisation id injection",
        fields: { name: "M", email: "m1@example.test", password: "a long enough password", language: "hr", organisationId: '{"$ne":null}' },
        expectError: "errors.choice",
      },
      {
        label: "unknown organisation",
        fields: { name: "M", email: "m2@example.test", password: "a long enough password", language: "hr", organisationId: "0123456789abcdef01234567" },
        expectError: "errors.organisationUnavailable",
      },
      {
        label: "hostile name",
        fields: { name: `${SCRIPT}${MEGABYTE}`, email: "m3@example.test", password: "a long enough password", language: "xx", organisationId: "x" },
        expectError: "errors.maxLength?max=120",
      },
    ],
  },
  {
    path: "/forgot-password",
    cases: [
      { label: "empty", fields: {}, expectError: "errors.required" },
      { label: "script", fields: { email: SCRIPT }, expectError: "errors.email" },
      { label: "1 MB", fields: { email: MEGABYTE }, expectError: "errors.maxLength?max=254" },
    ],
  },
  {
    path: "/reset-password",
    // The browser posts the form back to the address the link opened, token included.
    target: () => `/reset-password?token=${resetToken.value}`,
    cases: [
      { label: "empty", fields: {}, expectError: "reset.invalid" },
      { label: "forged token", fields: { token: "a".repeat(43), password: "a long enough password", confirmPassword: "a long enough password" }, expectError: "reset.invalid" },
      { label: "1 MB password", fields: () => ({ token: resetToken.value, password: MEGABYTE, confirmPassword: "x" }), expectError: "errors.passwordTooLong" },
      { label: "different passwords", fields: () => ({ token: resetToken.value, password: "a long enough password", confirmPassword: "another long password" }), expectError: "errors.passwordsDiffer" },
    ],
  },
  {
    path: "/employer/placements/new",
    cookie: () => employerCookie,
    cases: [
      { label: "empty", fields: {}, expectError: "errors.required" },
      { label: "script in title", fields: { ...validPlacement, title: SCRIPT }, expectError: "errors.forbiddenCharacters" },
      { label: "a title turned around by a right-to-left override", fields: { ...validPlacement, title: "Pomoćni kuhar \u202Erazaraž" }, expectError: "errors.invisibleCharacters" },
      { label: "a title of one letter and zero-width spaces", fields: { ...validPlacement, title: "x\u200B\u200B\u200B" }, expectError: "errors.invisibleCharacters" },
      { label: "1 MB description", fields: { ...validPlacement, description: MEGABYTE }, expectError: "errors.maxLength?max=5000" },
      { label: "hours the wrong way round", fields: { ...validPlacement, hoursMin: "30", hoursMax: "10" }, expectError: "errors.hoursOrder" },
      { label: "hours as words", fields: { ...validPlacement, hoursMin: "ten" }, expectError: "errors.hoursBetween?min=1&max=60" },
      { label: "no hours", fields: { ...validPlacement, hoursMin: "0" }, expectError: "errors.hoursBetween?min=1&max=60" },
      { label: "a start in the past", fields: { ...validPlacement, startDate: "2024-01-15" }, expectError: "errors.startDateInPast" },
      { label: "a past start written the Croatian way", fields: { ...validPlacement, startDate: "15. 1. 2024." }, expectError: "errors.startDateInPast" },
      { label: "impossible date", fields: { ...validPlacement, startDate: "2026-13-45" }, expectError: "errors.date" },
      { label: "unknown town", fields: { ...validPlacement, town: "Atlantis" }, expectError: "errors.unknownTown" },
      { label: "a town turned around by a right-to-left override", fields: { ...validPlacement, town: "\u202EberagZ" }, expectError: "errors.invisibleCharacters" },
      { label: "unknown support", fields: { ...validPlacement, support: ["onsite_buddy", "free_money"] }, expectError: "errors.choice" },
      { label: "unknown kind", fields: { ...validPlacement, kind: "slavery" }, expectError: "errors.choice" },
    ],
  },
  {
    path: "/employer/placements/:id/edit",
    target: () => `/employer/placements/${ownPlacementId.value}/edit`,
    cookie: () => employerCookie,
    cases: [
      { label: "emptied title", fields: { ...validPlacement, title: "", intent: "save" }, expectError: "errors.required" },
      { label: "60+ hours", fields: { ...validPlacement, hoursMax: "99", intent: "save" }, expectError: "errors.hoursBetween?min=1&max=60" },
    ],
  },
  {
    path: "/employer/placements/:id",
    target: () => `/employer/placements/${ownPlacementId.value}`,
    cookie: () => employerCookie,
    cases: [
      { label: "unknown status", fields: { to: "deleted" }, expectError: "errors.invalid" },
      { label: "back to draft", fields: { to: "draft" }, expectError: "errors.transitionNotAllowed" },
    ],
  },
  {
    path: "/coordinator/placements",
    formName: () => formNames.ownPlacement,
    cookie: () => coordinatorCookie,
    cases: [
      { label: "unpublish without reason", fields: () => ({ id: ownPlacementId.value, reason: "" }), expectError: "errors.required" },
      { label: "unpublish with markup", fields: () => ({ id: ownPlacementId.value, reason: SCRIPT }), expectError: "errors.forbiddenCharacters" },
    ],
  },
  {
    path: "/mentor/mentees/new",
    cookie: () => mentorCookie,
    cases: [
      { label: "empty", fields: {}, expectError: "errors.required" },
      { label: "script in the name", fields: { ...validMentee, firstName: SCRIPT }, expectError: "errors.forbiddenCharacters" },
      { label: "an isolate around the full name", fields: { ...validMentee, fullName: "\u2067Ana Horvat\u2069" }, expectError: "errors.invisibleCharacters" },
      { label: "1 MB of notes", fields: { ...validMentee, notes: MEGABYTE }, expectError: "errors.maxLength?max=5000" },
      { label: "unknown readiness", fields: { ...validMentee, readiness: "lazy" }, expectError: "errors.choice" },
      { label: "unknown town", fields: { ...validMentee, town: "Atlantis" }, expectError: "errors.unknownTown" },
      { label: "a town turned around by a right-to-left override", fields: { ...validMentee, town: "\u202EberagZ" }, expectError: "errors.invisibleCharacters" },
      { label: "hours the wrong way round", fields: { ...validMentee, hoursMin: "30", hoursMax: "5" }, expectError: "errors.hoursOrder" },
      { label: "unknown support need", fields: { ...validMentee, supportNeeded: ["gradual_start", "<b>x</b>"] }, expectError: "errors.choice" },
      { label: "bad e-mail", fields: { ...validMentee, email: "not-an-address" }, expectError: "errors.email" },
    ],
  },
  {
    path: "/mentor/introductions/:id (consent)",
    target: () => `/mentor/introductions/${proposedIntroduction.value}`,
    cookie: () => mentorCookie,
    cases: [
      { label: "unknown field", fields: { intent: "consent", fields: ["firstName", "bankAccount"] }, expectError: "errors.choice" },
      { label: "markup in the note", fields: { intent: "consent", fields: ["firstName", "note"], note: SCRIPT }, expectError: "errors.forbiddenCharacters" },
      { label: "a soft hyphen in the note", fields: { intent: "consent", fields: ["firstName", "note"], note: "Zo\u00ADve me Ana" }, expectError: "errors.invisibleCharacters" },
      { label: "1 MB note", fields: { intent: "consent", fields: ["note"], note: MEGABYTE }, expectError: "errors.maxLength?max=300" },
    ],
  },
  {
    path: "/employer/introductions/:id",
    target: () => `/employer/introductions/${introducedIntroduction.value}`,
    cookie: () => employerCookie,
    cases: [
      { label: "meeting without a date", fields: { answer: "meeting_proposed", at: "", place: "Pekara" }, expectError: "errors.required" },
      { label: "meeting at a nonsense time", fields: { answer: "meeting_proposed", at: "tomorrow-ish", place: "Pekara" }, expectError: "errors.dateTime" },
      { label: "meeting in the past", fields: { answer: "meeting_proposed", at: "2025-01-10T10:00", place: "Pekara" }, expectError: "errors.meetingInPast" },
      { label: "markup as the place", fields: { answer: "meeting_proposed", at: "2099-12-01T10:00", place: SCRIPT }, expectError: "errors.forbiddenCharacters" },
      { label: "decline without a reason", fields: { answer: "declined", reason: "" }, expectError: "errors.required" },
      { label: "decline with 1 MB reason", fields: { answer: "declined", reason: MEGABYTE }, expectError: "errors.maxLength?max=500" },
    ],
  },
  {
    path: "/mentor/introductions/:id (start)",
    target: () => `/mentor/introductions/${acceptedIntroduction.value}`,
    cookie: () => mentorCookie,
    cases: [
      { label: "hours in words", fields: { intent: "start", startDay: today, hoursPerWeek: "many", plannedEndDay: "2099-01-01" }, expectError: "errors.hoursBetween?min=1&max=60" },
      { label: "a start day that is no day", fields: { intent: "start", startDay: "soon", hoursPerWeek: "20" }, expectError: "errors.date" },
      { label: "a start day in 1900", fields: { intent: "start", startDay: "1900-01-01", hoursPerWeek: "20" }, expectError: "errors.startDayRange" },
      { label: "a planned end that is no day", fields: { intent: "start", startDay: today, hoursPerWeek: "20", plannedEndDay: "31.2.2027." }, expectError: "errors.date" },
    ],
  },
  {
    path: "/mentor/checkins/:id",
    target: () => `/mentor/checkins/${openCheckin.value}`,
    cookie: () => mentorCookie,
    cases: [
      { label: "a record without how it happened", fields: { intent: "record", contactDay: today }, expectError: "errors.chooseOne" },
      { label: "more days attended than expected", fields: { intent: "record", method: "phone", contactDay: today, attended: "6", expected: "5" }, expectError: "errors.attendanceMore" },
      { label: "markup in the private note", fields: { intent: "record", method: "phone", contactDay: today, privateNote: SCRIPT }, expectError: "errors.forbiddenCharacters" },
      { label: "1 MB next step", fields: { intent: "record", method: "phone", contactDay: today, nextStep: MEGABYTE }, expectError: "errors.maxLength?max=500" },
      { label: "unknown support agreed", fields: { intent: "record", method: "phone", contactDay: today, supportAgreed: ["gradual_start", "<b>x</b>"] }, expectError: "errors.choice" },
      { label: "a move without a reason", fields: { intent: "move", dueDay: "2099-01-01", reason: "" }, expectError: "errors.required", formName: () => hrText("checkins.record.moveTitle") },
      { label: "a move to no day", fields: { intent: "move", dueDay: "someday", reason: "Bolovanje" }, expectError: "errors.date", formName: () => hrText("checkins.record.moveTitle") },
      { label: "markup as the reason to cancel", fields: { intent: "cancel", reason: SCRIPT }, expectError: "errors.forbiddenCharacters", formName: () => hrText("checkins.record.cancelTitle") },
    ],
  },
  {
    path: "/me/checkins",
    formName: () => formNames.menteeCheckin,
    cookie: () => menteeCookie,
    cases: [
      { label: "no feeling chosen", fields: () => ({ checkinId: openCheckin.value, goesWell: "" }), expectError: "errors.chooseOne" },
      { label: "a feeling off the scale", fields: () => ({ checkinId: openCheckin.value, feeling: "9" }), expectError: "errors.choice" },
      { label: "markup in what goes well", fields: () => ({ checkinId: openCheckin.value, feeling: "4", goesWell: SCRIPT }), expectError: "errors.forbiddenCharacters" },
      { label: "someone else's check-in", fields: { checkinId: "0123456789abcdef01234567", feeling: "3" }, expectError: "errors.checkinClosed" },
    ],
  },
  {
    path: "/employer/placed",
    formName: () => formNames.employerCheckin,
    cookie: () => employerCookie,
    cases: [
      { label: "no answer how it goes", fields: () => ({ checkinId: openCheckin.value, attended: "3", expected: "5" }), expectError: "errors.chooseOne" },
      { label: "days in words", fields: () => ({ checkinId: openCheckin.value, attended: "three", expected: "5", impression: "mixed" }), expectError: "errors.between?min=0&max=7" },
      { label: "more days attended than expected", fields: () => ({ checkinId: openCheckin.value, attended: "6", expected: "5", impression: "mixed" }), expectError: "errors.attendanceMore" },
      { label: "markup in the concern", fields: () => ({ checkinId: openCheckin.value, attended: "3", expected: "5", impression: "mixed", concern: SCRIPT }), expectError: "errors.forbiddenCharacters" },
    ],
  },
  {
    path: "/me/offers",
    formName: () => formNames.anaOffer,
    cookie: () => menteeCookie,
    cases: [
      { label: "no answer chosen", fields: () => ({ proposalId: anaOffer.value, reason: "" }), expectError: "errors.chooseOne" },
      { label: "unknown answer", fields: () => ({ proposalId: anaOffer.value, answer: "maybe" }), expectError: "errors.choice" },
      { label: "markup in the reason", fields: () => ({ proposalId: anaOffer.value, answer: "declined", reason: SCRIPT }), expectError: "errors.forbiddenCharacters" },
      { label: "someone else's offer", fields: { proposalId: "0123456789abcdef01234567", answer: "declined" }, expectError: "errors.invalid" },
    ],
  },
  {
    path: "/coordinator?index",
    formName: () => formNames.pendingOrganisation,
    cookie: () => coordinatorCookie,
    cases: [
      { label: "reject without reason", fields: () => ({ intent: "reject", subject: "organisation", id: pendingOrganisationId.value, reason: "" }), expectError: "errors.required" },
      { label: "reject with a too short reason", fields: () => ({ intent: "reject", subject: "organisation", id: pendingOrganisationId.value, reason: "no" }), expectError: "errors.minLength?min=3" },
      { label: "hostile reason", fields: () => ({ intent: "reject", subject: "organisation", id: pendingOrganisationId.value, reason: SCRIPT }), expectError: "errors.forbiddenCharacters" },
      { label: "1 MB reason", fields: () => ({ intent: "reject", subject: "organisation", id: pendingOrganisationId.value, reason: MEGABYTE }), expectError: "errors.maxLength?max=1000" },
      { label: "unknown intent", fields: { intent: "delete", subject: "organisation", id: "x" }, expectError: "errors.invalid" },
    ],
  },
  {
    path: "/coordinator/mentees/:id",
    target: () => `/coordinator/mentees/${anaMentee.value}`,
    cookie: () => coordinatorCookie,
    cases: [
      { label: "erase without ticking the confirmation", fields: { intent: "erase" }, expectError: "errors.confirmErase" },
      { label: "hand over to a mentor of another organisation and country without confirming", fields: () => ({ intent: "handover", mentorId: mentorDaId.value, reason: "Moves to Aarhus" }), expectError: "errors.confirmHandoverAcross" },
      { label: "hand over to nobody", fields: { intent: "handover", mentorId: "", reason: "Moves to Aarhus" }, expectError: "errors.chooseOne" },
      { label: "hand over without a reason", fields: () => ({ intent: "handover", mentorId: mentorDaId.value, confirmAcross: "yes", reason: "" }), expectError: "errors.required" },
      { label: "hand over to the lead mentor", fields: () => ({ intent: "handover", mentorId: mentorHrId.value, reason: "Moves to Aarhus" }), expectError: "errors.sameMentor" },
    ],
  },
];

function escapeHtml(text: string) {
  return text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;").replaceAll('"', "&quot;");
}

type Messages = Record<string, Record<string, string>>;

/**
 * The Croatian text of a message as the page shows it: its values put in ("od 1 do 60"), and a
 * value the test cannot know (today's date, the time now) matched as any text.
 */
async function croatianPattern(message: string): Promise<RegExp> {
  const messages = (await import("~/locales/hr.json")).default as unknown as Messages;
  const [key, query] = message.split("?");
  const [group, name] = key.split(".");
  const params = Object.fromEntries(new URLSearchParams(query ?? ""));
  const text = messages[group][name];
  const parts = text.split(/(\{\{\w+\}\})/).map((part) => {
    const placeholder = /^\{\{(\w+)\}\}$/.exec(part);
    if (!placeholder) return escapeRegex(escapeHtml(part));
    return placeholder[1] in params ? escapeRegex(escapeHtml(params[placeholder[1]])) : "[^<]+";
  });
  return new RegExp(`>${parts.join("")}</p>`);
}

function escapeRegex(text: string) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/**
 * Every entry of the error summary links to a field of the page, names that field by its label
 * ("Label: problem") and the field shows its own message.
 */
function expectSummaryNamesFields(html: string) {
  const summary = /<div class="alert error-summary"[^>]*>([\s\S]*?)<\/div>/.exec(html);
  const links = summary ? [...summary[1].matchAll(/<a href="#([^"]+)">([^<]*)<\/a>/g)] : [];
  for (const [, id, text] of links) {
    const label = new RegExp(`<label for="${escapeRegex(id)}">([^<]*)</label>`).exec(html)?.[1] ?? new RegExp(`<fieldset[^>]* id="${escapeRegex(id)}"[^>]*><legend>([^<]*)</legend>`).exec(html)?.[1];
    expect(label, `a field with the id ${id} and a label`).toBeTruthy();
    // A label may end in a colon of its own; the summary drops it before its own ": ". A question
    // keeps its own mark instead ("Kako ide? Molimo…", never "Kako ide?:").
    const named = label!.replace(/:\s*$/, "");
    const lead = /[?!]$/.test(named) ? `${named} ` : `${named}: `;
    // On a page of several such forms (her check-ins, an employer's placed people) it first names
    // which one: "ponedjeljak, 30. studenoga 2026. · Kako se osjećate na poslu? Molimo…".
    expect(new RegExp(`^(?:[^<]+ · )?${escapeRegex(lead)}`).test(text), `"${text}" names its field "${named}"`).toBe(true);
    expect(html, `the field ${id} shows its message`).toContain(`id="${id}-error"`);
  }
  return links.length;
}

/** A Croatian text of the page by its key ("checkins.record.moveTitle"). */
function hrText(key: string): string {
  return key.split(".").reduce<unknown>((at, part) => (at as Record<string, unknown>)[part], hrMessages) as string;
}
let hrMessages: Messages;
beforeAll(async () => {
  hrMessages = (await import("~/locales/hr.json")).default as unknown as Messages;
});

/**
 * On a page of several forms of one kind, the summary sits in the form that was refused (where
 * focus lands), names it before each field, and each field's accessible name names it too.
 */
function expectSummaryInNamedForm(html: string, formName: string) {
  const summary = /<div class="alert error-summary"[^>]*>([\s\S]*?)<\/div>/.exec(html)!;
  expect(html.match(/class="alert error-summary"/g), "one summary").toHaveLength(1);
  const form = html.slice(html.lastIndexOf("<form", summary.index), html.indexOf("</form>", summary.index));
  for (const [, id, text] of summary[1].matchAll(/<a href="#([^"]+)">([^<]*)<\/a>/g)) {
    expect(text.startsWith(`${escapeHtml(formName)} · `), `"${text}" names its form "${formName}"`).toBe(true);
    expect(form, `the summary is in the form of the field ${id}`).toMatch(new RegExp(` id="${escapeRegex(id)}"[^>]* aria-label="${escapeRegex(escapeHtml(formName))} · `));
  }
}

describe.each(forms)("the form at $path", ({ path, target, cases, cookie, formName: pageFormName }) => {
  it.each(cases)("answers $label with a 4xx and a Croatian field error, storing nothing", async ({ fields, expectError, formName = pageFormName }) => {
    const before = await counts();
    const headers: Record<string, string> = { "Accept-Language": "hr" };
    if (cookie) headers.Cookie = cookie();
    const response = await postForm(portal, target ? target() : path, typeof fields === "function" ? fields() : fields, headers);
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
    const html = await response.text();
    expect(html).toContain('lang="hr"');
    // Rendered as text of the page, not just present in the translations the page carries.
    expect(html).toMatch(await croatianPattern(expectError));
    // A field's problem is in the summary, with the field's label; a form-wide one has no summary entry.
    const entries = expectSummaryNamesFields(html);
    if (!["errors.invalid", "errors.transitionNotAllowed", "reset.invalid", "errors.checkinClosed"].includes(expectError)) expect(entries).toBeGreaterThan(0);
    if (formName && entries > 0) expectSummaryInNamedForm(html, formName());
    expect(html).not.toContain(SCRIPT);
    expect(await counts()).toEqual(before);
  });
});

describe("dates as people write them", () => {
  it("names today, written the Croatian way, as the earliest start a placement may have", async () => {
    const today = new Date().toLocaleDateString("hr", { timeZone: "Europe/Zagreb" });
    const response = await postForm(portal, "/employer/placements/new", { ...validPlacement, startDate: "2024-01-15" }, { "Accept-Language": "hr", Cookie: employerCookie });
    expect(await response.text()).toContain(escapeHtml(today));
  });

  it("names every problem of a placement at once: hours the wrong way round, a start in the past and a town nobody knows", async () => {
    const { PlacementModel } = await import("~/placements/model.server.ts");
    const title = `Sve greške odjednom ${Date.now()}`;
    const response = await postForm(portal, "/employer/placements/new", { ...validPlacement, title, hoursMin: "30", hoursMax: "10", startDate: "2020-01-01", town: "Xyzzyville" }, { Cookie: employerCookie });
    expect(response.status).toBe(400);
    const page = await response.text();
    // The employer reads Croatian; the summary at the top names all three.
    const hr = (await import("../../app/locales/hr.json", { with: { type: "json" } })).default as { errors: Record<string, string> };
    const summary = page.slice(page.indexOf("error-summary"), page.indexOf("</ul>", page.indexOf("error-summary")));
    expect(summary).toContain(escapeHtml(hr.errors.hoursOrder));
    expect(summary).toContain(escapeHtml(hr.errors.unknownTown));
    expect(summary).toContain(escapeHtml(hr.errors.startDateInPast.split("{{")[0]));
    expect(await PlacementModel.exists({ title })).toBeNull();
  });

  it("accepts a start date and a meeting written the Croatian way", async () => {
    const { PlacementModel } = await import("~/placements/model.server.ts");
    const { IntroductionModel } = await import("~/introductions/model.server.ts");
    const title = `Datum po hrvatski ${Date.now()}`;
    const created = await postForm(portal, "/employer/placements/new", { ...validPlacement, title, startDate: "15. 3. 2099.", intent: "draft" }, { Cookie: employerCookie });
    expect(created.status).toBe(302);
    expect((await PlacementModel.findOne({ title }).lean())?.startDate?.toISOString()).toBe("2099-03-15T00:00:00.000Z");
    const proposed = await postForm(portal, `/employer/introductions/${introducedIntroduction.value}`, { answer: "meeting_proposed", at: "15.3.2099. u 10:30", place: "Pekara" }, { Cookie: employerCookie });
    expect(proposed.status).toBe(302);
    expect((await IntroductionModel.findById(introducedIntroduction.value).lean())?.meetingAt?.toISOString()).toBe("2099-03-15T10:30:00.000Z");
  });
});

describe("what a refused form repeats back", () => {
  it("is the form's own fields, each once: a consent posted with 20 000 repeated and made-up fields answers as small as any refusal", async () => {
    const before = await counts();
    const headers = { "Accept-Language": "hr", Cookie: menteeCookie };
    const target = `/me/consents/${proposedIntroduction.value}`;
    const usual = await postForm(portal, target, { fields: ["firstName", "bankAccount"] }, headers);
    const flood: Record<string, string | string[]> = { fields: Array.from({ length: 20_000 }, () => "firstName"), note: "n".repeat(20_000) };
    for (let i = 0; i < 2_000; i++) flood[`made-up-${i}`] = ["x", "y"];
    const flooded = await postForm(portal, target, flood, headers);
    expect([usual.status, flooded.status]).toEqual([400, 400]);
    const [usualPage, floodedPage] = [await usual.text(), await flooded.text()];
    expect(floodedPage.length).toBeLessThan(usualPage.length + 2_000);
    expect(floodedPage).not.toContain("made-up-");
    expect(await counts()).toEqual(before);
  });
});

describe("requests that never reach a form", () => {
  it("refuses a body over 2 MB with 413", async () => {
    const before = await counts();
    const response = await postForm(portal, "/register", { ...validRegistration, name: "x".repeat(3 * 1024 * 1024) });
    expect(response.status).toBe(413);
    expect(await counts()).toEqual(before);
  });

  it("refuses a form posted from another site with 403", async () => {
    const before = await counts();
    const response = await postForm(portal, "/register", { ...validRegistration, email: "csrf@example.test" }, { Origin: "http://evil.example" });
    expect(response.status).toBe(403);
    expect(await counts()).toEqual(before);
  });

  it("answers a multipart upload in place of text with a field error", async () => {
    const before = await counts();
    const body = new FormData();
    for (const [key, value] of Object.entries(validRegistration)) body.append(key, value);
    body.set("name", new Blob(["binary"], { type: "application/octet-stream" }), "evil.exe");
    const response = await fetch(`${portal.url}/register`, { method: "POST", body, headers: { Origin: portal.url, "Accept-Language": "hr" } });
    expect(response.status).toBe(400);
    expect(await counts()).toEqual(before);
  });

  it("answers an unsupported method or unknown path without a 5xx", async () => {
    for (const method of ["PUT", "DELETE", "PATCH"]) {
      for (const path of ["/employer", "/nowhere", "/login?redirectTo=%00"]) {
        const response = await fetch(`${portal.url}${path}`, { method, headers: { Origin: portal.url }, redirect: "manual" });
        expect(response.status, `${method} ${path}`).toBe(405);
      }
    }
    for (const body of ["{\"email\": 1}", "not a form"]) {
      const response = await fetch(`${portal.url}/login`, { method: "POST", body, headers: { Origin: portal.url, "Content-Type": "application/json" } });
      expect(response.status).toBe(400);
    }
    expect((await fetch(`${portal.url}/confirm-email?token=${"%ff".repeat(30)}`)).status).toBe(200);
  });

  it("ignores an unknown language and stores nothing", async () => {
    const response = await postForm(portal, "/resources/language", { language: "xx", redirectTo: "https://evil.example" });
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe("/");
    expect(response.headers.get("set-cookie")).toBeNull();
  });
});
