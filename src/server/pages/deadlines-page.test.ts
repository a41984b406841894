// The deadlines page, case assignment and the calendar feed through the whole app (sessions, CSRF):
// staff see their team's deadlines, make a feed address once, and a calendar app reads it with no session.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import ICAL from "ical.js";
import { asSession, type Session, sessionFor, TEST_PASSWORD } from "../../../test/sessions.ts";
import { openTestStore, type TestStore } from "../../../test/test-store.ts";
import { OPERATOR, type Viewer } from "../../domain/policy.ts";
import { createUser } from "../../services/accounts.ts";
import { familyStatus } from "../../services/family-access.ts";
import { createPerson, recordEvent } from "../../services/record-case.ts";
import { createApp } from "../app.ts";

const DAY = 86_400_000;
const at = (days: number, time = "12:00") =>
  `${new Date(Date.now() + days * DAY).toISOString().slice(0, 10)} ${time}`;

let store: TestStore;
let app: ReturnType<typeof createApp>["app"];
let lena: Session;
let person: string;
before(async () => {
  store = await openTestStore();
  app = createApp(store.db).app;
  for (const [username, role] of [
    ["lena", "lawyer"],
    ["vic", "volunteer"],
  ] as const)
    await createUser(store.db, { username, password: TEST_PASSWORD, role, team: "north" }, OPERATOR);
  const LENA: Viewer = { role: "lawyer", userId: "lena", team: "north" };
  person = await createPerson(store.db, { full_name: "Rosa Elena Quispe" }, LENA);
  await recordEvent(
    store.db,
    {
      person,
      type: "HEARING",
      when: at(5, "10:00"),
      place: "Krome Immigration Court",
      summary: "Bond hearing",
      details: { kind: "bond" },
    },
    LENA,
  );
  lena = await sessionFor(app, store.db, "lena");
});
after(() => store.close());

const form = (s: Session, fields: Record<string, string>) => ({
  method: "POST",
  headers: asSession(s, { "content-type": "application/x-www-form-urlencoded" }),
  body: new URLSearchParams({ ...fields, _csrf: s.csrf }).toString(),
});

test("the deadlines page lists the team's hearings and filters by kind; anonymous visitors are sent to sign in", async () => {
  const res = await app.request("/workspace/deadlines?lang=es", { headers: asSession(lena) });
  assert.equal(res.status, 200);
  const body = await res.text();
  assert.match(body, /Audiencia de fianza/);
  assert.match(body, /Krome Immigration Court/);
  const none = await (
    await app.request("/workspace/deadlines?kind=court_order", { headers: asSession(lena) })
  ).text();
  assert.match(none, /No deadlines or hearings match/);
  assert.equal((await app.request("/workspace/deadlines")).status, 303);
});

test("assigning a case from the person page shows it under my cases and in the assignee filter", async () => {
  const res = await app.request(`/people/${person}/assign`, form(lena, { user: "vic" }));
  assert.equal(res.status, 303);
  const vic = await sessionFor(app, store.db, "vic");
  assert.match(
    await (await app.request("/workspace", { headers: asSession(vic) })).text(),
    /Rosa Elena Quispe/,
  );
  const mine = await (
    await app.request("/workspace/deadlines?assignee=vic", { headers: asSession(lena) })
  ).text();
  assert.match(mine, /Bond hearing/);
  assert.match(
    await (await app.request(`/people/${person}`, { headers: asSession(lena) })).text(),
    /assign-h[\s\S]*vic/,
  );
});

test("the calendar address is shown once and read with no session; it names no one by default", async () => {
  const page = await (await app.request("/workspace/calendar", form(lena, {}))).text();
  const path = /\/calendar\/[A-Za-z0-9_-]+\.ics/.exec(page)?.[0];
  assert.ok(path, "the address is on the page");
  const again = await (await app.request("/workspace/deadlines", { headers: asSession(lena) })).text();
  assert.ok(!again.includes(path), "and only once");
  const res = await app.request(path);
  assert.equal(res.status, 200);
  assert.match(res.headers.get("content-type") ?? "", /^text\/calendar/);
  const ics = await res.text();
  assert.ok(!ics.includes("Rosa") && !ics.includes("Quispe"));
  const events = new ICAL.Component(ICAL.parse(ics))
    .getAllSubcomponents("vevent")
    .map((v) => new ICAL.Event(v));
  assert.deepEqual(
    events.map((e) => e.summary.replace(/ · case \w+ · /, " · ")),
    ["Bond hearing · R.E.Q."],
  );
  assert.equal((await app.request("/calendar/nothing-here-at-all-1234567.ics")).status, 404);
  const regenerated = await (
    await app.request("/workspace/calendar", form(lena, { regenerate: "on" }))
  ).text();
  assert.ok(!regenerated.includes(path));
  assert.equal((await app.request(path)).status, 404);
});

test("a lawyer issues a family code from the person page: shown once, on a sheet in English and Spanish", async () => {
  const LENA: Viewer = { role: "lawyer", userId: "lena", team: "north" };
  const id = await createPerson(
    store.db,
    { full_name: "Ximena Ojeda", consent: { family_status: true } },
    LENA,
  );
  const personPage = await (await app.request(`/people/${id}`, { headers: asSession(lena) })).text();
  assert.match(personPage, new RegExp(`action="/people/${id}/family-code"`));
  const res = await app.request(`/people/${id}/family-code`, form(lena, {}));
  assert.equal(res.status, 200);
  assert.equal(res.headers.get("cache-control"), "no-store");
  const sheet = await res.text();
  const code = /F-[0-9A-Z]{4}-[0-9A-Z]{4}/.exec(sheet)?.[0];
  const pass = /<dd><code>([0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4})<\/code>/.exec(sheet)?.[1];
  assert.ok(code && pass);
  assert.match(sheet, /How to see your relative/);
  assert.match(sheet, /Cómo ver la situación de su familiar/);
  assert.equal((await familyStatus(store.db, { code, passphrase: pass })).name, "Ximena Ojeda");
  const vic = await sessionFor(app, store.db, "vic");
  assert.equal((await app.request(`/people/${id}/family-code`, form(vic, {}))).status, 403);
});

test("a mistaken event is removed from its page with a reason; an admin puts it back from the removed records", async () => {
  const LENA: Viewer = { role: "lawyer", userId: "lena", team: "north" };
  const id = await createPerson(store.db, { full_name: "Zoila Mistake" }, LENA);
  const ev = await recordEvent(
    store.db,
    {
      person: id,
      type: "CONTACT",
      when: "2025-01-02",
      summary: "Typed on the wrong person",
      details: { with: "family" },
    },
    LENA,
  );
  assert.match(
    await (await app.request(`/people/${id}`, { headers: asSession(lena) })).text(),
    new RegExp(`/events/${ev.id}/delete`),
  );
  const refused = await app.request(`/events/${ev.id}/delete`, form(lena, { reason: "" }));
  assert.equal(refused.status, 400);
  const res = await app.request(`/events/${ev.id}/delete`, form(lena, { reason: "wrong person" }));
  assert.equal(res.status, 303);
  assert.doesNotMatch(
    await (await app.request(`/people/${id}`, { headers: asSession(lena) })).text(),
    /Typed on the wrong person/,
  );
  assert.equal((await app.request("/admin/deleted", { headers: asSession(lena) })).status, 403);
  await createUser(store.db, { username: "ada", password: TEST_PASSWORD, role: "admin" }, OPERATOR);
  const ada = await sessionFor(app, store.db, "ada");
  const trash = await (await app.request("/admin/deleted", { headers: asSession(ada) })).text();
  const restore = /action="(\/admin\/deleted\/[^"]+\/restore)"/.exec(trash)?.[1];
  assert.ok(restore && trash.includes("wrong person"));
  assert.equal((await app.request(restore, form(ada, {}))).status, 200);
  assert.match(
    await (await app.request(`/people/${id}`, { headers: asSession(lena) })).text(),
    /Typed on the wrong person/,
  );
  const gone = await app.request(`/people/${id}/delete`, form(lena, { reason: "a test record" }));
  assert.equal(gone.headers.get("location"), "/workspace?removed=1");
  assert.equal((await app.request(`/people/${id}`, { headers: asSession(lena) })).status, 404);
});

test("a team with more deadlines than a page holds sees them a page at a time, its filters kept", async () => {
  await createUser(
    store.db,
    { username: "sam", password: TEST_PASSWORD, role: "lawyer", team: "south" },
    OPERATOR,
  );
  const SAM: Viewer = { role: "lawyer", userId: "sam", team: "south" };
  const id = await createPerson(store.db, { full_name: "Pablo Many Hearings" }, SAM);
  // The days of the hearings, read once (a run at midnight must not see them move).
  const days: string[] = [];
  for (let i = 1; i <= 105; i++) {
    const when = at(i, "09:30");
    days.push(when.slice(0, 10));
    await recordEvent(
      store.db,
      { person: id, type: "HEARING", when, summary: `Hearing ${i}`, details: {} },
      SAM,
    );
  }
  const sam = await sessionFor(app, store.db, "sam");
  const read = async (path: string) => (await app.request(path, { headers: asSession(sam) })).text();
  // Which hearings a page shows, as how many days from now they fall.
  const hearings = (body: string) =>
    [...body.matchAll(/<time datetime="(\d{4}-\d\d-\d\d)T09:30/g)].map((m) => days.indexOf(m[1] ?? "") + 1);

  const first = await read("/workspace/deadlines?kind=hearing");
  assert.deepEqual(
    hearings(first),
    Array.from({ length: 100 }, (_, k) => k + 1),
    "the 100 soonest, soonest first",
  );
  assert.match(first, /1–100 of 105 deadlines and hearings/);
  assert.match(first, /Page 1 of 2/);
  assert.match(first, /href="\/workspace\/deadlines\?kind=hearing&amp;page=2" rel="next"/);
  assert.doesNotMatch(first, /rel="prev"/);

  const second = await read("/workspace/deadlines?kind=hearing&page=2&lang=es");
  assert.deepEqual(hearings(second), [101, 102, 103, 104, 105]);
  assert.match(second, /101–105 de 105 plazos y audiencias/);
  assert.match(second, /href="\/workspace\/deadlines\?kind=hearing&amp;lang=es" rel="prev"/);
  assert.doesNotMatch(second, /rel="next"/);

  // A page past the last (an old link, after deadlines passed) shows the last one; nonsense shows the first.
  assert.deepEqual(
    hearings(await read("/workspace/deadlines?kind=hearing&page=9")),
    [101, 102, 103, 104, 105],
  );
  assert.equal(hearings(await read("/workspace/deadlines?kind=hearing&page=x")).length, 100);
});
