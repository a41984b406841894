// Restricted fields at rest: sealed in the store, never in the database file in the clear, findable by
// A-number only through the blind index, bound to their row, and re-encrypted whole by a key rotation.
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { sql } from "kysely";
import { openTestStore, TEST_ENGINE, type TestStore } from "../../test/test-store.ts";
import { RESTRICTED_PERSON_FIELDS } from "../domain/model.ts";
import { OPERATOR } from "../domain/policy.ts";
import { isSealed } from "../store/cipher.ts";
import { openStore } from "../store/db.ts";
import { storedFindings } from "../store/findings.ts";
import { findPeopleByANumberDigits } from "../store/intake.ts";
import { findPersonById } from "../store/people.ts";
import { reevaluate } from "./findings.ts";
import { keyStatus, rotateKeys } from "./keys.ts";
import { getPersonRecord } from "./person-record.ts";
import { createPerson, recordEvent } from "./record-case.ts";

let store: TestStore;
before(async () => {
  store = await openTestStore();
});
after(() => store.close());
const T = `[${TEST_ENGINE}]`;

// Distinctive values, so a byte search cannot hit anything else.
const SECRET = {
  a_number: "A987-654-321",
  birth_date: "1987-11-29",
  notes: "QQnotes-zebra-7731 lawyer strategy",
  home_address: "QQaddr-4417 Calle Sirena, Apt 9",
  family_contacts: "QQfam-Mother Rosa +1 555 0199 3321",
  medical_notes: "QQmed-insulin dependent diabetic",
};
const NEEDLES = [
  "987-654-321",
  "987654321",
  "1987-11-29",
  "QQnotes",
  "QQaddr",
  "QQfam",
  "QQmed",
  "Calle Sirena",
  "insulin",
];

test(`${T} every restricted field round-trips and is stored only sealed`, async () => {
  const id = await createPerson(
    store.db,
    { id: "secret-1", full_name: "Persona Reservada", ...SECRET, birth_date_precision: "day" },
    OPERATOR,
  );
  const p = await findPersonById(store.db, id);
  for (const [k, v] of Object.entries(SECRET)) assert.equal(p?.[k as keyof typeof SECRET], v, k);
  const row = await sql<Record<string, unknown>>`SELECT * FROM people WHERE id = ${id}`.execute(store.db);
  const r = row.rows[0] ?? {};
  assert.ok(isSealed(r.sealed), "restricted fields live in one sealed column");
  for (const f of ["a_number", "birth_date", "notes", "birth_date_precision"])
    assert.equal(f in r, false, `${f} column dropped`);
  const text = JSON.stringify(row.rows);
  for (const n of NEEDLES) assert.equal(text.includes(n), false, `${n} appears in the row`);
  assert.deepEqual([...RESTRICTED_PERSON_FIELDS].sort(), [
    "a_number",
    "age_reported_on",
    "birth_date",
    "birth_date_precision",
    "family_contacts",
    "home_address",
    "medical_notes",
    "notes",
    "stated_age",
  ]);
});

test(`${T} nothing anywhere in the database holds a restricted value in the clear`, async () => {
  // Reads and audit entries happen too: neither may copy a value out.
  await getPersonRecord(store.db, "secret-1", OPERATOR);
  if (store.target.engine === "sqlite") {
    await sql`PRAGMA wal_checkpoint(FULL)`.execute(store.db);
    const path = store.target.path;
    const bytes = Buffer.concat(
      [path, `${path}-wal`, `${path}-shm`].filter((f) => existsSync(f)).map((f) => readFileSync(f)),
    );
    for (const n of NEEDLES) {
      assert.equal(bytes.includes(Buffer.from(n, "utf8")), false, `${n} found in the SQLite file`);
      assert.equal(
        bytes.includes(Buffer.from(n, "utf16le")),
        false,
        `${n} found (UTF-16) in the SQLite file`,
      );
    }
    assert.equal(statSync(`${path}.key`).mode & 0o777, 0o600, "the key file is private to its owner");
  } else {
    // PostgreSQL: every text column of every table, dumped as JSON.
    const tables = await sql<{ table_name: string }>`
      SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()`.execute(
      store.db,
    );
    for (const t of tables.rows) {
      const rows = await sql`SELECT * FROM ${sql.table(t.table_name)}`.execute(store.db);
      const text = JSON.stringify(rows.rows);
      for (const n of NEEDLES) assert.equal(text.includes(n), false, `${n} found in ${t.table_name}`);
    }
  }
});

test(`${T} duplicate checks find an A-number however it is typed, through the blind index`, async () => {
  assert.deepEqual(await findPeopleByANumberDigits(store.db, "987654321"), ["secret-1"]);
  assert.deepEqual(await findPeopleByANumberDigits(store.db, "987654320"), []);
});

test(`${T} a sealed value moved to another row, or changed by a byte, is refused rather than misread`, async () => {
  await createPerson(store.db, { id: "secret-2", full_name: "Otra Persona", notes: "QQother" }, OPERATOR);
  const one = await sql<{ sealed: string }>`SELECT sealed FROM people WHERE id = 'secret-1'`.execute(
    store.db,
  );
  const sealed = one.rows[0]?.sealed as string;
  const two = await sql<{ sealed: string }>`SELECT sealed FROM people WHERE id = 'secret-2'`.execute(
    store.db,
  );
  await sql`UPDATE people SET sealed = ${sealed} WHERE id = 'secret-2'`.execute(store.db);
  await assert.rejects(findPersonById(store.db, "secret-2"), /integrity check/);
  const flipped = sealed.slice(0, -3) + (sealed.at(-3) === "A" ? "B" : "A") + sealed.slice(-2);
  await sql`UPDATE people SET sealed = ${flipped} WHERE id = 'secret-2'`.execute(store.db);
  await assert.rejects(findPersonById(store.db, "secret-2"), /integrity check|damaged/);
  await sql`UPDATE people SET sealed = ${two.rows[0]?.sealed as string} WHERE id = 'secret-2'`.execute(
    store.db,
  );
  assert.equal((await findPersonById(store.db, "secret-2"))?.notes, "QQother");
});

test(`${T} a key rotation re-encrypts every value, retires the old key, and keeps lookups working`, async () => {
  const before = await keyStatus(store);
  const oldKey = before.current as string;
  assert.equal(before.in_use[oldKey], 2);
  const r = await rotateKeys(store);
  assert.notEqual(r.key_id, oldKey);
  assert.deepEqual(r.retired, [oldKey]);
  assert.equal(r.resealed.people, 2);
  const afterStatus = await keyStatus(store);
  assert.deepEqual(afterStatus.in_use, { [r.key_id]: 2 });
  assert.equal(afterStatus.current, r.key_id);
  const file = store.keyConfig.file as string;
  assert.equal(
    readFileSync(file, "utf8")
      .split("\n")
      .filter((l) => l && !l.startsWith("#")).length,
    1,
  );
  assert.equal(statSync(file).mode & 0o777, 0o600);
  assert.equal((await findPersonById(store.db, "secret-1"))?.medical_notes, SECRET.medical_notes);
  assert.deepEqual(await findPeopleByANumberDigits(store.db, "987654321"), ["secret-1"]);
});

test(`${T} a database from before encryption has its plaintext sealed and the clear columns dropped`, async (t) => {
  if (TEST_ENGINE !== "sqlite") return t.skip("the upgrade is exercised on a SQLite file");
  const { mkdtempSync, rmSync } = await import("node:fs");
  const { tmpdir } = await import("node:os");
  const { join } = await import("node:path");
  const { Kysely, Migrator, SqliteDialect } = await import("kysely");
  const Database = (await import("better-sqlite3")).default;
  const m001 = await import("../store/migrations/001-case-record.ts");
  const { openStore } = await import("../store/db.ts");
  const dir = mkdtempSync(join(tmpdir(), "habeas-upgrade-"));
  try {
    const path = join(dir, "old.db");
    const raw = new Database(path);
    raw.pragma("journal_mode = WAL");
    const old = new Kysely<unknown>({ dialect: new SqliteDialect({ database: raw }) });
    const migrator = new Migrator({
      db: old,
      provider: { getMigrations: async () => ({ "001-case-record": m001 }) },
    });
    assert.equal((await migrator.migrateToLatest()).error, undefined);
    await sql`INSERT INTO people (id, kind, full_name, citizenship_status, search_name, created_at, updated_at,
      a_number, birth_date, notes) VALUES ('old-1', 'individual', 'Old Record', 'unknown', 'old record',
      '2025-01-01T00:00:00Z', '2025-01-01T00:00:00Z', 'A111-222-333', '1970-01-02', 'QQlegacy-note')`.execute(
      old,
    );
    await old.destroy();
    const upgraded = await openStore({ engine: "sqlite", path });
    try {
      const p = await findPersonById(upgraded.db, "old-1");
      assert.equal(p?.a_number, "A111-222-333");
      assert.equal(p?.notes, "QQlegacy-note");
      assert.deepEqual(await findPeopleByANumberDigits(upgraded.db, "111222333"), ["old-1"]);
    } finally {
      await upgraded.close();
    }
    const bytes = readFileSync(path);
    for (const n of ["QQlegacy-note", "111-222-333", "1970-01-02"])
      assert.equal(bytes.includes(Buffer.from(n)), false, `${n} left in the upgraded file`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test(`${T} a stated age and the day it was reported are sealed like a birth date, and round-trip`, async () => {
  const id = await createPerson(
    store.db,
    { id: "aged-1", full_name: "Persona Con Edad", stated_age: 27, age_reported_on: "2025-03-12" },
    OPERATOR,
  );
  const p = await findPersonById(store.db, id);
  assert.equal(p?.stated_age, 27);
  assert.equal(p?.age_reported_on, "2025-03-12");
  const row = await sql<Record<string, unknown>>`SELECT * FROM people WHERE id = ${id}`.execute(store.db);
  assert.equal(JSON.stringify(row.rows).includes("2025-03-12"), false, "the day is not in the clear");
});

const WRONG_KEY = randomBytes(32).toString("base64");
const WRONG_KEY_LINE =
  /^HABEAS_KEY does not open this database's keyring \(key id [0-9a-f]{12}\); set the key this database was created with, or see docs\/SECURITY\.md$/;

async function checkIds(db: TestStore["db"]): Promise<string[]> {
  const r = await sql<{ key_id: string }>`SELECT key_id FROM key_checks ORDER BY key_id`.execute(db);
  return r.rows.map((x) => x.key_id);
}

/** Opening the store with these keys is refused; nothing is left open. */
async function refused(keys: { key?: string; file?: string }, message: RegExp) {
  await assert.rejects(openStore(store.target, { keys }), (e: Error & { code?: string }) => {
    assert.equal(e.code, "STORE_UNAVAILABLE");
    assert.match(e.message, message);
    return true;
  });
}

test(`${T} a wrong key is refused when the store opens, in one line that says what to do`, async () => {
  const current = (await keyStatus(store)).current as string;
  assert.deepEqual(await checkIds(store.db), [current], "the rotation recorded its key's check value");
  await refused({ key: WRONG_KEY }, WRONG_KEY_LINE);
  const dir = mkdtempSync(join(tmpdir(), "habeas-wrong-key-"));
  try {
    const file = join(dir, "wrong.key");
    writeFileSync(file, `${WRONG_KEY}\n`, { mode: 0o600 });
    await refused({ file }, /^key file .*wrong\.key does not open this database's keyring \(key id /);
    await refused({ file: join(dir, "absent.key") }, /key file .*absent\.key is missing/);
    assert.equal(existsSync(join(dir, "absent.key")), false, "no fresh key is made over sealed values");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const right = await openStore(store.target, { keys: store.keyConfig });
  try {
    assert.equal((await findPersonById(right.db, "secret-1"))?.notes, SECRET.notes);
  } finally {
    await right.close();
  }
});

test(`${T} a store from before key check values gets one from a key that opens its values; a wrong key is refused by the values`, async () => {
  const current = (await keyStatus(store)).current as string;
  await sql`DELETE FROM key_checks`.execute(store.db);
  await refused({ key: WRONG_KEY }, WRONG_KEY_LINE);
  assert.deepEqual(await checkIds(store.db), [], "a refused key writes nothing");
  await (await openStore(store.target, { keys: store.keyConfig })).close();
  assert.deepEqual(await checkIds(store.db), [current]);
});

test(`${T} a store with nothing sealed takes any key and records none until a value is sealed`, async () => {
  const empty = await openTestStore();
  try {
    await (await openStore(empty.target, { keys: { key: WRONG_KEY } })).close();
    assert.deepEqual(await checkIds(empty.db), [], "an empty store stays empty (a copy's target)");
    await createPerson(empty.db, { id: "sealed-1", full_name: "Nueva Persona", notes: "QQfresh" }, OPERATOR);
    const own = await openStore(empty.target, { keys: empty.keyConfig });
    await own.close();
    assert.deepEqual(await checkIds(empty.db), [(await keyStatus(empty)).current]);
    await assert.rejects(openStore(empty.target, { keys: { key: WRONG_KEY } }), (e: Error) =>
      WRONG_KEY_LINE.test(e.message),
    );
  } finally {
    await empty.close();
  }
});

test(`${T} an error about a sealed value never names the record it belongs to`, async () => {
  const row = async (id: string) =>
    (await sql<{ sealed: string }>`SELECT sealed FROM people WHERE id = ${id}`.execute(store.db)).rows[0]
      ?.sealed as string;
  const [one, two] = [await row("secret-1"), await row("secret-2")];
  const parts = two.split(".");
  const unknownKey = [parts[0], "0123456789ab", ...parts.slice(2)].join(".");
  try {
    for (const [bad, message] of [
      [unknownKey, /not in the configured keyring; set the key/],
      [one, /integrity check/],
      ["hb1.x", /not a sealed value/],
    ] as const) {
      await sql`UPDATE people SET sealed = ${bad} WHERE id = 'secret-2'`.execute(store.db);
      await assert.rejects(findPersonById(store.db, "secret-2"), (e: Error) => {
        assert.match(e.message, message);
        assert.doesNotMatch(e.message, /secret-[12]/);
        return true;
      });
    }
  } finally {
    await sql`UPDATE people SET sealed = ${two} WHERE id = 'secret-2'`.execute(store.db);
  }
});

test(`${T} the rules read a sealed birth date when they need it, and a changed seal fails that read`, async () => {
  // R16 is the one rule that reads a restricted field (the age of someone removed under the AEA); the judged
  // person opens its seal only then (store/people.ts rowToJudgedPerson).
  const id = await createPerson(
    store.db,
    {
      id: "secret-minor",
      full_name: "Menor Reservado",
      nationalities: ["VE"],
      citizenship_status: "no_status",
      birth_date: "2012-01-01",
      birth_date_precision: "day",
    },
    OPERATOR,
  );
  await recordEvent(
    store.db,
    {
      person: id,
      type: "REMOVAL",
      when: "2025-03-15T23:00Z",
      summary: "Removed under the AEA",
      details: { authority: "AEA" },
    },
    OPERATOR,
  );
  const r16 = (await storedFindings(store.db, [id])).filter((f) => f.rule === "R16");
  assert.equal(r16.length, 1);
  assert.match(r16[0]?.data ?? "", /under 14/);
  const other = await sql<{ sealed: string }>`SELECT sealed FROM people WHERE id = 'secret-1'`.execute(
    store.db,
  );
  await sql`UPDATE people SET sealed = ${other.rows[0]?.sealed as string} WHERE id = ${id}`.execute(store.db);
  await assert.rejects(reevaluate(store.db, [id]), /integrity check/);
  assert.equal((await storedFindings(store.db, [id])).filter((f) => f.rule === "R16").length, 1);
});
