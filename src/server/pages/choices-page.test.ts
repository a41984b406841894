// The event and court-order forms on a record with more matters than a select can hold: the choices are the
// person's own (or the matter asked for), and the form says so and how to reach another, in English and
// Spanish; a new matter leads to its first order with the matter chosen.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { asSession, newStaffSession, type Session } from "../../../test/sessions.ts";
import { openTestStore, TEST_ENGINE, type TestStore } from "../../../test/test-store.ts";
import { OPERATOR } from "../../domain/policy.ts";
import { NEWEST_SOURCES, WHOLE_LIST_UP_TO } from "../../services/catalog.ts";
import { saveCourtOrder, saveLegalMatter, saveSourceRecord } from "../../services/edit-record.ts";
import { getPersonRecord } from "../../services/person-record.ts";
import { createPerson } from "../../services/record-case.ts";
import { createApp } from "../app.ts";

const T = `[${TEST_ENGINE}]`;
let store: TestStore;
let app: ReturnType<typeof createApp>["app"];
let nora: Session;
let ana = "";
let filler = "";
let oldest = "";
before(async () => {
  store = await openTestStore();
  ana = await createPerson(store.db, { full_name: "Ana North", team: "north" }, OPERATOR);
  const ben = await createPerson(store.db, { full_name: "Ben North", team: "north" }, OPERATOR);
  const own = await saveLegalMatter(
    store.db,
    { caption: "Ana v. Noem", court: "D.D.C.", people: [ana] },
    OPERATOR,
  );
  await saveCourtOrder(
    store.db,
    {
      matter: own,
      kind: "TRO",
      issued: "2025-03-15 18:00",
      covers: { people: [ana] },
      summary: "Keep Ana here",
    },
    OPERATOR,
  );
  for (let i = 0; i <= WHOLE_LIST_UP_TO; i++)
    filler = await saveLegalMatter(
      store.db,
      { caption: `Filler ${i} v. Noem`, court: "D.D.C.", people: [ben] },
      OPERATOR,
    );
  // Sources past a select's length: the oldest is not among the newest listed.
  oldest = await saveSourceRecord(
    store.db,
    { publisher: "Archive", title: "Oldest report", published_on: "2019-01-01" },
    OPERATOR,
  );
  for (let i = 0; i < WHOLE_LIST_UP_TO; i++)
    await saveSourceRecord(
      store.db,
      { publisher: "The Courier", title: `Report ${i}`, published_on: `2025-0${1 + (i % 9)}-01` },
      OPERATOR,
    );
  app = createApp(store.db).app;
  nora = await newStaffSession(app, store.db, { username: "nora", role: "lawyer", team: "north" });
});
after(() => store.close());

test(`${T} the event form lists the person's matters and orders only, and says why, in both languages`, async () => {
  const form = async (lang: string) => {
    const res = await app.request(`/people/${ana}/events/new?lang=${lang}`, { headers: asSession(nora) });
    assert.equal(res.status, 200);
    return res.text();
  };
  const en = await form("en");
  const matterSelect = /<select id="f-matter"[\s\S]*?<\/select>/.exec(en)?.[0] ?? "";
  assert.match(matterSelect, /Ana v\. Noem/);
  assert.doesNotMatch(en, /Filler \d+ v\. Noem/);
  // "(none)" and Ana's one matter.
  assert.equal(matterSelect.match(/<option/g)?.length, 2);
  assert.match(en, /Keep Ana here/);
  assert.match(en, /more than 200 legal matters or court orders: only this person&#39;s are listed/);
  assert.match(
    await form("es"),
    /más de 200 causas judiciales u órdenes: solo se muestran las de esta persona/,
  );
});

test(`${T} the order form lists the matters of the people it covers, or the one asked for from its page`, async () => {
  const get = async (path: string) => {
    const res = await app.request(path, { headers: asSession(nora) });
    assert.equal(res.status, 200, path);
    return res.text();
  };
  const select = (html: string) => /<select id="f-matter"[\s\S]*?<\/select>/.exec(html)?.[0] ?? "";
  const forAna = await get(`/orders/new?person=${ana}`);
  assert.match(select(forAna), /Ana v\. Noem/);
  assert.doesNotMatch(select(forAna), /Filler/);
  assert.match(forAna, /more than 200 legal matters: only those of the people the order covers/);
  // From a matter's page: that matter, chosen.
  const matterPage = await get(`/matters/${filler}`);
  assert.match(matterPage, new RegExp(`href="/orders/new\\?matter=${filler}"`));
  assert.match(
    select(await get(`/orders/new?matter=${filler}&lang=es`)),
    /<option value="[^"]+" selected>Filler 200 v\. Noem/,
  );
  assert.match(
    await get(`/orders/new?matter=${filler}&lang=es`),
    /solo se muestran las de las personas que la orden ampara/,
  );
});

test(`${T} a new legal matter leads to the order form with that matter chosen`, async () => {
  const res = await app.request("/matters/new", {
    method: "POST",
    headers: { ...asSession(nora), "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ _csrf: nora.csrf, caption: "Cruz v. Noem", court: "S.D. Tex.", people: ana }),
  });
  assert.equal(res.status, 303);
  const next = res.headers.get("location") ?? "";
  assert.match(next, /^\/orders\/new\?saved=matter&matter=/);
  const form = await (await app.request(next, { headers: asSession(nora) })).text();
  assert.match(form, /<option value="[^"]+" selected>Cruz v\. Noem/);
});

test(`${T} past ${WHOLE_LIST_UP_TO} sources a form lists the newest and takes others by id`, async () => {
  const form = await (await app.request(`/people/${ana}/events/new`, { headers: asSession(nora) })).text();
  const list = /<select id="f-source_ids"[\s\S]*?<\/select>/.exec(form)?.[0] ?? "";
  assert.equal(list.match(/<option/g)?.length, NEWEST_SOURCES);
  assert.doesNotMatch(list, /Oldest report/);
  assert.match(form, /id="f-source_ids_more"/);
  const post = (more: string) =>
    app.request(`/people/${ana}/events/new`, {
      method: "POST",
      headers: { ...asSession(nora), "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({
        _csrf: nora.csrf,
        type: "ARREST",
        when: "2025-03-01 08:00",
        tz: "UTC",
        summary: "Arrested at home",
        source_ids_more: more,
      }),
    });
  const bad = await post("no-such-source");
  assert.equal(bad.status, 400);
  assert.match(await bad.text(), /<p class="error" id="f-source_ids-error">/);
  assert.equal((await post(oldest)).status, 303);
  const rec = await getPersonRecord(store.db, ana, OPERATOR);
  const arrest = rec.events.find((e) => e.summary === "Arrested at home");
  assert.deepEqual(
    arrest?.citations.map((c) => c.source),
    [oldest],
  );
});
