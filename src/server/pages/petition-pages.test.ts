// Facility pages, the population and type-ahead APIs, the facility picker without JavaScript, and the
// petition page for lawyers (EN/ES), through app.request() with no port.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { Hono } from "hono";
import mammoth from "mammoth";
import { miniDataset } from "../../../test/fixtures.ts";
import { openTestStore, type TestStore } from "../../../test/test-store.ts";
import { DatasetSchema } from "../../domain/model.ts";
import type { Viewer } from "../../domain/policy.ts";
import { loadDataset } from "../../services/load-dataset.ts";
import { getPersonTimeline } from "../../services/person-record.ts";
import { createApp } from "../app.ts";
import { toErrorBody } from "../errors.ts";
import { type Env, router } from "../routes.ts";
import { registerPages } from "./index.ts";

const LAWYER: Viewer = { role: "lawyer", userId: "lena" };
const VOLUNTEER: Viewer = { role: "volunteer", userId: "val" };
let store: TestStore;
let publicApp: Hono<Env>;

before(async () => {
  store = await openTestStore();
  const d = miniDataset();
  d.facilities = [
    ...(d.facilities ?? []),
    {
      id: "stewart",
      name: "Stewart Detention Center",
      aliases: ["STEWART DET CTR"],
      kind: "detention_center",
      country: "US",
      state: "GA",
      city: "Lumpkin",
      codes: { DETLOC: "STWRTGA" },
    },
  ];
  d.events = [
    ...(d.events ?? []),
    {
      id: "e-ga",
      person: "private-1",
      type: "DETENTION_START",
      when: "2025-05-01",
      tz: "America/New_York",
      facility: "stewart",
      summary: "Detained at Stewart.",
      details: {},
      sources: [{ source: "s-court" }],
    },
  ];
  await loadDataset(store.db, DatasetSchema.parse(d));
  await store.db
    .insertInto("facility_population")
    .values([
      {
        facility_code: "STWRTGA",
        date: "2025-05-01",
        n_detained: 1500,
        n_detained_at_midnight: null,
        n_male: null,
        n_female: null,
        n_convicted_criminal: null,
        n_possibly_under_18: null,
        facility_name: "STEWART",
      },
      {
        facility_code: "STWRTGA",
        date: "2025-05-02",
        n_detained: 1520,
        n_detained_at_midnight: null,
        n_male: null,
        n_female: null,
        n_convicted_criminal: null,
        n_possibly_under_18: null,
        facility_name: "STEWART",
      },
    ])
    .execute();
  publicApp = createApp(store.db).app;
});
after(() => store.close());

function appAs(viewer: Viewer): Hono<Env> {
  const app = new Hono<Env>();
  app.use(async (c, next) => {
    c.set("viewer", viewer);
    await next();
  });
  registerPages(router(app), store.db, app);
  app.onError((e, c) => {
    const { status, body } = toErrorBody(e);
    return c.html(body.error.message, status);
  });
  return app;
}

async function post(path: string, form: Record<string, string>, as: Viewer, lang = "en") {
  const res = await appAs(as).request(`${path}?lang=${lang}`, {
    method: "POST",
    body: new URLSearchParams(form),
    headers: { "content-type": "application/x-www-form-urlencoded" },
  });
  return res;
}

test("a facility's page shows its district and its daily population as an SVG chart with a table", async () => {
  const res = await publicApp.request("/facilities/stewart");
  const body = await res.text();
  assert.equal(res.status, 200);
  assert.match(body, /Middle District of Georgia \(M\.D\. Ga\.\)/);
  assert.match(body, /<svg[^>]*role="img"/);
  assert.match(body, /<td class="num">1,520<\/td>/);
});

test("GET /api/facilities/:id/population answers the series, limited by from and to; bad dates are refused", async () => {
  type Series = { points: { detained: number }[] };
  const all = (await (await publicApp.request("/api/facilities/stewart/population")).json()) as Series;
  assert.deepEqual(
    all.points.map((p) => p.detained),
    [1500, 1520],
  );
  const one = (await (
    await publicApp.request("/api/facilities/stewart/population?from=2025-05-02")
  ).json()) as Series;
  assert.equal(one.points.length, 1);
  assert.equal((await publicApp.request("/api/facilities/stewart/population?from=May")).status, 400);
  assert.equal((await publicApp.request("/api/facilities/nowhere/population")).status, 404);
});

test("the type-ahead endpoint finds a facility by an alias typed without accents and with a typo", async () => {
  type Hits = { facilities: { id: string }[] };
  const r = (await (await publicApp.request("/api/facility-search?q=stewrt%20det")).json()) as Hits;
  assert.equal(r.facilities[0]?.id, "stewart");
  const cecot = (await (
    await publicApp.request("/api/facility-search?q=confinamiento%20terrorismo")
  ).json()) as Hits;
  assert.equal(cecot.facilities[0]?.id, "cecot");
});

test("the event form's facility picker works without JavaScript: the typed name is resolved on the server", async () => {
  const form = await (await appAs(LAWYER).request("/people/kaag/events/new")).text();
  assert.match(form, /data-facility-picker/);
  assert.match(form, /name="facility_q"/);
  const res = await post(
    "/people/kaag/events/new",
    {
      type: "TRANSFER",
      summary: "Moved to Georgia.",
      when: "2025-06-01",
      tz: "America/New_York",
      precision: "day",
      facility_q: "Stewart Detention Centre",
      facility: "",
    },
    LAWYER,
  );
  assert.equal(res.status, 303, await res.text());
  const events = await getPersonTimeline(store.db, "kaag", LAWYER);
  assert.equal(events.find((e) => e.summary === "Moved to Georgia.")?.facility, "stewart");
});

test("the petition page: lawyers only, explained in Spanish, the draft previewed in English and downloaded as DOCX", async () => {
  const person = await (await appAs(LAWYER).request("/people/private-1")).text();
  assert.match(person, /href="\/people\/private-1\/petition">Draft habeas petition/);
  const volunteerView = await (await appAs(VOLUNTEER).request("/people/private-1")).text();
  assert.doesNotMatch(volunteerView, /\/petition"/);
  assert.equal((await appAs(VOLUNTEER).request("/people/private-1/petition")).status, 403);
  const anon = await publicApp.request("/people/private-1/petition");
  assert.ok(anon.status === 401 || (anon.status === 303 && /login/.test(anon.headers.get("location") ?? "")));

  const es = await (await appAs(LAWYER).request("/people/private-1/petition?lang=es")).text();
  assert.match(es, /El borrador está en inglés, el idioma del tribunal/);
  const preview = await post("/people/private-1/petition", { format: "html" }, LAWYER, "es");
  const html = await preview.text();
  assert.equal(preview.status, 200);
  assert.match(html, /United States District Court for the Middle District of Georgia/);
  assert.match(html, /DRAFT — to be reviewed and signed by counsel/);
  assert.match(html, /1990-02-03/, "a lawyer's draft carries the birth date");

  const docx = await post(
    "/people/private-1/petition",
    { format: "docx", next_friend: "Rosa Example" },
    LAWYER,
  );
  assert.match(docx.headers.get("content-type") ?? "", /wordprocessingml/);
  const { value } = await mammoth.extractRawText({ buffer: Buffer.from(await docx.arrayBuffer()) });
  assert.match(value, /Rosa Example, as next friend of María de la Luz Romero de Hernández/);
});
