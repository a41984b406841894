// The audit chain: every write and every restricted read is an entry; `audit verify` finds a one-byte change
// in any column of any entry, a removed entry, and a truncated log, and names the first broken entry.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { sql } from "kysely";
import { miniDataset } from "../../test/fixtures.ts";
import { openTestStore, TEST_ENGINE, type TestStore } from "../../test/test-store.ts";
import { DatasetSchema } from "../domain/model.ts";
import { OPERATOR, type Viewer } from "../domain/policy.ts";
import { entryHash, GENESIS, listAudit } from "../store/audit.ts";
import { createUser } from "./accounts.ts";
import { verifyAuditLog } from "./audit.ts";
import { loadDataset } from "./load-dataset.ts";
import { getPersonRecord } from "./person-record.ts";
import { createPerson, recordEvent } from "./record-case.ts";

let store: TestStore;
before(async () => {
  store = await openTestStore();
});
after(() => store.close());
const T = `[${TEST_ENGINE}]`;
const lawyer: Viewer = { role: "lawyer", userId: "lucia" };

test(`${T} writes and restricted reads are chained entries naming who, what and which record`, async () => {
  await loadDataset(store.db, DatasetSchema.parse(miniDataset()));
  const pid = await createPerson(store.db, { full_name: "Nueva Persona", a_number: "A222-333-444" }, lawyer);
  const ev = await recordEvent(
    store.db,
    {
      person: pid,
      type: "ARREST",
      when: "2025-05-01",
      tz: "UTC",
      summary: "Arrested at work.",
    },
    lawyer,
  );
  await getPersonRecord(store.db, pid, lawyer);
  await getPersonRecord(store.db, "kaag", { role: "viewer", userId: "vera" }); // no restricted field shown: not logged
  await createUser(store.db, { username: "admin1", password: "a long enough passphrase", role: "admin" });
  const entries = await listAudit(store.db);
  assert.deepEqual(
    entries.map((e) => [e.seq, e.actor, e.action, e.subject]),
    [
      [1, "cli", "dataset.load", "dataset"],
      [2, "lucia", "person.create", `person:${pid}`],
      [3, "lucia", "event.create", `event:${ev.id}`],
      [4, "lucia", "restricted.read", `person:${pid}`],
      [5, "cli", "user.create", "user:admin1"],
    ],
  );
  assert.equal(entries[0]?.prev_hash, GENESIS);
  for (let i = 1; i < entries.length; i++) assert.equal(entries[i]?.prev_hash, entries[i - 1]?.hash);
  assert.match(entries[3]?.detail ?? "", /"fields":\["a_number"\]/);
  assert.doesNotMatch(
    JSON.stringify(entries),
    /222-333-444|a long enough passphrase/,
    "no secret in the log",
  );
  const v = await verifyAuditLog(store.db);
  assert.equal(v.ok, true);
  assert.deepEqual(v.head, { seq: 5, hash: entries[4]?.hash });
});

test(`${T} a write that fails leaves no audit entry (same transaction)`, async () => {
  const before = (await listAudit(store.db)).length;
  const [taken] = await listAudit(store.db).then((es) => es.filter((e) => e.action === "person.create"));
  const admin: Viewer = { role: "admin", userId: "ada" };
  await assert.rejects(
    createPerson(store.db, { id: taken?.subject.slice(7), full_name: "Again" }, admin),
    /exists/,
  );
  await assert.rejects(
    recordEvent(store.db, { person: "nobody", type: "ARREST", when: "2025-05-01", summary: "x" }, lawyer),
    /no person with id nobody/,
  );
  assert.equal((await listAudit(store.db)).length, before);
});

/** Changes one character of a text value: the smallest edit a column can take. */
function flip(s: string): string {
  const i = Math.floor(s.length / 2);
  const ch = s[i] === "a" ? "b" : "a";
  return s.slice(0, i) + ch + s.slice(i + 1);
}

test(`${T} a one-byte change in any column of any entry is found, and that entry is named`, async () => {
  const entries = await listAudit(store.db);
  for (const e of entries) {
    for (const col of ["at", "actor", "role", "action", "subject", "detail", "prev_hash", "hash"] as const) {
      const original = e[col];
      await sql`UPDATE audit_log SET ${sql.ref(col)} = ${flip(original)} WHERE seq = ${e.seq}`.execute(
        store.db,
      );
      const v = await verifyAuditLog(store.db);
      assert.equal(v.ok, false, `${col} of entry ${e.seq}`);
      if (!v.ok) assert.equal(v.broken.seq, e.seq, `${col} of entry ${e.seq} → ${v.broken.reason}`);
      await sql`UPDATE audit_log SET ${sql.ref(col)} = ${original} WHERE seq = ${e.seq}`.execute(store.db);
    }
  }
  assert.equal((await verifyAuditLog(store.db)).ok, true, "restored, the chain holds again");
  for (const e of entries) {
    await sql`UPDATE audit_log SET seq = ${e.seq + 1000} WHERE seq = ${e.seq}`.execute(store.db);
    const v = await verifyAuditLog(store.db);
    assert.equal(v.ok, false, `seq of entry ${e.seq}`);
    if (!v.ok) assert.equal(v.broken.seq, e.seq, `seq of entry ${e.seq} → ${v.broken.reason}`);
    await sql`UPDATE audit_log SET seq = ${e.seq} WHERE seq = ${e.seq + 1000}`.execute(store.db);
  }
  assert.equal((await verifyAuditLog(store.db)).ok, true);
});

test(`${T} a rewritten entry with a recomputed hash still breaks the next link`, async () => {
  const [, second] = await listAudit(store.db);
  assert.ok(second);
  const forged = { ...second, actor: "someone-else" };
  await sql`UPDATE audit_log SET actor = ${forged.actor}, hash = ${entryHash(forged)} WHERE seq = 2`.execute(
    store.db,
  );
  const v = await verifyAuditLog(store.db);
  assert.equal(v.ok, false);
  if (!v.ok) assert.equal(v.broken.seq, 3);
  await sql`UPDATE audit_log SET actor = ${second.actor}, hash = ${second.hash} WHERE seq = 2`.execute(
    store.db,
  );
});

test(`${T} a removed entry, and a log cut back behind a published head, are found`, async () => {
  const entries = await listAudit(store.db);
  const head = { seq: entries.at(-1)?.seq as number, hash: entries.at(-1)?.hash as string };
  const third = entries[2];
  assert.ok(third);
  await sql`DELETE FROM audit_log WHERE seq = 3`.execute(store.db);
  let v = await verifyAuditLog(store.db);
  assert.equal(v.ok, false);
  if (!v.ok) assert.equal(v.broken.seq, 3);
  await store.db.insertInto("audit_log").values(third).execute();

  await sql`DELETE FROM audit_log WHERE seq = ${head.seq}`.execute(store.db);
  assert.equal((await verifyAuditLog(store.db)).ok, true, "without an outside head a cut tail looks whole");
  v = await verifyAuditLog(store.db, head);
  assert.equal(v.ok, false);
  if (!v.ok) assert.match(v.broken.reason, /truncated/);
  await store.db
    .insertInto("audit_log")
    .values(entries.at(-1) as (typeof entries)[number])
    .execute();
  assert.equal((await verifyAuditLog(store.db, head)).ok, true);
  assert.equal(OPERATOR.userId, "cli");
});
