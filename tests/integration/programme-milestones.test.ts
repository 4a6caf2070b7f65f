import { afterAll, describe, expect, it } from "vitest";
import { UserModel } from "~/accounts/model.server.ts";
import { openSchedule } from "~/checkins/checkins.server.ts";
import { CheckinModel, FollowUpModel, type Checkin, type FollowUp } from "~/checkins/model.server.ts";
import { programmeMilestones, saveProgrammeMilestones } from "~/checkins/programme-milestones.server.ts";
import { OutboxModel } from "~/outbox/model.server.ts";
import { ProgrammeSettingChangeModel, ProgrammeSettingModel } from "~/programme/model.server.ts";
import { acceptedIntroduction, makeCoordinator, startToday } from "../support/follow-ups.ts";
import { postForm, startPortal, type RunningPortal } from "../support/portal.ts";

// The programme's own follow-up milestones: a coordinator changes the list, a start recorded
// afterwards gets it, a start recorded before keeps its plan; the page refuses bad input in the
// coordinator's language and stores nothing.

const milestonesOf = async (followUpId: string) => (await CheckinModel.find({ followUpId }).sort({ dueDay: 1 }).lean<Checkin[]>()).map((c) => c.milestone);

describe("the programme's milestones", () => {
  it("are the defaults until a coordinator sets them; then a new start opens the programme's plan and an earlier one keeps its own", async () => {
    const before = await acceptedIntroduction();
    const earlier = await startToday(before);
    expect(await milestonesOf(earlier)).toEqual(["week1", "week2", "month1", "month3", "month6"]);

    const coordinator = await makeCoordinator("Katarina");
    await saveProgrammeMilestones(coordinator, [{ days: 10 }, { days: 21 }, { months: 2 }]);
    expect((await programmeMilestones()).map((m) => m.name)).toEqual(["day10", "week3", "month2"]);
    const change = await ProgrammeSettingChangeModel.findOne({ setting: "followUpMilestones" }).lean();
    expect(change).toMatchObject({ changedBy: coordinator._id, changedByName: "Katarina", before: null, after: [{ days: 10 }, { days: 21 }, { months: 2 }] });

    const after = await acceptedIntroduction();
    const later = await startToday(after);
    expect(await milestonesOf(later)).toEqual(["day10", "week3", "month2"]);
    // Each of the new check-ins has its five reminders queued.
    expect(await OutboxModel.countDocuments({ kind: "checkin-reminder", menteeId: after.menteeId })).toBe(15);

    // Opening the earlier plan again (a start submitted twice, or again after a crash) adds nothing from the new list.
    await openSchedule((await FollowUpModel.findById(earlier).lean<FollowUp>())!, before.mentor);
    expect(await milestonesOf(earlier)).toEqual(["week1", "week2", "month1", "month3", "month6"]);
  });
});

describe("the coordinator's milestone page", () => {
  let portal: RunningPortal;
  let cookie = "";
  afterAll(async () => portal?.stop());

  const post = (fields: Record<string, string>) => postForm(portal, "/coordinator/milestones", fields, { Cookie: cookie });
  const stored = async () => JSON.stringify(await ProgrammeSettingModel.findById("followUpMilestones").lean());

  it("refuses bad input with a field error in the coordinator's language, stores nothing, and saves a good list", async () => {
    portal = await startPortal({ OUTBOX_POLL_MS: "60000" }, { seed: true });
    const login = await postForm(portal, "/login", { email: "coordinator@demo.placements.test", password: "demo-placements-2026" });
    cookie = login.headers.get("set-cookie")!.split(";")[0];
    // The coordinator reads Croatian.
    await UserModel.updateOne({ email: "coordinator@demo.placements.test" }, { $set: { language: "hr" } });
    const unchanged = await stored();

    const tooFar = await post({ intent: "save", "after-0": "400", "unit-0": "days", "after-1": "2", "unit-1": "months" });
    expect(tooFar.status).toBe(400);
    expect(await tooFar.text()).toContain("cijeli broj dana od 1 do 365");
    const twice = await post({ intent: "save", "after-0": "7", "unit-0": "days", "after-1": "1", "unit-1": "weeks" });
    expect(twice.status).toBe(400);
    expect(await twice.text()).toContain("Ova je točka već na popisu");
    const none = await post({ intent: "save", "after-0": "", "unit-0": "days" });
    expect(none.status).toBe(400);
    expect(await none.text()).toContain("zadržite barem jednu točku");
    expect(await stored()).toBe(unchanged);

    const saved = await post({ intent: "save", "after-0": "10", "unit-0": "days", "after-1": "4", "unit-1": "months", "after-2": "", "unit-2": "days" });
    expect(saved.status).toBe(302);
    expect((await programmeMilestones()).map((m) => m.name)).toEqual(["day10", "month4"]);
    const shown = await (await fetch(`${portal.url}/coordinator/milestones`, { headers: { Cookie: cookie } })).text();
    expect(shown).toContain("10. dan, 4. mjesec");
    expect(shown).toContain("Postavljeno: Katarina Horvat");
  });
});
