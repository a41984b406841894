// The web app through app.request() with no port: public pages in English and Spanish, public/private
// separation, staff pages per role, forms answering bad input with messages beside each field.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { Hono } from "hono";
import { miniDataset } from "../../../test/fixtures.ts";
import { openTestStore, type TestStore } from "../../../test/test-store.ts";
import { DatasetSchema } from "../../domain/model.ts";
import { ANONYMOUS, type Viewer } from "../../domain/policy.ts";
import { createUser } from "../../services/accounts.ts";
import { invalidateDashboard } from "../../services/dashboard.ts";
import { loadDemo } from "../../services/init-demo.ts";
import { loadDataset } from "../../services/load-dataset.ts";
import { getPersonRecord } from "../../services/person-record.ts";
import { createPerson } from "../../services/record-case.ts";
import { proposeMerges, reviewQueue } from "../../services/review.ts";
import { createApp } from "../app.ts";
import { toErrorBody } from "../errors.ts";
import { fromAcceptLanguage } from "../i18n/index.ts";
import { type Env, router } from "../routes.ts";
import { registerPages } from "./index.ts";

const LAWYER: Viewer = { role: "lawyer", userId: "lena" };
const VOLUNTEER: Viewer = { role: "volunteer", userId: "val" };
const ADMIN: Viewer = { role: "admin", userId: "ada" };

let store: TestStore;
let publicApp: Hono<Env>;
before(async () => {
  store = await openTestStore();
  await loadDataset(store.db, DatasetSchema.parse(miniDataset()));
  publicApp = createApp(store.db).app;
});
after(() => store.close());

/** The page modules as a given viewer sees them (sessions are the security layer's; tested there). */
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

async function page(path: string, opts: { as?: Viewer; headers?: Record<string, string> } = {}) {
  const app = opts.as && opts.as !== ANONYMOUS ? appAs(opts.as) : publicApp;
  const res = await app.request(path, { headers: opts.headers });
  return { res, body: await res.text() };
}

async function post(path: string, form: Record<string, string | string[]>, as: Viewer, lang = "en") {
  const body = new URLSearchParams();
  for (const [k, v] of Object.entries(form)) for (const x of Array.isArray(v) ? v : [v]) body.append(k, x);
  const res = await appAs(as).request(`${path}${path.includes("?") ? "&" : "?"}lang=${lang}`, {
    method: "POST",
    body,
    headers: { "content-type": "application/x-www-form-urlencoded" },
  });
  return { res, body: await res.text() };
}

/** The error shown beside a field: the <p class="error"> tied to it by aria-describedby. */
function fieldError(html: string, id: string): string | undefined {
  const m = new RegExp(`<p class="error" id="${id}-error">([\\s\\S]*?)</p>`).exec(html);
  return m?.[1]
    ?.replace(/<[^>]+>/g, "")
    .replace(/\s+/g, " ")
    .trim();
}

describe("languages", () => {
  test("Accept-Language picks the language, q-values and order respected", () => {
    assert.equal(fromAcceptLanguage("es-MX,es;q=0.9,en;q=0.8"), "es");
    assert.equal(fromAcceptLanguage("fr-FR,fr;q=0.9,en;q=0.5,es;q=0.4"), "en");
    assert.equal(fromAcceptLanguage("de"), undefined);
    assert.equal(fromAcceptLanguage("en;q=0, es;q=0.2"), "es");
  });

  test("the dashboard speaks Spanish to a Spanish browser, with lang, Content-Language and the switch", async () => {
    const { res, body } = await page("/", { headers: { "accept-language": "es-US,es;q=0.9" } });
    assert.equal(res.status, 200);
    assert.match(body, /<html lang="es">/);
    assert.equal(res.headers.get("content-language"), "es");
    assert.match(body, /Lo que muestra el registro/);
    assert.match(body, /<a class="lang" href="\/\?lang=en" hreflang="en" lang="en">English<\/a>/);
  });

  test("?lang= wins over the browser and is remembered in a cookie", async () => {
    const { res, body } = await page("/rights?lang=es", { headers: { "accept-language": "en" } });
    assert.match(body, /Conozca sus derechos/);
    assert.match(res.headers.get("set-cookie") ?? "", /lang=es/);
    const again = await page("/rights", { headers: { "accept-language": "en", cookie: "lang=es" } });
    assert.match(again.body, /<html lang="es">/);
  });

  test("dates and numbers follow the page's locale", async () => {
    const en = await page("/people/kaag?lang=en");
    const es = await page("/people/kaag?lang=es");
    assert.match(en.body, /Mar 15, 2025, 7:36\sPM EDT/);
    assert.match(es.body, /15 mar 2025, 19:36/);
    assert.match(es.body, /Suspensión de la deportación/);
    // The CECOT event has no published source: the public sees its month, never its day.
    assert.match(en.body, /Last known:<\/strong> held at CECOT \(El Salvador\) since March 2025\./);
    assert.doesNotMatch(en.body, /Mar 16, 2025/);
  });

  test("every page has the same layout in both languages and no inline script", async () => {
    for (const path of ["/", "/people", "/orders", "/sources", "/rights", "/plan", "/search?q=abrego"]) {
      for (const lang of ["en", "es"]) {
        const { res, body } = await page(`${path}${path.includes("?") ? "&" : "?"}lang=${lang}`);
        assert.equal(res.status, 200, path);
        assert.match(body, new RegExp(`<html lang="${lang}">`), path);
        assert.doesNotMatch(body, /<script(?![^>]*\bsrc=)[^>]*>/, `${path}: inline script`);
        assert.doesNotMatch(
          body,
          /https?:\/\/(?!127\.0\.0\.1)[^"]*\.(css|js|woff2?)"/,
          `${path}: external asset`,
        );
      }
    }
  });
});

describe("the public dashboard", () => {
  test("counts public records only, withholds counts under 5, and never names private people", async () => {
    const { body } = await page("/?lang=en");
    assert.doesNotMatch(body, /Romero de Hern/);
    // One Salvadoran beside 137 in a class: withheld, and pooled so the total cannot give it away.
    assert.match(body, /Other \(small numbers pooled\)/);
    assert.doesNotMatch(body, /<th scope="row">El Salvador<\/th>/);
    // The class record stands for 137 people: a count that is shown as it is.
    assert.match(body, /138/);
    assert.match(body, /href="\/data\/public\.csv"/);
    assert.match(body, /href="\/data\/public\.json"/);
  });

  test("charts are SVG with a title, a description and the numbers as a table", async () => {
    const { body } = await page("/?lang=es");
    const svg = /<svg [^>]*role="img" aria-labelledby="chart-country-t chart-country-d"[\s\S]*?<\/svg>/.exec(
      body,
    )?.[0];
    assert.ok(svg, "country chart");
    assert.match(svg, /<title id="chart-country-t">País de ciudadanía<\/title>/);
    assert.match(svg, /<desc id="chart-country-d">/);
    assert.match(body, /<summary>Ver las cifras en una tabla<\/summary>/);
    assert.match(body, /<th scope="row">Otros \(cifras pequeñas juntas\)<\/th><td class="num">138<\/td>/);
  });

  test("a court order still unmet shows how long it has stood; breached and unmet are counted apart", async () => {
    const { body } = await page("/?lang=en");
    assert.match(body, /Court orders breached or still unmet/);
    assert.match(
      body,
      /Noem v\. Abrego Garcia · Order to facilitate return · [^<]+ · Outstanding · unmet for \d+ days/,
    );
    assert.match(body, /<span class="stat-value">0<\/span><span class="stat-label">court orders breached/);
    assert.match(body, /<span class="stat-value">1<\/span><span class="stat-label">court orders still unmet/);
  });
});

describe("know your rights and the family plan", () => {
  test("the rights page covers the door, the street, detention and families, in both languages", async () => {
    const en = (await page("/rights?lang=en")).body;
    for (const h of [
      "If agents come to your door",
      "In the street",
      "If you are detained",
      "What family and friends can do",
    ])
      assert.match(en, new RegExp(h));
    assert.match(en, /I-200 and I-205/);
    const es = (await page("/rights?lang=es")).body;
    for (const h of [
      "Si los agentes llegan a su puerta",
      "En la calle",
      "Si lo detienen",
      "Lo que pueden hacer la familia",
    ])
      assert.match(es, new RegExp(h));
  });

  test("the plan has no form that could send it, and its script is served by habeas", async () => {
    const { body } = await page("/plan?lang=es");
    assert.match(body, /Plan de preparación familiar/);
    assert.doesNotMatch(body, /<form/);
    assert.match(body, /<script src="\/assets\/plan\.js" defer><\/script>/);
    assert.match(body, /data-keep="plan-papers-anumber"/);
    const js = await publicApp.request("/assets/plan.js");
    assert.equal(js.status, 200);
    assert.match(js.headers.get("content-type") ?? "", /javascript/);
    const text = await js.text();
    assert.match(text, /localStorage/);
    assert.doesNotMatch(text, /fetch\(|XMLHttpRequest|sendBeacon/, "the plan never leaves the browser");
  });
});

describe("public and private", () => {
  test("anonymous visitors see no findings, no restricted fields and no private people", async () => {
    const { body } = await page("/people/kaag");
    assert.doesNotMatch(body, /A123-456-789/);
    assert.doesNotMatch(body, /Due-process findings/);
    assert.equal((await page("/people/private-1")).res.status, 404);
    assert.doesNotMatch((await page("/search?q=Maria%20Romero")).body, /private-1/);
    assert.doesNotMatch((await page("/people")).body, /Romero de Hern/);
  });

  test("the sources beside each fact are numbered as in the list of sources, in ascending order", async () => {
    // The demo's people have facts with several sources each.
    const demo = await openTestStore();
    try {
      await loadDemo(demo.db);
      const res = await createApp(demo.db).app.request("/people/kilmar-abrego-garcia");
      const body = await res.text();
      const groups = [...body.matchAll(/(?:<a class="cite"[^>]*>\[(?:\d+|\?)\]<\/a>)+/g)].map((g) =>
        [...g[0].matchAll(/\[(\d+)\]/g)].map((m) => Number(m[1])),
      );
      assert.ok(
        groups.some((g) => g.length > 1),
        "a fact with more than one source",
      );
      for (const g of groups)
        assert.deepEqual(
          g,
          [...g].sort((a, b) => a - b),
        );
    } finally {
      await demo.close();
    }
  });

  test("staff pages send anonymous visitors to sign in, and refuse their writes", async () => {
    for (const path of ["/workspace", "/intake", "/people/new", "/people/kaag/events/new", "/review"]) {
      const { res } = await page(path);
      assert.equal(res.status, 303, path);
      assert.equal(res.headers.get("location"), `/login?next=${encodeURIComponent(path)}`);
    }
    const res = await publicApp.request("/intake", {
      method: "POST",
      body: new URLSearchParams({ full_name: "X" }),
    });
    assert.ok([401, 403].includes(res.status), `status ${res.status}`);
  });

  test("a lawyer sees findings, restricted fields and private people; a volunteer no restricted fields", async () => {
    const lawyer = (await page("/people/kaag?lang=en", { as: LAWYER })).body;
    assert.match(lawyer, /Due-process findings/);
    assert.match(lawyer, /A123-456-789/);
    assert.match(lawyer, /Removed to a country the person was protected from/);
    assert.match(lawyer, /Legal basis/);
    const volunteer = (await page("/people/kaag?lang=en", { as: VOLUNTEER })).body;
    assert.match(volunteer, /Due-process findings/);
    assert.doesNotMatch(volunteer, /A123-456-789/);
    const privatePage = await page("/people/private-1?lang=en", { as: VOLUNTEER });
    assert.equal(privatePage.res.status, 200);
    assert.match(privatePage.body, /Private: not on public pages/);
    assert.doesNotMatch(volunteer, /Private: not on public pages/, "a public record has no private badge");
    assert.match((await page("/people", { as: VOLUNTEER })).body, /Private: not on public pages/);
  });

  test("findings are in the viewer's language, grouped by severity", async () => {
    const es = (await page("/people/kaag?lang=es", { as: LAWYER })).body;
    assert.match(es, /Hallazgos sobre el debido proceso/);
    assert.match(es, /<h3 id="sev-violation-h">Violaciones/);
    assert.match(es, /Fundamento legal/);
  });
});

describe("hotline intake", () => {
  const good = {
    full_name: "Rosa Elvira Quintanilla Mejía",
    aliases: "Rosa Quintanilla",
    "nationalities.0": "SV",
    arrest_date: "2025-05-02",
    arrest_time: "06:40",
    tz: "America/Los_Angeles",
    arrest_place: "Outside her home, Van Nuys",
    agency: "ICE",
    warrant: "administrative",
    current_facility: "CECOT",
    "protections.0.kind": "CAT_deferral",
    "protections.0.country": "SV",
    pending_asylum: "on",
    consulate: "yes",
    consent: "family",
    a_number: "A201-555-123",
    medical: "Insulin twice a day",
  };

  test("bad input comes back with every message beside its field, and nothing is created", async () => {
    const { res, body } = await post(
      "/intake",
      { full_name: "", a_number: "12-34", arrest_date: "2031-01-01", transfers: "next week, Otay Mesa" },
      LAWYER,
    );
    assert.equal(res.status, 400);
    assert.match(body, /There is a problem/);
    assert.match(fieldError(body, "f-full_name") ?? "", /required/);
    assert.match(fieldError(body, "f-a_number") ?? "", /8 or 9 digits/);
    assert.match(fieldError(body, "f-arrest_date") ?? "", /future/);
    assert.match(fieldError(body, "f-transfers") ?? "", /Line 1/);
    assert.match(
      body,
      /id="f-a_number" name="a_number" value="12-34"[^>]*aria-describedby="f-a_number-hint f-a_number-error" aria-invalid="true"/,
    );
    assert.match(body, /<a href="#f-full_name">/);
  });

  test("the messages are in Spanish for a Spanish page", async () => {
    const { body } = await post("/intake", { full_name: "", arrest_date: "" }, LAWYER, "es");
    assert.match(body, /Hay un problema/);
    assert.match(fieldError(body, "f-full_name") ?? "", /obligatorio/);
    assert.match(fieldError(body, "f-arrest_date") ?? "", /obligatorio/);
  });

  test("restricted fields are marked, and locked for a volunteer", async () => {
    const lawyer = (await page("/intake?lang=en", { as: LAWYER })).body;
    assert.match(
      lawyer,
      /<label for="f-a_number">A-number <span class="badge restricted">restricted<\/span>/,
    );
    assert.doesNotMatch(lawyer, /id="f-a_number"[^>]* disabled/);
    const volunteer = (await page("/intake?lang=en", { as: VOLUNTEER })).body;
    assert.match(volunteer, /id="f-a_number"[^>]* disabled/);
    assert.match(volunteer, /id="f-medical"[^>]* disabled/);
    assert.match(volunteer, /Only lawyers and admins can record this field/);
  });

  test("a good call opens the case with its first events in one step", async () => {
    const { res } = await post("/intake", good, LAWYER);
    assert.equal(res.status, 303);
    const location = res.headers.get("location") ?? "";
    assert.match(location, /^\/people\/p-[0-9a-z]{22}\?saved=intake&events=\d+$/);
    const id = location.split("/")[2]!.split("?")[0]!;
    const rec = await getPersonRecord(store.db, id, LAWYER);
    assert.deepEqual(
      rec.events.map((e) => e.type),
      ["ARREST", "DETENTION_START", "ASYLUM_APPLIED", "CONTACT"],
    );
    assert.equal(rec.events[0]?.at, "2025-05-02T13:40:00.000Z");
    assert.equal(rec.events[1]?.facility, "cecot");
    assert.equal(rec.person.a_number, "A201-555-123");
    assert.match(rec.person.notes ?? "", /Medical needs: Insulin twice a day/);
    assert.deepEqual(rec.person.protections, [{ kind: "CAT_deferral", country: "SV" }]);
    assert.equal(rec.person.consent?.family_status, true);
    assert.equal(rec.person.consent?.publish, false);
    const shown = (await page(location, { as: LAWYER })).body;
    assert.match(shown, /Case opened, with 4 events from the call/);
    assert.equal((await page(`/people/${id}`)).res.status, 404, "private to the public");
  });

  test("a likely duplicate is shown before a new person is created; confirming creates it", async () => {
    const call = { ...good, full_name: "Kilmer Abrego Garcia", aliases: "", a_number: "" };
    const first = await post("/intake", call, LAWYER);
    assert.equal(first.res.status, 200);
    assert.match(first.body, /This person may already be on record/);
    assert.match(first.body, /href="\/people\/kaag"/);
    assert.match(first.body, /name="confirm_new" value="1"/);
    assert.match(first.body, /value="Kilmer Abrego Garcia"/, "the answers are kept");
    const confirmed = await post("/intake", { ...call, confirm_new: "1" }, LAWYER);
    assert.equal(confirmed.res.status, 303);
  });

  test("the same A-number is a duplicate even under another name", async () => {
    const { body } = await post(
      "/intake",
      { ...good, full_name: "Someone Else Entirely", a_number: "123456789" },
      LAWYER,
    );
    assert.match(body, /same A-number/);
  });

  test("a volunteer cannot slip restricted answers in", async () => {
    const { res } = await post(
      "/intake",
      { ...good, full_name: "Tomás Ixcoy", aliases: "", a_number: "A301-222-333", medical: "x" },
      VOLUNTEER,
    );
    assert.equal(res.status, 303);
    const id = (res.headers.get("location") ?? "").split("/")[2]!.split("?")[0]!;
    const rec = await getPersonRecord(store.db, id, ADMIN);
    assert.equal(rec.person.a_number, undefined);
    assert.equal(rec.person.notes, undefined);
  });

  test("a duplicate's record receives the answers already typed, hearing included, with one click", async () => {
    const call = {
      ...good,
      full_name: "Kilmer Abrego Garcia",
      aliases: "",
      a_number: "",
      medical: "",
      hearing_date: "2025-07-08",
      hearing_time: "09:00",
      hearing_court: "Baltimore Immigration Court",
      hearing_kind: "master",
      asylum_date: "2019",
    };
    const first = await post("/intake", call, VOLUNTEER);
    assert.match(first.body, /name="add_to" value="kaag"/);
    const before = (await getPersonRecord(store.db, "kaag", ADMIN)).events.length;
    const { res } = await post("/intake", { ...call, add_to: "kaag" }, VOLUNTEER);
    assert.equal(res.status, 303);
    assert.match(res.headers.get("location") ?? "", /^\/people\/kaag\?saved=intake&events=\d+$/);
    const rec = await getPersonRecord(store.db, "kaag", ADMIN);
    assert.ok(rec.events.length > before);
    assert.ok(rec.events.some((e) => e.type === "HEARING" && e.place === "Baltimore Immigration Court"));
    assert.ok(rec.events.some((e) => e.type === "ASYLUM_APPLIED" && e.precision === "year"));
  });

  test("a volunteer records caller and family contact, then sees only that they are recorded", async () => {
    const form = (await page("/intake?lang=en", { as: VOLUNTEER })).body;
    assert.doesNotMatch(form, /id="f-family_phone"[^>]* disabled/);
    assert.match(form, /only lawyers read it back/);
    const { res } = await post(
      "/intake",
      {
        ...good,
        full_name: "Wendy Xol Caal",
        aliases: "",
        a_number: "",
        medical: "",
        family_phone: "555-0177",
      },
      VOLUNTEER,
    );
    assert.equal(res.status, 303);
    const id = (res.headers.get("location") ?? "").split("/")[2]!.split("?")[0]!;
    const theirs = (await page(`/people/${id}?lang=en`, { as: VOLUNTEER })).body;
    assert.doesNotMatch(theirs, /555-0177/);
    assert.match(theirs, /Family and caller contacts[\s\S]*recorded \(sealed/);
    assert.match((await page(`/people/${id}?lang=en`, { as: LAWYER })).body, /555-0177/);
  });
});

describe("staff forms", () => {
  test("adding an event changes the findings on the person page", async () => {
    const before = (await page("/people/kaag?lang=en", { as: LAWYER })).body;
    const violations = (html: string) =>
      /<section class="severity sev-violation"[\s\S]*?<\/section>/.exec(html)?.[0] ?? "";
    assert.match(violations(before), /return tracker/);
    const { res } = await post(
      "/people/kaag/events/new",
      {
        type: "RETURN",
        when: "2025-06-06 21:00",
        tz: "America/New_York",
        summary: "Flown back to the United States to face charges.",
        "details.RETURN.to_country": "US",
        source_ids: "s-court",
      },
      LAWYER,
    );
    assert.equal(res.status, 303);
    assert.match(res.headers.get("location") ?? "", /^\/people\/kaag\?saved=event#ev-ev-[0-9a-z]{22}$/);
    const afterBody = (await page("/people/kaag?lang=en&saved=event", { as: LAWYER })).body;
    assert.doesNotMatch(violations(afterBody), /return tracker/);
    assert.match(afterBody, /<h3 id="sev-information-h">Information/);
    assert.match(afterBody, /Event saved/);
    assert.match(afterBody, /Last known:<\/strong> returned (\(United States\) )?on Jun 6, 2025\./);
  });

  test("a bad event keeps its values and puts each message beside its field, details included", async () => {
    const { res, body } = await post(
      "/people/kaag/events/new",
      {
        type: "NOTICE_GIVEN",
        when: "2025-02-30",
        tz: "UTC",
        summary: "",
        "details.NOTICE_GIVEN.hours_before_removal": "soon",
      },
      LAWYER,
    );
    assert.equal(res.status, 400);
    assert.match(fieldError(body, "f-summary") ?? "", /required/);
    assert.match(fieldError(body, "f-details-NOTICE_GIVEN-hours_before_removal") ?? "", /number/);
    assert.match(body, /value="2025-02-30"/);
    assert.match(
      body,
      /<fieldset class="group details" data-for-type="NOTICE_GIVEN">/,
      "the chosen kind's details shown",
    );
    assert.match(body, /<fieldset class="group details" data-for-type="ARREST" hidden>/);
  });

  test("an event's date that is not a real date is reported beside 'When'", async () => {
    const { body } = await post(
      "/people/kaag/events/new",
      { type: "ARREST", when: "2025-02-30", tz: "UTC", summary: "x" },
      LAWYER,
      "es",
    );
    assert.match(fieldError(body, "f-when") ?? "", /fecha real/);
  });

  test("a volunteer's edit of a person keeps the A-number they were never shown", async () => {
    const form = (await page("/people/kaag/edit?lang=en", { as: VOLUNTEER })).body;
    assert.match(form, /id="f-a_number"[^>]* disabled/);
    assert.doesNotMatch(form, /A123-456-789/);
    const { res } = await post(
      "/people/kaag/edit",
      {
        full_name: "Kilmar Armando Abrego Garcia",
        aliases: "Kilmer Armado Abrego-Garcia",
        kind: "individual",
        "nationalities.0": "SV",
        citizenship_status: "unknown",
        "protections.0.kind": "withholding_241b3",
        "protections.0.country": "SV",
        "consent.public_record": "on",
        summary: "Removed to El Salvador despite a withholding order.",
        source_ids: "s-court",
      },
      VOLUNTEER,
    );
    assert.equal(res.status, 303);
    assert.equal((await getPersonRecord(store.db, "kaag", ADMIN)).person.a_number, "A123-456-789");
  });

  test("a person form with a protection missing its country says so beside that row", async () => {
    const { res, body } = await post(
      "/people/new",
      { full_name: "Ana", "protections.1.kind": "CAT_deferral" },
      LAWYER,
    );
    assert.equal(res.status, 400);
    assert.ok(fieldError(body, "f-protections-1-country"), body.slice(0, 200));
  });

  test("court orders and sources: created from their forms, with problems beside fields", async () => {
    const bad = await post("/sources/new", { publisher: "", title: "Docket", url: "not a url" }, LAWYER);
    assert.equal(bad.res.status, 400);
    assert.ok(fieldError(bad.body, "f-publisher"));
    assert.match(fieldError(bad.body, "f-url") ?? "", /web address/);
    const src = await post(
      "/sources/new",
      { publisher: "D. Md.", title: "Order of 4 April", kind: "court_record", reliability: "primary" },
      LAWYER,
    );
    assert.equal(src.res.status, 303);
    const badOrder = await post(
      "/orders/new",
      { matter: "nope", kind: "TRO", issued: "yesterday", summary: "" },
      LAWYER,
    );
    assert.equal(badOrder.res.status, 400);
    assert.ok(fieldError(badOrder.body, "f-matter"));
    assert.ok(fieldError(badOrder.body, "f-issued"));
    assert.ok(fieldError(badOrder.body, "f-summary"));
    const order = await post(
      "/orders/new",
      {
        matter: "m-scotus",
        kind: "stay",
        issued: "2025-04-07 17:00",
        tz: "America/New_York",
        bars: "removal",
        "covers.people": "kaag",
        summary: "Removal stayed.",
      },
      LAWYER,
    );
    assert.equal(order.res.status, 303);
    invalidateDashboard(store.db);
    assert.match((await page("/orders?lang=en", { as: LAWYER })).body, /Removal stayed\./);
    // Staff's words are not public: the public list shows the order without its summary.
    assert.doesNotMatch((await page("/orders?lang=en")).body, /Removal stayed\./);
  });

  test("the review queue lists what ingestion proposes, and a decision takes it off", async () => {
    assert.match(
      (await page("/review?lang=en", { as: LAWYER })).body,
      /Nothing waits for review|proposals wait/,
    );
    await createPerson(
      store.db,
      { full_name: "Kilmar Armando Abrego García", consent: { public_record: true } },
      ADMIN,
    );
    // Only the first record by id is checked with a limit of one, and it is said so; then everyone.
    const first = await proposeMerges(store.db, ADMIN, { limit: 1 });
    assert.equal(first.checked, 1);
    assert.ok(first.individuals > 1);
    const all = await proposeMerges(store.db, ADMIN);
    assert.equal(all.checked, all.individuals);
    assert.ok(first.proposed + all.proposed >= 1, "the two spellings of one name are proposed");
    const queue = (await page("/review?lang=en", { as: LAWYER })).body;
    assert.match(queue, /Merge duplicates/);
    const id = /action="\/review\/(?!group")([^"]+)"/.exec(queue)?.[1];
    assert.ok(id);
    const { res } = await post(`/review/${id}`, { decision: "reject", reason: "different people" }, LAWYER);
    assert.equal(res.status, 303);
    assert.doesNotMatch((await page("/review?lang=en", { as: LAWYER })).body, new RegExp(`/review/${id}"`));
  });

  test("the review queue groups proposals by article and kind; one form decides a whole group", async () => {
    await proposeMerges(store.db, ADMIN);
    const queue = (await page("/review?lang=en", { as: LAWYER })).body;
    const group = /name="group" value="([^"]+)"/.exec(queue)?.[1];
    assert.ok(group, "a pending merge proposal forms a group");
    assert.match(queue, /Accept all in this group/);
    const { res, body } = await post("/review/group", { group, decision: "reject" }, LAWYER);
    assert.equal(res.status, 200);
    assert.match(body, /Decided \d+ proposals/);
    const again = await post("/review/group", { group: "nothing~new_person", decision: "accept" }, LAWYER);
    assert.equal(again.res.status, 409);
    // A decision can be undone from the page: the proposal waits again.
    const decided = (await reviewQueue(store.db, ADMIN, { status: "rejected" }))[0];
    assert.ok(decided);
    const undo = await post(`/review/${decided.id}/undo`, {}, LAWYER);
    assert.equal(undo.res.status, 200);
    assert.match(undo.body, /Undone/);
  });

  test("a viewer may read the workspace but gets no write actions", async () => {
    const { res, body } = await page("/workspace?lang=en", { as: { role: "viewer", userId: "vi" } });
    assert.equal(res.status, 200);
    assert.doesNotMatch(body, /href="\/intake"/);
    assert.equal((await page("/intake", { as: { role: "viewer", userId: "vi" } })).res.status, 403);
  });
});

describe("through the real app, signed in", () => {
  test("forms carry the anti-forgery token, and a signed-in intake opens a case", async () => {
    await createUser(store.db, {
      username: "rita.lawyer",
      password: "a long enough passphrase 9",
      role: "lawyer",
    });
    const login = await publicApp.request("/login", {
      method: "POST",
      body: JSON.stringify({ username: "rita.lawyer", password: "a long enough passphrase 9" }),
      headers: { "content-type": "application/json" },
    });
    assert.equal(login.status, 200);
    const cookie = (login.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
    const form = await (await publicApp.request("/intake?lang=en", { headers: { cookie } })).text();
    const token = /name="_csrf" value="([^"]+)"/.exec(form)?.[1];
    assert.ok(token, "the intake form carries the token");
    assert.match(
      form,
      /<form class="signout" method="post" action="\/logout">\s*<input type="hidden" name="_csrf"/,
    );
    const res = await publicApp.request("/intake", {
      method: "POST",
      body: new URLSearchParams({
        _csrf: token,
        full_name: "Wilmer Antonio Ochoa",
        arrest_date: "2025-06-01",
      }),
      headers: { cookie, "content-type": "application/x-www-form-urlencoded" },
    });
    assert.equal(res.status, 303);
    assert.match(res.headers.get("location") ?? "", /^\/people\/p-[0-9a-z]{22}\?/);
    const forged = await publicApp.request("/intake", {
      method: "POST",
      body: new URLSearchParams({ full_name: "Nobody", arrest_date: "2025-06-01" }),
      headers: { cookie, "content-type": "application/x-www-form-urlencoded" },
    });
    assert.equal(forged.status, 403);
  });
});

test("the court orders page shows a hundred at a time, in the order they were issued", async () => {
  const own = await openTestStore();
  try {
    const d = miniDataset();
    const orders = d.orders ?? [];
    // 104 more orders about the public person, issued a day apart after the dataset's own.
    const extra = Array.from({ length: 104 }, (_, i) => ({
      ...orders[0]!,
      id: `o-extra-${String(i + 1).padStart(3, "0")}`,
      issued: new Date(Date.UTC(2025, 4, 1) + i * 86_400_000).toISOString().slice(0, 10),
      covers: { people: ["kaag"] },
    }));
    await loadDataset(own.db, DatasetSchema.parse({ ...d, orders: [...orders, ...extra] }));
    const app = createApp(own.db).app;
    const ids = (body: string) => [...body.matchAll(/<li id="order-([^"]+)"/g)].map((m) => m[1]);
    const first = await (await app.request("/orders?lang=en")).text();
    assert.equal(ids(first).length, 100);
    assert.equal(ids(first)[0], "o-facilitate", "the earliest first");
    assert.match(first, /1–100 of 105 court orders/);
    assert.match(first, /href="\/orders\?lang=en&amp;page=2" rel="next"/);
    const second = await (await app.request("/orders?lang=es&page=2")).text();
    assert.deepEqual(ids(second), [
      "o-extra-100",
      "o-extra-101",
      "o-extra-102",
      "o-extra-103",
      "o-extra-104",
    ]);
    assert.match(second, /101–105 de 105 órdenes judiciales/);
    // Each order still shows its matter and its compliance, read for the page shown.
    assert.match(second, /href="\/matters\/m-scotus"/);
    assert.equal((second.match(/<div class="compliance /g) ?? []).length, 5);
  } finally {
    await own.close();
  }
});
