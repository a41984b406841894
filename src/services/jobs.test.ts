// Jobs in worker threads: a full evaluation split across workers stores and reports what one thread does.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { openTestStore, TEST_ENGINE, type TestStore } from "../../test/test-store.ts";
import type { AppError } from "../domain/errors.ts";
import { listOrders } from "../store/catalog.ts";
import { type FacilityCountries, listTimelinesInRange, listTimelinesOf, saveEvent } from "../store/events.ts";
import { storedFindings } from "../store/findings.ts";
import { peopleCuts } from "../store/people.ts";
import { computeDashboard, type Dashboard } from "./dashboard.ts";
import { evaluateEveryone, reevaluate } from "./findings.ts";
import { generateDataset } from "./generate-dataset/index.ts";
import { evaluateEveryoneInWorker, keptJob, stopKeptJobs } from "./jobs.ts";

const T = `[${TEST_ENGINE}]`;
let store: TestStore;
before(async () => {
  store = await openTestStore();
  await generateDataset(store.db, { people: 300, events: 2400, seed: 8 });
});
after(() => store.close());

test(`${T} two workers evaluate everyone once, store the same findings as one thread, report no change after`, async () => {
  const asOf = "2026-11-20T00:00:00.000Z";
  const split = await evaluateEveryoneInWorker(
    store.target,
    { asOf, batch: 50 },
    { keys: store.keyConfig, workers: 2 },
  );
  assert.equal(split.people, 300);
  assert.ok(split.findings > 300);
  assert.equal(split.changes.added, split.findings, "a first evaluation adds every finding");
  const stored = await storedFindings(store.db);
  assert.equal(stored.length, split.findings);
  const again = await evaluateEveryone(store.db, { asOf });
  assert.deepEqual(again, {
    people: 300,
    findings: split.findings,
    changes: { added: 0, removed: 0, changed: 0 },
  });
  assert.deepEqual(await storedFindings(store.db), stored, "an unchanged record rewrites nothing");
});

test(`${T} findings written a person at a time keep the digest a full evaluation compares`, async () => {
  const asOf = "2026-11-20T00:00:00.000Z";
  await evaluateEveryone(store.db, { asOf });
  const person = (
    await store.db.selectFrom("people").select("id").orderBy("id").limit(1).offset(7).execute()
  )[0]?.id as string;
  await saveEvent(store.db, {
    id: "jobs-test-fear",
    person,
    type: "FEAR_EXPRESSED",
    at: "2026-10-01T12:00:00.000Z",
    precision: "minute",
    tz: "UTC",
    summary: "Said they feared return",
    details: {},
    citations: [],
  });
  // Written whole for this person, as every write after an event is.
  await reevaluate(store.db, [person], { asOf });
  const full = await evaluateEveryone(store.db, { asOf });
  assert.deepEqual(
    full.changes,
    { added: 0, removed: 0, changed: 0 },
    "the incremental write left its digest",
  );
  // A person without a digest (a store from before migration 080) is rewritten once, and nothing changes.
  await store.db.deleteFrom("finding_sets").where("person_id", "=", person).execute();
  const before = await storedFindings(store.db, [person]);
  assert.deepEqual((await evaluateEveryone(store.db, { asOf })).changes, {
    added: 0,
    removed: 0,
    changed: 0,
  });
  assert.deepEqual(await storedFindings(store.db, [person]), before);
  const sets = await store.db.selectFrom("finding_sets").select("person_id").execute();
  assert.equal(sets.length, 300, "one digest a person, findings or none");
});

/** A removal to El Salvador on 2026-10-02, which changes the findings of most people it is added to. */
function removal(id: string, person: string) {
  return {
    id,
    person,
    type: "REMOVAL" as const,
    at: "2026-10-02T12:00:00.000Z",
    precision: "minute" as const,
    tz: "UTC",
    summary: "Removed",
    details: { to_country: "SV" },
    citations: [],
  };
}

test(`${T} a re-evaluation that adds, changes and removes findings leaves what a full evaluation would`, async () => {
  const asOf = "2026-11-20T00:00:00.000Z";
  await evaluateEveryone(store.db, { asOf });
  const ids = (await store.db.selectFrom("people").select("id").orderBy("id").limit(40).execute()).map(
    (r) => r.id,
  );
  // The first person whose findings a new removal changes (the generated record is seeded: always the same).
  for (const [n, person] of ids.entries()) {
    const before = await storedFindings(store.db, [person]);
    const event = removal(`jobs-test-removed-${n}`, person);
    await saveEvent(store.db, event);
    const diff = await reevaluate(store.db, [person], { asOf });
    const during = await storedFindings(store.db, [person]);
    assert.deepEqual((await evaluateEveryone(store.db, { asOf })).changes, {
      added: 0,
      removed: 0,
      changed: 0,
    });
    await store.db.deleteFrom("events").where("id", "=", event.id).execute();
    await reevaluate(store.db, [person], { asOf });
    assert.deepEqual(await storedFindings(store.db, [person]), before, "back to what was stored before");
    assert.deepEqual((await evaluateEveryone(store.db, { asOf })).changes, {
      added: 0,
      removed: 0,
      changed: 0,
    });
    if (diff.added.length + diff.changed.length + diff.removed.length === 0) continue;
    assert.notDeepEqual(during, before);
    return;
  }
  assert.fail("no person's findings changed with a removal");
});

test(`${T} a full evaluation replaces a changed person's findings whole, reading and deleting within its batch`, async () => {
  const asOf = "2026-11-20T00:00:00.000Z";
  await evaluateEveryone(store.db, { asOf });
  // A person in the middle of a batch of 7 (the batch's span then runs from another person to another).
  const ids = (await store.db.selectFrom("people").select("id").orderBy("id").limit(60).execute()).map(
    (r) => r.id,
  );
  for (const [n, person] of ids.slice(10).entries()) {
    const before = await storedFindings(store.db, [person]);
    const event = removal(`jobs-test-full-${n}`, person);
    // Written without its re-evaluation: only the full evaluation sees it.
    await saveEvent(store.db, event);
    const { changes } = await evaluateEveryone(store.db, { asOf, batch: 7 });
    const after = await storedFindings(store.db, [person]);
    await store.db.deleteFrom("events").where("id", "=", event.id).execute();
    await evaluateEveryone(store.db, { asOf, batch: 7 });
    assert.deepEqual(await storedFindings(store.db, [person]), before, "back to what was stored before");
    if (changes.added + changes.changed + changes.removed === 0) continue;
    // What a re-evaluation of the person alone stores: no row of before left beside the new ones.
    await saveEvent(store.db, event);
    await reevaluate(store.db, [person], { asOf });
    assert.deepEqual(after, await storedFindings(store.db, [person]));
    await store.db.deleteFrom("events").where("id", "=", event.id).execute();
    await reevaluate(store.db, [person], { asOf });
    return;
  }
  assert.fail("no person's findings changed with a removal");
});

test(`${T} the record cut every n people, its runs taken in any order, is evaluated whole, each person once`, async () => {
  const asOf = "2026-11-20T00:00:00.000Z";
  const ids = (await store.db.selectFrom("people").select("id").orderBy("id").execute()).map((r) => r.id);
  const cuts = await peopleCuts(store.db, 40);
  assert.deepEqual(
    cuts,
    ids.filter((_, i) => (i + 1) % 40 === 0),
    "the 40th id, the 80th, …",
  );
  const whole = await evaluateEveryone(store.db, { asOf });
  // Runs handed out last first, as threads taking them in turn could: from < id ≤ to, the first and last open.
  const runs = [...cuts, undefined].map((to, i) => ({ from: cuts[i - 1], to }));
  const seen: number[] = [];
  const shared = await evaluateEveryone(store.db, {
    asOf,
    batch: 15,
    claim: () => runs.pop(),
    onProgress: (n) => seen.push(n),
  });
  assert.deepEqual(shared, whole);
  assert.equal(shared.people, ids.length);
  assert.equal(seen.at(-1), ids.length, "progress counts every run's people");
});

test(`${T} a batch's orders read by its id range are those its people's ids name`, async () => {
  // What a full evaluation reads by range (its own statement on each engine) against the per-id read a
  // re-evaluation makes: the same orders, in the same order, for every batch of 25 people.
  const ids = (await store.db.selectFrom("people").select("id").orderBy("id").execute()).map((r) => r.id);
  let read = 0;
  for (let i = 0; i < ids.length; i += 25) {
    const batch = ids.slice(i, i + 25);
    const [first, last] = [batch[0] as string, batch.at(-1) as string];
    const byRange = await listOrders(store.db, { peopleRange: { first, last } });
    assert.deepEqual(byRange, await listOrders(store.db, { people: batch }));
    read += byRange.length;
  }
  assert.ok(read > 0, "the generated record has orders covering its people");
});

test(`${T} timelines read by id range, facilities apart, are those read by ids with their facilities joined`, async () => {
  // What a full evaluation reads (its facilities' countries kept across batches) against what a
  // re-evaluation reads: the same events, in the same order, placed in the same countries.
  const ids = (await store.db.selectFrom("people").select("id").orderBy("id").execute()).map((r) => r.id);
  const known: FacilityCountries = new Map();
  let abroad = 0;
  for (let i = 0; i < ids.length; i += 25) {
    const batch = ids.slice(i, i + 25);
    const [first, last] = [batch[0] as string, batch.at(-1) as string];
    const byRange = await listTimelinesInRange(store.db, first, last, known);
    assert.deepEqual(byRange, await listTimelinesOf(store.db, batch));
    abroad += byRange.filter((e) => e.facility && e.country && e.country !== "US").length;
  }
  assert.ok(known.size > 0, "the generated record's events name facilities");
  assert.ok(abroad > 0, "some are placed abroad by their facility's country");
});

test(`${T} a job's error comes back as an AppError`, async () => {
  await assert.rejects(
    evaluateEveryoneInWorker({ engine: "sqlite", path: ":memory:" }),
    /in-memory database cannot be shared/,
  );
});

test(`${T} a kept thread answers job after job with what the job computes in place, and is replaced when it fails`, async () => {
  const asOf = "2026-11-20T00:00:00.000Z";
  const job = { job: "dashboard" as const, target: store.target, keys: store.keyConfig, options: { asOf } };
  const here = await computeDashboard(store.db, { asOf });
  const [a, b] = await Promise.all([keptJob<Dashboard>(job), keptJob<Dashboard>(job)]);
  assert.deepEqual(a, here);
  assert.deepEqual(b, here);
  // A store the thread cannot open: the job fails with why, and the next job on a good store is answered.
  const missing = { engine: "sqlite" as const, path: "/dev/null/x.db" };
  await assert.rejects(keptJob({ ...job, target: missing }), (e: AppError) => e.code !== undefined);
  await assert.rejects(keptJob({ ...job, target: missing }), (e: AppError) => e.code !== undefined);
  await stopKeptJobs();
  assert.deepEqual(await keptJob<Dashboard>(job), here);
  await stopKeptJobs();
});
