// Deadlines across cases and the calendar feed, on either engine: only what the viewer may see, overdue
// first, filters, assignments, and a feed that names no one unless its owner chose names.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import ICAL from "ical.js";
import { sql } from "kysely";
import { openTestStore, TEST_ENGINE, type TestStore } from "../../test/test-store.ts";
import { isAppError } from "../domain/errors.ts";
import { OPERATOR, type Viewer } from "../domain/policy.ts";
import { listAudit } from "../store/audit.ts";
import { storeVersion } from "../store/dialect.ts";
import { listEventsForPerson } from "../store/events.ts";
import { createUser, updateUserAccess } from "./accounts.ts";
import { issueCalendarFeed, readCalendarFeed, setCalendarNames } from "./calendar-feed.ts";
import { assignCase, caseRef, DEADLINES_KEPT_MS, listDeadlines, myCases } from "./deadlines.ts";
import { createPerson, recordEvent } from "./record-case.ts";

const T = `[${TEST_ENGINE}]`;
const LENA: Viewer = { role: "lawyer", userId: "lena", team: "north" };
const OMAR: Viewer = { role: "lawyer", userId: "omar", team: "south" };
const DAY = 86_400_000;
/** A wall-clock time `days` from now, in UTC (the tests run against the real clock, as the feed does). */
const at = (days: number, time = "12:00") =>
  `${new Date(Date.now() + days * DAY).toISOString().slice(0, 10)} ${time}`;

let store: TestStore;
let maria: string;
let jose: string;
before(async () => {
  store = await openTestStore();
  const db = store.db;
  for (const [username, role, team] of [
    ["lena", "lawyer", "north"],
    ["vic", "volunteer", "north"],
    ["omar", "lawyer", "south"],
  ] as const)
    await createUser(db, { username, password: "correct horse battery", role, team }, OPERATOR);
  maria = await createPerson(db, { full_name: "María de la Luz García", a_number: "A123456789" }, LENA);
  jose = await createPerson(db, { full_name: "José Pérez Soto" }, OMAR);
  await recordEvent(
    db,
    {
      person: maria,
      type: "REMOVAL_ORDER",
      when: at(-40, "11:00"),
      summary: "IJ order",
      details: { type: "IJ_240" },
    },
    LENA,
  );
  await recordEvent(
    db,
    {
      person: maria,
      type: "HEARING",
      when: at(10, "09:30"),
      place: "Otay Mesa Immigration Court",
      summary: "Master calendar hearing",
      details: { kind: "master" },
    },
    LENA,
  );
  await recordEvent(
    db,
    {
      person: jose,
      type: "HEARING",
      when: at(3, "14:00"),
      summary: "Bond hearing",
      details: { kind: "bond" },
    },
    OMAR,
  );
});
after(() => store.close());

describe(`${T} deadlines across cases`, () => {
  test("a lawyer sees every deadline of their team's cases, overdue first, then by date", async () => {
    const list = await listDeadlines(store.db, LENA);
    assert.ok(list.every((d) => d.person === maria));
    assert.deepEqual(
      list.map((d) => [d.kind, d.title, d.overdue]),
      [
        ["deadline", "Appeal to the Board of Immigration Appeals", true],
        ["deadline", "Motion to reconsider", true],
        ["hearing", "Master calendar hearing", false],
        ["deadline", "Motion to reopen", false],
      ],
    );
    const hearing = list.find((d) => d.kind === "hearing");
    assert.equal(hearing?.place, "Otay Mesa Immigration Court");
    assert.equal(hearing?.initials, "M.L.G.");
    assert.equal(hearing?.ref, caseRef(maria));
    assert.match(hearing?.ref ?? "", /^[0-9a-f]{8}$/);
  });

  test("filters: kind, due within days, team, assignee", async () => {
    assert.deepEqual(
      (await listDeadlines(store.db, LENA, { kind: "hearing" })).map((d) => d.title),
      ["Master calendar hearing"],
    );
    assert.deepEqual(
      (await listDeadlines(store.db, LENA, { due: 0 })).map((d) => d.overdue),
      [true, true],
    );
    const admin: Viewer = { role: "admin", userId: "root" };
    assert.deepEqual(
      (await listDeadlines(store.db, admin, { team: "south" })).map((d) => d.title),
      ["Bond hearing"],
    );
    assert.deepEqual(await listDeadlines(store.db, LENA, { assignee: "vic" }), []);
    await assignCase(store.db, maria, "vic", LENA);
    assert.equal((await listDeadlines(store.db, LENA, { assignee: "vic" })).length, 4);
    assert.deepEqual(
      (await myCases(store.db, { role: "volunteer", userId: "vic", team: "north" })).map((p) => p.id),
      [maria],
    );
  });

  test("a case is assigned only to staff of its team who may work on it", async () => {
    const e = await assignCase(store.db, maria, "omar", LENA).catch((x: unknown) => x);
    assert.ok(isAppError(e) && e.code === "BAD_INPUT");
    const hidden = await assignCase(store.db, jose, "lena", LENA).catch((x: unknown) => x);
    assert.ok(isAppError(hidden) && hidden.code === "NOT_FOUND");
    assert.deepEqual(await assignCase(store.db, maria, "vic", LENA, { remove: true }), []);
  });
});

test(`${T} a list read again is the one computed, until something is written or a minute passes`, async (t) => {
  // A team of its own, so the other tests' lists stay as they are.
  const WEST: Viewer = { role: "lawyer", userId: "wes", team: "west" };
  const ana = await createPerson(store.db, { full_name: "Ana West" }, WEST);
  const hearing = (when: string, summary: string) =>
    recordEvent(store.db, { person: ana, type: "HEARING", when, summary, details: { kind: "master" } }, WEST);
  await hearing(at(5, "09:00"), "First hearing");
  // The same list, not computed again — while nothing was committed: on PostgreSQL a write to any database of
  // the cluster (the other test files') counts, and the list is computed again, as it must be then.
  // (`since`: the store's version before `list` was computed.)
  const again = async (list: unknown, since: string) => {
    const next = await listDeadlines(store.db, WEST);
    if ((await storeVersion(store.db)) === since)
      assert.equal(next, list, "the same list, not computed again");
    else assert.deepEqual(next, list);
  };
  let since = await storeVersion(store.db);
  const first = await listDeadlines(store.db, WEST);
  assert.equal(first.length, 1);
  await again(first, since);
  // Another viewer, other filters, another language, or a date asked for: computed for them.
  const lena = await listDeadlines(store.db, LENA);
  assert.notEqual(lena, first);
  assert.ok(!lena.some((d) => d.person === ana));
  assert.notEqual(await listDeadlines(store.db, WEST, { kind: "hearing" }), first);
  assert.notEqual(await listDeadlines(store.db, WEST, { lang: "es" }), first);
  const asOf = new Date().toISOString();
  assert.notEqual(
    await listDeadlines(store.db, WEST, { asOf }),
    await listDeadlines(store.db, WEST, { asOf }),
  );
  // A write, through any command, is seen by the next read.
  await hearing(at(20, "10:00"), "Second hearing");
  since = await storeVersion(store.db);
  const after = await listDeadlines(store.db, WEST);
  assert.equal(after.length, 2);
  // And a minute later the list is computed again, as of then.
  t.mock.timers.enable({ apis: ["Date"], now: Date.now() });
  await again(after, since);
  t.mock.timers.tick(DEADLINES_KEPT_MS + 1);
  const later = await listDeadlines(store.db, WEST);
  assert.notEqual(later, after);
  assert.deepEqual(
    later.map((d) => [d.person, d.date]),
    after.map((d) => [d.person, d.date]),
  );
});

test(`${T} an event and the deadlines it causes are stored together or not at all`, async () => {
  const db = store.db;
  // Of a team of its own, so the other tests' deadlines stay as they are.
  const EAST: Viewer = { role: "lawyer", userId: "eve", team: "east" };
  const person = await createPerson(db, { full_name: "Ana Torres Vidal" }, EAST);
  const order = {
    person,
    type: "REMOVAL_ORDER",
    when: at(-2, "10:00"),
    summary: "IJ order",
    details: { type: "IJ_240" },
  };
  // The findings cannot be written (a fault in the store): the event's write fails with them.
  if (TEST_ENGINE === "postgres") {
    await sql`CREATE FUNCTION refuse_findings() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'findings refused'; END $$`.execute(db);
    await sql`CREATE TRIGGER refuse_findings BEFORE INSERT OR UPDATE ON finding_sets
      FOR EACH ROW EXECUTE FUNCTION refuse_findings()`.execute(db);
  } else
    await sql`CREATE TRIGGER refuse_findings BEFORE INSERT ON finding_sets
      BEGIN SELECT RAISE(ABORT, 'findings refused'); END`.execute(db);
  try {
    await assert.rejects(recordEvent(db, order, EAST), /findings refused/);
  } finally {
    await sql`DROP TRIGGER refuse_findings${TEST_ENGINE === "postgres" ? sql` ON finding_sets` : sql``}`.execute(
      db,
    );
  }
  const mine = async () =>
    (await listDeadlines(db, EAST)).filter((d) => d.person === person).map((d) => d.title);
  assert.deepEqual(await listEventsForPerson(db, person), [], "no event without its findings");
  assert.deepEqual(await mine(), []);
  // Written again once the store takes findings: the event and its deadlines, together.
  await recordEvent(db, order, EAST);
  assert.equal((await listEventsForPerson(db, person)).length, 1);
  assert.deepEqual(await mine(), [
    "Appeal to the Board of Immigration Appeals",
    "Motion to reconsider",
    "Motion to reopen",
  ]);
});

function parse(ics: string) {
  const comp = new ICAL.Component(ICAL.parse(ics));
  return comp.getAllSubcomponents("vevent").map((v) => new ICAL.Event(v));
}

test(`${T} people just imported (never evaluated) have their deadlines too`, async () => {
  const { loadDataset } = await import("./load-dataset.ts");
  const { DatasetSchema } = await import("../domain/model.ts");
  await loadDataset(
    store.db,
    DatasetSchema.parse({
      people: [{ id: "imported-1", full_name: "Imported Person", team: "west" }],
      events: [
        {
          id: "imported-order",
          person: "imported-1",
          type: "REMOVAL_ORDER",
          when: at(-3, "10:00"),
          summary: "IJ order",
          details: { type: "IJ_240" },
        },
      ],
    }),
  );
  const mine = (await listDeadlines(store.db, { role: "admin", userId: "root" })).filter(
    (d) => d.person === "imported-1",
  );
  assert.deepEqual(
    mine.map((d) => d.title),
    ["Appeal to the Board of Immigration Appeals", "Motion to reconsider", "Motion to reopen"],
  );
});

describe(`${T} calendar feed`, () => {
  test("a feed holds the user's visible deadlines as valid iCalendar, by case reference and initials", async () => {
    const feed = await issueCalendarFeed(store.db, "lena", OPERATOR);
    assert.match(feed.path, /^\/calendar\/[A-Za-z0-9_-]{40,}\.ics$/);
    const token = feed.path.slice("/calendar/".length, -".ics".length);
    const stored = await store.db.selectFrom("calendar_feeds").selectAll().execute();
    assert.ok(
      stored.every((r) => !JSON.stringify(r).includes(token)),
      "only a hash of the token is stored",
    );
    const ics = await readCalendarFeed(store.db, token);
    const events = parse(ics);
    assert.equal(events.length, 4);
    assert.ok(!ics.includes("María") && !ics.includes("Garc") && !ics.includes("A123456789"));
    assert.ok(!ics.toLowerCase().includes("maria"), "the person id (a slug of the name) never leaves");
    const hearing = events.find((e) => e.summary.startsWith("Master calendar hearing"));
    assert.equal(hearing?.summary, `Master calendar hearing · case ${caseRef(maria)} · M.L.G.`);
    assert.equal(hearing?.location, "Otay Mesa Immigration Court");
    assert.equal(
      hearing?.startDate.toJSDate().toISOString(),
      new Date(`${at(10, "09:30")}Z`.replace(" ", "T")).toISOString(),
    );
    const appeal = events.find((e) => e.summary.startsWith("Appeal"));
    assert.equal(appeal?.startDate.isDate, true);
    assert.ok(!events.some((e) => e.summary.includes("Bond")), "another team's case is not in the feed");
  });

  test("names only when the owner opts in; regenerating revokes; every read is audited", async () => {
    const before = (await listAudit(store.db, { subject: "user:lena" })).filter(
      (a) => a.action === "calendar.read",
    );
    await assert.rejects(
      issueCalendarFeed(store.db, "lena", OPERATOR),
      (e) => isAppError(e) && e.code === "CONFLICT",
    );
    await assert.rejects(
      issueCalendarFeed(store.db, "lena", OMAR, { regenerate: true }),
      (e) => isAppError(e) && e.code === "FORBIDDEN",
    );
    const old = await issueCalendarFeed(store.db, "lena", LENA, { regenerate: true });
    const fresh = await issueCalendarFeed(store.db, "lena", LENA, { regenerate: true });
    const tok = (p: string) => p.slice("/calendar/".length, -".ics".length);
    await assert.rejects(
      readCalendarFeed(store.db, tok(old.path)),
      (e) => isAppError(e) && e.code === "NOT_FOUND",
    );
    await setCalendarNames(store.db, LENA, true);
    const named = parse(await readCalendarFeed(store.db, tok(fresh.path), { lang: "es" }));
    assert.ok(named.some((e) => e.summary === "Audiencia de calendario maestro · María de la Luz García"));
    const reads = (await listAudit(store.db, { subject: "user:lena" })).filter(
      (a) => a.action === "calendar.read",
    );
    assert.equal(reads.length, before.length + 1);
    await assert.rejects(
      readCalendarFeed(store.db, "not-a-token"),
      (e) => isAppError(e) && e.code === "NOT_FOUND",
    );
  });

  test("a disabled account's feed answers like a wrong address", async () => {
    const feed = await issueCalendarFeed(store.db, "vic", OPERATOR);
    const token = feed.path.slice("/calendar/".length, -".ics".length);
    assert.match(await readCalendarFeed(store.db, token), /BEGIN:VCALENDAR/);
    await updateUserAccess(store.db, "vic", { disabled: true }, OPERATOR);
    await assert.rejects(readCalendarFeed(store.db, token), (e) => isAppError(e) && e.code === "NOT_FOUND");
  });
});
