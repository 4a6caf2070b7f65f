import { describe, expect, it } from "vitest";
import { changePlacementStatus, createPlacement, getOwnPlacement, requestReview, restorePlacement, takeDownPlacement, updatePlacement } from "~/placements/placements.server.ts";
import { searchQuerySchema, searchParamsToObject } from "~/placements/schema.server.ts";
import { PAGE_SIZE, searchPlacements, searchPlacementsInDatabase } from "~/placements/search.server.ts";
import { rebuildPlacementIndex } from "~/placements/search-index.server.ts";
import { PlacementModel } from "~/placements/model.server.ts";
import { UserModel } from "~/accounts/model.server.ts";
import { withdrawVerification } from "~/organisations/verification.server.ts";
import { drainOutbox, makeEmployer, placementInput } from "../support/placements.ts";

function query(params: string) {
  return searchQuerySchema.parse(searchParamsToObject(new URLSearchParams(params)));
}

async function titlesFor(params: string) {
  const result = await searchPlacements(query(params));
  expect(result.mode).toBe("search");
  return result.hits.map((h) => h.title);
}

async function coordinator() {
  return (await UserModel.create({ email: `coord-${Date.now()}-${Math.random()}@example.test`, name: "C", role: "coordinator", passwordHash: "x" })).toObject();
}

describe("placements in the public search", () => {
  it("finds a published placement by a misspelt word, and not a draft", async () => {
    const employer = await makeEmployer();
    await createPlacement(employer, placementInput({ title: "Kitchen helper in Varaždin" }), { publish: true });
    await createPlacement(employer, placementInput({ title: "Secret kitchen draft" }), { publish: false });
    await drainOutbox();
    const titles = await titlesFor("q=kitchn");
    expect(titles).toContain("Kitchen helper in Varaždin");
    expect(titles).not.toContain("Secret kitchen draft");
  });

  it("serves a public page only for a published placement", async () => {
    const { getPublicPlacement } = await import("~/placements/search.server.ts");
    const employer = await makeEmployer();
    const published = await createPlacement(employer, placementInput({ title: "Public page placement" }), { publish: true });
    const draft = await createPlacement(employer, placementInput({ title: "Draft page placement" }), { publish: false });
    if (!published.ok || !draft.ok) throw new Error("not created");
    await drainOutbox();
    expect((await getPublicPlacement(published.id))?.support).toEqual(["onsite_buddy", "gradual_start"]);
    expect(await getPublicPlacement(draft.id)).toBeNull();
    expect(await getPublicPlacement("not-an-id")).toBeNull();
  });

  it("finds Croatian words typed without diacritics", async () => {
    const employer = await makeEmployer();
    await createPlacement(employer, placementInput({ title: "Radnik u skladištu", language: "hr" }), { publish: true });
    await drainOutbox();
    expect(await titlesFor("q=skladiste")).toContain("Radnik u skladištu");
  });

  it("shows the placements of the closest indexed word when a word with two typos finds nothing, and says which word", async () => {
    const employer = await makeEmployer();
    await createPlacement(employer, placementInput({ title: "Konobar u pivnici", description: "Posluživanje gostiju u maloj pivnici.", language: "hr" }), { publish: true });
    await drainOutbox();
    // "pivnca" is two edits from "pivnici": more than the index allows a six-letter word.
    const typo = await searchPlacements(query("q=pivnca"));
    expect(typo.correctedQuery).toBe("pivnici");
    expect(typo.hits.map((h) => h.title)).toContain("Konobar u pivnici");
    const exact = await searchPlacements(query("q=pivnici"));
    expect(exact.correctedQuery).toBeNull();
    expect(exact.hits.map((h) => h.title)).toContain("Konobar u pivnici");
    const nonsense = await searchPlacements(query("q=qxzvqxzv"));
    expect([nonsense.total, nonsense.correctedQuery]).toEqual([0, null]);
  });

  it("searches the words of a query typed with an emoji, invisible characters or a leading minus", async () => {
    const employer = await makeEmployer();
    const tag = `posaotest${Date.now()}`;
    await createPlacement(employer, placementInput({ title: `${tag} u skladištu`, language: "hr" }), { publish: true });
    await createPlacement(employer, placementInput({ title: "Drugi posao bez oznake", language: "hr" }), { publish: true });
    await drainOutbox();
    // "-word" was Meilisearch's exclusion: it found every placement but this one.
    for (const typed of [`💼 ${tag}`, `\u200B${tag}`, `\u202E${tag}`, `-${tag}`, `"${tag}"`]) {
      const params = `q=${encodeURIComponent(typed)}`;
      const fromIndex = await searchPlacements(query(params));
      expect([typed, fromIndex.mode, fromIndex.hits.map((h) => h.title)]).toEqual([typed, "search", [`${tag} u skladištu`]]);
      const fromDatabase = await searchPlacementsInDatabase(query(params));
      expect([typed, fromDatabase.hits.map((h) => h.title)]).toEqual([typed, [`${tag} u skladištu`]]);
    }
    // The search box keeps what was typed.
    expect(query(`q=${encodeURIComponent(`💼 ${tag}`)}`).q).toBe(`💼 ${tag}`);
  });

  it("counts, for a search that finds nothing, only the filters whose leaving out would find something", async () => {
    const employer = await makeEmployer();
    const tag = `relaxtest${Date.now()}`;
    await createPlacement(employer, placementInput({ title: `${tag} job`, kind: "job", readiness: "job_ready", support: ["onsite_buddy"] }), { publish: true });
    await drainOutbox();
    const nothing = await searchPlacements(query(`q=${tag}&kind=job&support=onsite_buddy&support=transport_help`));
    expect(nothing.total).toBe(0);
    expect(nothing.relaxations).toEqual([{ param: "support", value: "transport_help", total: 1 }]);
    expect((await searchPlacements(query(`q=${tag}&kind=job`))).relaxations).toEqual([]);
  });

  it("shows an edit, and removes closed and unpublished placements", async () => {
    const employer = await makeEmployer();
    const first = await createPlacement(employer, placementInput({ title: "Bakery assistant Čakovec" }), { publish: true });
    const second = await createPlacement(employer, placementInput({ title: "Bakery packer Čakovec" }), { publish: true });
    if (!first.ok || !second.ok) throw new Error("not created");
    await drainOutbox();
    await updatePlacement(employer, first.id, placementInput({ title: "Bread baker Čakovec" }));
    await drainOutbox();
    expect(await titlesFor("q=bread baker")).toContain("Bread baker Čakovec");
    expect(await titlesFor("q=bakery assistant")).not.toContain("Bakery assistant Čakovec");

    expect(await changePlacementStatus(employer, first.id, "closed")).toEqual({ ok: true });
    expect(await takeDownPlacement(await coordinator(), second.id, "Wrong wage information")).toBe(true);
    const { OutboxModel } = await import("~/outbox/model.server.ts");
    const told = await OutboxModel.findOne({ "payload.template": "placementUnpublished", "payload.to": employer.email }).lean();
    expect(told?.payload).toMatchObject({ params: { title: "Bakery packer Čakovec", reason: "Wrong wage information" } });
    await drainOutbox();
    const titles = await titlesFor("q=Čakovec");
    expect(titles).not.toContain("Bread baker Čakovec");
    expect(titles).not.toContain("Bakery packer Čakovec");
  });

  it("keeps a coordinator's take-down until a coordinator puts the placement back", async () => {
    const employer = await makeEmployer();
    const created = await createPlacement(employer, placementInput({ title: "Dishwasher Ludbreg takedown" }), { publish: true });
    if (!created.ok) throw new Error("not created");
    const moderator = await coordinator();
    expect(await takeDownPlacement(moderator, created.id, "The hours are not true")).toBe(true);
    // "Publish again", "pause" and the like are all refused, with why and what to do.
    for (const to of ["published", "paused", "filled"] as const) expect(await changePlacementStatus(employer, created.id, to)).toEqual({ ok: false, fieldErrors: { form: "errors.takenDown" } });
    expect(await updatePlacement(employer, created.id, placementInput({ title: "Dishwasher Ludbreg takedown", hoursMin: "12" }))).toEqual({ ok: true });
    expect(await requestReview(employer, created.id)).toEqual({ ok: true });
    expect(await requestReview(employer, created.id)).toEqual({ ok: false, fieldErrors: { form: "errors.reviewAlreadyRequested" } });
    await drainOutbox();
    expect(await titlesFor("q=Dishwasher Ludbreg takedown")).not.toContain("Dishwasher Ludbreg takedown");
    expect(await PlacementModel.findById(created.id).lean()).toMatchObject({ status: "taken_down", moderationReason: "The hours are not true", hoursMin: 12 });
    expect((await PlacementModel.findById(created.id).lean())?.editedAfterTakeDownAt).toBeInstanceOf(Date);

    expect(await restorePlacement(moderator, created.id)).toBe(true);
    const { OutboxModel } = await import("~/outbox/model.server.ts");
    expect(await OutboxModel.exists({ "payload.template": "placementRestored", "payload.to": employer.email })).not.toBeNull();
    await drainOutbox();
    expect(await titlesFor("q=Dishwasher Ludbreg takedown")).toContain("Dishwasher Ludbreg takedown");
    const restored = await PlacementModel.findById(created.id).lean();
    expect(restored?.status).toBe("published");
    expect(restored?.moderationReason).toBeUndefined();
    expect(restored?.reviewRequestedAt).toBeUndefined();
  });

  it("adopts a take-down from before as taken down, so that the employer cannot publish it again", async () => {
    const { adoptEarlierTakeDowns } = await import("~/placements/placements.server.ts");
    const employer = await makeEmployer();
    const created = await createPlacement(employer, placementInput({ title: "Old take-down" }), { publish: false });
    if (!created.ok) throw new Error("not created");
    await PlacementModel.updateOne({ _id: created.id }, { $set: { status: "paused", moderationReason: "Misleading" } });
    await adoptEarlierTakeDowns();
    expect((await PlacementModel.findById(created.id).lean())?.status).toBe("taken_down");
    expect(await changePlacementStatus(employer, created.id, "published")).toEqual({ ok: false, fieldErrors: { form: "errors.takenDown" } });
  });

  it("refuses a new start date in the past, keeps the date of one that has started, and shows it as started in search", async () => {
    const employer = await makeEmployer();
    const past = placementInput({ title: "Past start Koprivnica", startDate: "2024-01-15" });
    const refused = await createPlacement(employer, past, { publish: true });
    expect(refused.ok).toBe(false);
    expect(!refused.ok && refused.fieldErrors.startDate).toMatch(/^errors\.startDateInPast\?earliestDate=\d{4}-\d{2}-\d{2}$/);
    const created = await createPlacement(employer, placementInput({ title: "Past start Koprivnica", startDate: "2099-01-15" }), { publish: true });
    if (!created.ok) throw new Error("not created");
    // It started (its day came): an edit that keeps the day is saved; a new day in the past is not.
    await PlacementModel.updateOne({ _id: created.id }, { $set: { startDate: new Date("2024-01-15T00:00:00Z") } });
    expect(await updatePlacement(employer, created.id, placementInput({ title: "Past start Koprivnica", startDate: "15.1.2024.", hoursMax: "25" }))).toEqual({ ok: true });
    expect((await updatePlacement(employer, created.id, placementInput({ title: "Past start Koprivnica", startDate: "2024-01-16" }))).ok).toBe(false);
  });

  it("hides every placement of an organisation whose verification is withdrawn", async () => {
    const employer = await makeEmployer();
    await createPlacement(employer, placementInput({ title: "Gardener Zadar withdrawn", town: "Zadar" }), { publish: true });
    await drainOutbox();
    expect(await titlesFor("q=gardener zadar withdrawn")).toContain("Gardener Zadar withdrawn");
    expect(await withdrawVerification(await coordinator(), String(employer.organisationId), "Not a real company")).toBe(true);
    await drainOutbox();
    expect(await titlesFor("q=gardener zadar withdrawn")).not.toContain("Gardener Zadar withdrawn");
  });

  it("filters by support, kind, hours and distance, the same in the index and in the database", async () => {
    const employer = await makeEmployer();
    const tag = `filtertest${Date.now()}`;
    await createPlacement(employer, placementInput({ title: `${tag} near`, town: "Varaždin", support: ["onsite_buddy", "transport_help"], hoursMin: "8" }), { publish: true });
    await createPlacement(employer, placementInput({ title: `${tag} far`, town: "Split", support: ["onsite_buddy"], hoursMin: "8" }), { publish: true });
    await createPlacement(employer, placementInput({ title: `${tag} long hours`, town: "Čakovec", kind: "job", readiness: "job_ready", hoursMin: "30", hoursMax: "40" }), { publish: true });
    await drainOutbox();
    const cases: [string, string[]][] = [
      [`q=${tag}&town=Varaždin&radius=20`, [`${tag} near`, `${tag} long hours`]],
      [`q=${tag}&support=transport_help`, [`${tag} near`]],
      [`q=${tag}&kind=job`, [`${tag} long hours`]],
      [`q=${tag}&maxHours=10`, [`${tag} near`, `${tag} far`]],
    ];
    for (const [params, expected] of cases) {
      expect((await titlesFor(params)).sort(), params).toEqual(expected.sort());
      expect((await searchPlacementsInDatabase(query(params))).hits.map((h) => h.title).sort(), `database: ${params}`).toEqual(expected.sort());
    }
    const byDistance = await searchPlacements(query(`q=${tag}&town=Split&sort=distance`));
    expect(byDistance.hits[0].title).toBe(`${tag} far`);
    expect(byDistance.hits[0].distanceKm).toBe(0);
  });

  it("drops unknown filter values and cannot be steered by what a person types", async () => {
    const employer = await makeEmployer();
    await createPlacement(employer, placementInput({ title: "Injection target", kind: "practicum" }), { publish: true });
    await drainOutbox();
    const sneaky = query(`kind=job" OR kind != "x&support=onsite_buddy) OR (1=1&q=${encodeURIComponent('" OR 1=1')}&radius=999999&maxHours=-5&page=abc`);
    expect(sneaky.kind).toEqual({ valid: [], dropped: true });
    expect(sneaky.support).toEqual({ valid: [], dropped: true });
    expect(sneaky.radius.dropped && sneaky.maxHours.dropped && sneaky.page.dropped).toBe(true);
    const result = await searchPlacements(sneaky);
    expect(result.mode).toBe("search");
    const practicumOnly = await searchPlacements(query("q=Injection target&kind=job"));
    expect(practicumOnly.hits.map((h) => h.title)).not.toContain("Injection target");
  });

  it("shows the last page for a page past the end and the first for what is not a page number, in the index and in the database", async () => {
    const employer = await makeEmployer();
    const letters = () => Array.from({ length: 10 }, () => String.fromCharCode(97 + Math.floor(Math.random() * 26))).join("");
    const [many, single] = [`zq${letters()}`, `xj${letters()}`];
    for (let n = 0; n < PAGE_SIZE + 3; n++) await createPlacement(employer, placementInput({ title: `Helper ${many} ${n}` }), { publish: true });
    await createPlacement(employer, placementInput({ title: `Helper ${single}` }), { publish: true });
    await drainOutbox();
    for (const search of [searchPlacements, searchPlacementsInDatabase]) {
      const what = search.name;
      const second = await search(query(`q=${many}&page=2`));
      expect([second.page, second.pages, second.hits.length], what).toEqual([2, 2, 3]);
      for (const page of ["3", "7", "101", "99999"]) {
        const past = await search(query(`q=${many}&page=${page}`));
        expect([past.page, past.pages], `${what} page=${page}`).toEqual([2, 2]);
        expect(past.hits.map((h) => h.title).sort(), `${what} page=${page}`).toEqual(second.hits.map((h) => h.title).sort());
      }
      for (const page of ["0", "-1", "abc", "1.5"]) {
        const first = await search(query(`q=${many}&page=${page}`));
        expect([first.page, first.hits.length], `${what} page=${page}`).toEqual([1, PAGE_SIZE]);
      }
      // A search of one page: that page, not an empty "page 2 of 1" under "1 placement found".
      const one = await search(query(`q=${single}&page=2`));
      expect([one.page, one.pages, one.hits.map((h) => h.title)], what).toEqual([1, 1, [`Helper ${single}`]]);
    }
  });

  it("finds a title by a word typed with the joiner its script writes inside it, in the index and in the database, and leaves out what hides", async () => {
    const employer = await makeEmployer();
    const tag = `zj${Date.now().toString(36)}`;
    const titles = {
      persian: `می\u200Cخواهم ${tag} آشپزخانه`,
      devanagari: `क्\u200Dष ${tag} रसोई`,
      family: `Obiteljski ${tag} 👨\u200D👩\u200D👧 restoran`,
    };
    for (const title of Object.values(titles)) {
      const created = await createPlacement(employer, placementInput({ title }), { publish: true });
      expect(created.ok, title).toBe(true);
    }
    await drainOutbox();
    const typed: [string, string][] = [
      // Meilisearch reads a Persian non-joiner as a break between two words, as in the title.
      ["می\u200Cخواهم", titles.persian],
      // Without its joiner "क्‍ष" is "क्ष", a word no title here holds.
      ["क्\u200Dष", titles.devanagari],
      // The emoji goes from a search with its joiners; the word beside it finds the title.
      [`👨\u200D👩\u200D👧 obiteljski ${tag}`, titles.family],
      // A zero-width space, a byte-order mark, a soft hyphen or an override typed into a word still finds it.
      [`\uFEFFक्\u200Dष\u200B ${tag}\u00AD`, titles.devanagari],
      ["\u202Eمی\u200Cخواهم\u202C", titles.persian],
    ];
    for (const search of [searchPlacements, searchPlacementsInDatabase]) {
      for (const [q, title] of typed) {
        const found = await search(query(`q=${encodeURIComponent(q)}`));
        expect(found.hits.map((h) => h.title), `${search.name} ${JSON.stringify(q)}`).toContain(title);
      }
    }
  });

  it("rebuilds the index with no moment where search is empty", async () => {
    const employer = await makeEmployer();
    for (let i = 0; i < 30; i++) await createPlacement(employer, placementInput({ title: `Reindex placement ${i}` }), { publish: true });
    await drainOutbox();
    let searching = true;
    const counts: number[] = [];
    const searcher = (async () => {
      while (searching) counts.push((await searchPlacements(query("q=reindex placement"))).total);
    })();
    const result = await rebuildPlacementIndex({ batchSize: 7 });
    searching = false;
    await searcher;
    expect(result.documents).toBeGreaterThanOrEqual(30);
    expect(counts.length).toBeGreaterThan(3);
    expect(Math.min(...counts)).toBeGreaterThanOrEqual(30);
  });
});

describe("who may change a placement", () => {
  it("refuses another organisation's placement with 403, and an unknown one with 404", async () => {
    const owner = await makeEmployer();
    const other = await makeEmployer();
    const created = await createPlacement(owner, placementInput(), { publish: false });
    if (!created.ok) throw new Error("not created");
    await expect(getOwnPlacement(other, created.id)).rejects.toMatchObject({ status: 403 });
    await expect(updatePlacement(other, created.id, placementInput({ title: "Hijacked" }))).rejects.toMatchObject({ status: 403 });
    await expect(changePlacementStatus(other, created.id, "published")).rejects.toMatchObject({ status: 403 });
    await expect(getOwnPlacement(other, "0123456789abcdef01234567")).rejects.toMatchObject({ status: 404 });
    expect((await PlacementModel.findById(created.id).lean())?.title).toBe("Kitchen assistant");
  });

  it("lets an unverified organisation save drafts but not publish", async () => {
    const employer = await makeEmployer("pending");
    expect(await createPlacement(employer, placementInput(), { publish: true })).toEqual({ ok: false, fieldErrors: { form: "errors.organisationNotVerified" } });
    const draft = await createPlacement(employer, placementInput(), { publish: false });
    if (!draft.ok) throw new Error("not created");
    expect(await changePlacementStatus(employer, draft.id, "published")).toEqual({ ok: false, fieldErrors: { form: "errors.organisationNotVerified" } });
  });

  it("refuses every transition the lifecycle does not allow", async () => {
    const employer = await makeEmployer();
    const created = await createPlacement(employer, placementInput(), { publish: false });
    if (!created.ok) throw new Error("not created");
    const refused = { ok: false, fieldErrors: { form: "errors.transitionNotAllowed" } };
    expect(await changePlacementStatus(employer, created.id, "paused")).toEqual(refused);
    expect(await changePlacementStatus(employer, created.id, "filled")).toEqual(refused);
    expect(await changePlacementStatus(employer, created.id, "published")).toEqual({ ok: true });
    expect(await changePlacementStatus(employer, created.id, "published")).toEqual(refused);
    expect(await changePlacementStatus(employer, created.id, "closed")).toEqual({ ok: true });
    for (const to of ["draft", "published", "paused", "filled"] as const) expect(await changePlacementStatus(employer, created.id, to)).toEqual(refused);
    expect(await updatePlacement(employer, created.id, placementInput())).toEqual(refused);
  });

  it("asks for a town the gazetteer knows", async () => {
    const employer = await makeEmployer();
    expect(await createPlacement(employer, placementInput({ town: "Atlantis" }), { publish: false })).toEqual({ ok: false, fieldErrors: { town: "errors.unknownTown" } });
  });
});
