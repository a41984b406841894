// Removing a mistaken event or person, on either engine: gone from every read at once, with a reason in the
// audit log; only an administrator puts it back, exactly as it was.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { miniDataset } from "../../test/fixtures.ts";
import { openTestStore, TEST_ENGINE, type TestStore } from "../../test/test-store.ts";
import { isAppError } from "../domain/errors.ts";
import { DatasetSchema } from "../domain/model.ts";
import { ANONYMOUS, OPERATOR, type Viewer } from "../domain/policy.ts";
import { listAudit } from "../store/audit.ts";
import { publicEventFigures } from "../store/dashboard.ts";
import { createUser } from "./accounts.ts";
import { assignCase, assigneesOfCase } from "./deadlines.ts";
import { loadDataset } from "./load-dataset.ts";
import { getPersonRecord, getPersonTimeline, listPeopleFor } from "./person-record.ts";
import { recordEvent } from "./record-case.ts";
import { searchPeople } from "./search-people.ts";
import { deleteEvent, deletePerson, listDeleted, restoreDeleted } from "./soft-delete.ts";

const T = `[${TEST_ENGINE}]`;
const VOLUNTEER: Viewer = { role: "volunteer", userId: "val" };
const LAWYER: Viewer = { role: "lawyer", userId: "lena" };
const ADMIN: Viewer = { role: "admin", userId: "ada" };

let store: TestStore;
before(async () => {
  store = await openTestStore();
  await loadDataset(store.db, DatasetSchema.parse(miniDataset()));
  await createUser(
    store.db,
    { username: "lena", password: "a long test passphrase", role: "lawyer" },
    OPERATOR,
  );
});
after(() => store.close());

const code = (c: string) => (e: unknown) => isAppError(e) && e.code === c;

test(`${T} a mistaken event is removed with a reason, hidden from reads, and restored only by an admin`, async () => {
  const before = await getPersonTimeline(store.db, "kaag", OPERATOR);
  const ev = before[0];
  assert.ok(ev);
  await assert.rejects(deleteEvent(store.db, ev.id, "", VOLUNTEER), code("BAD_INPUT"));
  await assert.rejects(deleteEvent(store.db, ev.id, "typed twice", ANONYMOUS), code("UNAUTHENTICATED"));
  const t = await deleteEvent(store.db, ev.id, "typed twice", VOLUNTEER);
  assert.deepEqual(
    (await getPersonTimeline(store.db, "kaag", OPERATOR)).map((e) => e.id),
    before.slice(1).map((e) => e.id),
  );
  await assert.rejects(deleteEvent(store.db, ev.id, "again", VOLUNTEER), code("NOT_FOUND"));
  const logged = (await listAudit(store.db, { subject: `event:${ev.id}` })).find(
    (a) => a.action === "event.delete",
  );
  assert.match(logged?.detail ?? "", /typed twice/);
  await assert.rejects(restoreDeleted(store.db, t.id, LAWYER), code("FORBIDDEN"));
  assert.deepEqual(
    (await listDeleted(store.db, ADMIN, { restored: false })).items.map((x) => [
      x.kind,
      x.record_id,
      x.reason,
    ]),
    [["event", ev.id, "typed twice"]],
  );
  await restoreDeleted(store.db, t.id, ADMIN);
  assert.deepEqual(await getPersonTimeline(store.db, "kaag", OPERATOR), before);
  await assert.rejects(restoreDeleted(store.db, t.id, ADMIN), code("CONFLICT"));
});

test(`${T} a removed person leaves every read, and comes back whole with sealed fields, links and assignments`, async () => {
  await assignCase(store.db, "kaag", "lena", OPERATOR);
  const before = await getPersonRecord(store.db, "kaag", OPERATOR);
  // What the public dashboard counts of public people (their kept figures: store/public-figures.ts).
  const figures = () =>
    publicEventFigures(store.db, {
      asOf: "2026-01-01T00:00:00.000Z",
      types: ["ARREST", "DETENTION_START", "REMOVAL", "RETURN"],
      limit: 10,
    });
  const counted = await figures();
  assert.ok(counted.latest.some((e) => e.person === "kaag"));
  assert.ok(before.orders.length && before.matters.length && before.person.a_number);
  const t = await deletePerson(store.db, "kaag", "duplicate of another record", LAWYER);
  await assert.rejects(getPersonRecord(store.db, "kaag", OPERATOR), code("NOT_FOUND"));
  assert.ok(!(await listPeopleFor(store.db, OPERATOR)).some((p) => p.id === "kaag"));
  assert.ok(!(await searchPeople(store.db, "Kilmar Abrego", OPERATOR)).some((m) => m.person.id === "kaag"));
  const removed = await figures();
  assert.ok(!removed.latest.some((e) => e.person === "kaag"));
  assert.notDeepEqual(removed.lastCustody, counted.lastCustody);
  const raw = await store.db
    .selectFrom("deleted_records")
    .select("snapshot")
    .where("id", "=", t.id)
    .executeTakeFirstOrThrow();
  assert.ok(!raw.snapshot.includes("123-456-789"), "restricted fields stay sealed in the trash");
  await restoreDeleted(store.db, t.id, ADMIN);
  assert.deepEqual(await figures(), counted, "the dashboard counts the restored person as before");
  const after = await getPersonRecord(store.db, "kaag", OPERATOR);
  assert.equal(after.person.a_number, before.person.a_number);
  assert.deepEqual(after.events, before.events);
  assert.deepEqual(
    after.orders.map((o) => o.id),
    before.orders.map((o) => o.id),
  );
  assert.deepEqual(
    after.matters.map((m) => m.id),
    before.matters.map((m) => m.id),
  );
  assert.deepEqual(after.person.citations, before.person.citations);
  assert.ok((await searchPeople(store.db, "Kilmar Abrego", OPERATOR)).some((m) => m.person.id === "kaag"));
  assert.deepEqual(await assigneesOfCase(store.db, "kaag", OPERATOR), ["lena"]);
  const actions = (await listAudit(store.db, { subject: "person:kaag" })).map((a) => a.action);
  assert.ok(actions.includes("person.delete") && actions.includes("person.restore"));
});

test(`${T} another team's person answers as missing`, async () => {
  const north: Viewer = { role: "lawyer", userId: "n", team: "north" };
  const south: Viewer = { role: "lawyer", userId: "s", team: "south" };
  const { createPerson } = await import("./record-case.ts");
  const id = await createPerson(store.db, { full_name: "Southern Case" }, south);
  await assert.rejects(deletePerson(store.db, id, "not ours", north), code("NOT_FOUND"));
});

test(`${T} the list of removed records holds all of them, counted, a window of them on request`, async () => {
  const { total } = await listDeleted(store.db, ADMIN);
  for (let i = 0; i < 3; i++) {
    const ev = await recordEvent(
      store.db,
      { person: "private-1", type: "CONTACT", when: "2025-04-01", summary: `Call ${i}`, details: {} },
      OPERATOR,
    );
    await deleteEvent(store.db, ev.id, `mistake ${i}`, ADMIN);
  }
  const all = await listDeleted(store.db, ADMIN);
  assert.equal(all.total, total + 3);
  assert.equal(all.items.length, total + 3);
  const two = await listDeleted(store.db, ADMIN, { limit: 2 });
  assert.equal(two.total, total + 3);
  assert.deepEqual(
    two.items.map((x) => x.reason),
    ["mistake 2", "mistake 1"],
    "newest first",
  );
  assert.deepEqual(
    (await listDeleted(store.db, ADMIN, { limit: 2, offset: 2 })).items.map((x) => x.id),
    all.items.slice(2, 4).map((x) => x.id),
  );
});
