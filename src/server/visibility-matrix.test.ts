// The route × role × team matrix, generated from the route table: every route, as anonymous, as each role of
// team west and of team east, and as a staff member without a team, against records of team west, team east,
// no team, public and private. An invisible record answers exactly as a missing one; a write on it is refused
// and changes nothing; no list, search or export shows it. A route missing from TARGETS fails the suite.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { type Session, sessionFor, TEST_PASSWORD } from "../../test/sessions.ts";
import { openTestStore, type TestStore } from "../../test/test-store.ts";
import { DatasetSchema, type DatasetSchema as DS } from "../domain/model.ts";
import { can, type Viewer } from "../domain/policy.ts";
import { createUser } from "../services/accounts.ts";
import { loadDataset } from "../services/load-dataset.ts";
import { createApp } from "./app.ts";
import type { RouteSpec } from "./routes.ts";

type Team = "west" | "east" | undefined;
type Rec = { id: string; team: Team; public: boolean; name: string; n: number };

/** Five people: every combination the policy distinguishes. Names and texts are the secrets probed for. */
const PEOPLE: Rec[] = [
  { id: "pwpriv", team: "west", public: false, name: "Zorvath Quillane", n: 1 },
  { id: "pwpub", team: "west", public: true, name: "Brindle Okonkwo", n: 2 },
  { id: "pepriv", team: "east", public: false, name: "Tasmiro Velloquet", n: 3 },
  { id: "pnpriv", team: undefined, public: false, name: "Ulvenna Drazhko", n: 4 },
  { id: "pnpub", team: undefined, public: true, name: "Corvina Ashgrove", n: 5 },
];
/** The secrets planted in a person's record that only full access may read. */
const secretsOf = (p: Rec) => [
  `Testimony of ${p.name}`,
  `A099-888-77${p.n}`,
  `2015-02-0${p.n}`,
  `1234 Elm St Apt ${p.n}`,
  `555-010${p.n}`,
  `secret note ${p.name}`,
  `counsel for ${p.name}`,
  `06:1${p.n}`,
  `2025-04-0${p.n}`,
];

function dataset() {
  const d: import("zod").input<typeof DS> = {
    sources: [
      {
        id: "s-news",
        publisher: "Daily Record",
        title: "Court hears case",
        kind: "news",
        published_on: "2025-04-01",
      },
    ],
    facilities: [{ id: "fac", name: "Matrix Processing Center", country: "US" }],
    people: [],
    matters: [],
    orders: [],
    events: [],
    claims: [],
  };
  for (const p of PEOPLE) {
    d.sources?.push({
      id: `st-${p.id}`,
      publisher: `Hotline ${p.name}`,
      title: `Testimony of ${p.name}`,
      kind: "testimony",
    });
    d.people?.push({
      id: p.id,
      full_name: p.name,
      team: p.team,
      consent: { public_record: p.public, family_status: true },
      a_number: `A099-888-77${p.n}`,
      birth_date: `2015-02-0${p.n}`,
      notes: `secret note ${p.name}`,
      sources: p.public ? [{ source: "s-news" }] : [],
    });
    d.events?.push({
      id: `ev-${p.id}`,
      person: p.id,
      type: "ARREST",
      when: `2025-04-0${p.n} 06:1${p.n}`,
      tz: "America/New_York",
      place: `1234 Elm St Apt ${p.n}`,
      summary: `Arrested at home, counsel ${p.name} 555-010${p.n}`,
      details: { agency: "ICE" },
      sources: [{ source: `st-${p.id}` }],
    });
    d.matters?.push({
      id: `m-${p.id}`,
      caption: `${p.name} v. Noem`,
      court: "District Court",
      docket_number: `25-cv-${p.id}`,
      people: [p.id],
      summary: `filed by counsel for ${p.name}`,
    });
    d.orders?.push({
      id: `o-${p.id}`,
      matter: `m-${p.id}`,
      kind: "TRO",
      issued: "2025-04-03 10:00",
      covers: { people: [p.id] },
      bars: ["removal"],
      summary: `Order for ${p.name}`,
    });
  }
  return DatasetSchema.parse(d);
}

type Who = { label: string; role: Viewer["role"]; team?: string; session?: Session };
const ROLES_STAFF = ["viewer", "volunteer", "lawyer", "admin"] as const;

/** The rule under test, written out independently of the code: who may know a record exists. */
function sees(w: Who, p: Rec): boolean {
  return full(w, p) || p.public;
}
/** Full access (within clearance): admins to all; staff to their team and to people without a team. */
function full(w: Who, p: Rec): boolean {
  if (w.role === "public") return false;
  if (w.role === "admin") return true;
  return !p.team || p.team === w.team;
}

/** What each route's :id names. Every route with a parameter must be listed. */
const TARGETS: Record<string, "person" | "event" | "matter" | "order" | "source" | "other"> = {
  "/api/people/:id": "person",
  "/api/people/:id/events": "person",
  "/api/people/:id/findings": "person",
  "/api/people/:id/family-code": "person",
  "/people/:id": "person",
  "/people/:id/edit": "person",
  "/people/:id/events/new": "person",
  "/api/orders/:id": "order",
  "/api/orders/:id/compliance": "order",
  "/orders/:id/edit": "order",
  "/api/matters/:id": "matter",
  "/matters/:id/edit": "matter",
  "/api/sources/:id": "source",
  "/sources/:id/edit": "source",
  "/events/:id/edit": "event",
  "/people/:id/petition": "person",
  "/events/:id/delete": "event",
  "/people/:id/assign": "person",
  "/people/:id/family-code": "person",
  "/people/:id/delete": "person",
  "/sources/:id": "source",
  // A source with no captured original answers 404 whoever asks: covered by the attachments tests.
  "/sources/:id/original": "other",
  "/matters/:id": "matter",
  // Not case records: facilities are public reference data, users and proposals have their own tests.
  "/api/facilities/:id": "other",
  "/api/facilities/:id/population": "other",
  "/facilities/:id": "other",
  // Drafts are reached only through their person's petition page (tested in petition-pages.test.ts).
  "/petitions/:draft/filed": "other",
  "/api/users/:username": "other",
  "/review/:id": "other",
  // A calendar feed's secret token, an administrator's trash and attachments have their own tests.
  "/calendar/:file": "other",
  "/admin/deleted/:id/restore": "other",
  "/attachments/:id": "other",
  "/review/:id/undo": "other",
};

const idOf = (kind: string, p: Rec) =>
  ({ person: p.id, event: `ev-${p.id}`, matter: `m-${p.id}`, order: `o-${p.id}`, source: `st-${p.id}` })[
    kind
  ] ?? p.id;

let store: TestStore;
let app: ReturnType<typeof createApp>["app"];
let routes: RouteSpec[];
const whos: Who[] = [{ label: "anonymous", role: "public" }];

before(async () => {
  store = await openTestStore();
  await loadDataset(store.db, dataset());
  ({ app, routes } = createApp(store.db));
  for (const team of ["west", "east", undefined] as const)
    for (const role of team ? ROLES_STAFF : (["lawyer"] as const)) {
      const username = `m-${role}-${team ?? "none"}`;
      await createUser(store.db, { username, password: TEST_PASSWORD, role, team });
      whos.push({
        label: `${role} of ${team ?? "no team"}`,
        role,
        team,
        session: await sessionFor(app, store.db, username),
      });
    }
});
after(() => store.close());

/** Everything a write could change, as one string. */
async function snapshot(): Promise<string> {
  const tables = [
    "people",
    "events",
    "court_orders",
    "legal_matters",
    "sources",
    "citations",
    "family_codes",
    "matter_people",
    "order_people",
  ] as const;
  const out: unknown[] = [];
  for (const t of tables) out.push(await store.db.selectFrom(t).selectAll().execute());
  return JSON.stringify(out);
}

function headers(w: Who, extra: Record<string, string> = {}): Record<string, string> {
  return { ...(w.session ? { cookie: w.session.cookie, "x-csrf-token": w.session.csrf } : {}), ...extra };
}

async function call(r: RouteSpec, path: string, w: Who, body?: Record<string, string>): Promise<Response> {
  if (r.method === "GET")
    return app.request(path, {
      headers: headers(w, { accept: r.kind === "api" ? "application/json" : "text/html" }),
    });
  if (r.kind === "page")
    return app.request(path, {
      method: r.method,
      headers: headers(w, { "content-type": "application/x-www-form-urlencoded" }),
      body: new URLSearchParams({ _csrf: w.session?.csrf ?? "", ...body }).toString(),
    });
  return app.request(path, {
    method: r.method,
    headers: headers(w, { "content-type": "application/json" }),
    body: JSON.stringify(body ?? {}),
  });
}

const FORM = {
  full_name: "Edited Name",
  type: "OTHER",
  when: "2025-05-01",
  tz: "UTC",
  summary: "edited",
  kind: "TRO",
  issued: "2025-05-01",
  caption: "Edited v. Caption",
  court: "Court",
  publisher: "P",
  title: "T",
  consent: "family",
};

describe("route × role × team", () => {
  test("every route with a parameter is in the matrix", () => {
    const missing = routes
      .filter((r) => r.path.includes("/:") && !(r.path in TARGETS))
      .map((r) => `${r.method} ${r.path}`);
    assert.deepEqual(missing, [], "add the new route to TARGETS so the matrix covers it");
  });

  test("an invisible record answers as a missing one, and a write on it changes nothing", async () => {
    const failures: string[] = [];
    for (const r of routes) {
      const kind = TARGETS[r.path];
      if (!kind || kind === "other") continue;
      for (const w of whos) {
        if (!can({ role: w.role }, r.action, r.resource)) continue;
        const missingPath = r.path.replace(":id", "zz-missing-record");
        const before = r.method === "GET" ? "" : await snapshot();
        const missing = await call(r, missingPath, w, FORM);
        if (r.method !== "GET" && (await snapshot()) !== before)
          failures.push(`${r.method} ${r.path} on a missing record changed the store`);
        const missingBody = (await missing.text()).replaceAll("zz-missing-record", "ID");
        for (const p of PEOPLE) {
          const id = idOf(kind, p);
          const visible = kind === "source" ? full(w, p) : sees(w, p);
          // Writes are tried only where they must fail: a successful edit would change what others see.
          if (visible && r.method !== "GET") continue;
          const snap = r.method === "GET" ? "" : await snapshot();
          const res = await call(r, r.path.replace(":id", id), w, FORM);
          const body = await res.text();
          const where = `${r.method} ${r.path} as ${w.label} on ${p.id}`;
          if (visible) {
            if (res.status === 404) failures.push(`${where}: visible but 404`);
            if (!full(w, p))
              for (const x of secretsOf(p)) if (body.includes(x)) failures.push(`${where}: shows "${x}"`);
            continue;
          }
          if (r.method !== "GET" && (await snapshot()) !== snap)
            failures.push(`${where}: invisible, yet the write changed the store`);
          if (res.status !== missing.status)
            failures.push(`${where}: ${res.status}, a missing record gives ${missing.status}`);
          else if (r.kind === "api" && body.replaceAll(id, "ID") !== missingBody)
            failures.push(`${where}: the answer differs from a missing record's`);
          if (body.includes(p.name)) failures.push(`${where}: shows the name`);
        }
      }
    }
    assert.deepEqual(failures, []);
  });

  test("creating on an invisible person is refused like on a missing one, and changes nothing", async () => {
    const failures: string[] = [];
    for (const w of whos.filter((x) => x.role !== "public" && x.role !== "viewer")) {
      for (const p of PEOPLE) {
        if (sees(w, p)) continue;
        const snap = await snapshot();
        const asInvisible = await app.request("/api/events", {
          method: "POST",
          headers: headers(w, { "content-type": "application/json" }),
          body: JSON.stringify({ person: p.id, type: "OTHER", when: "2025-05-01", summary: "x" }),
        });
        const asMissing = await app.request("/api/events", {
          method: "POST",
          headers: headers(w, { "content-type": "application/json" }),
          body: JSON.stringify({ person: "zz-missing", type: "OTHER", when: "2025-05-01", summary: "x" }),
        });
        const a = (await asInvisible.text()).replaceAll(p.id, "ID");
        const b = (await asMissing.text()).replaceAll("zz-missing", "ID");
        if (asInvisible.status !== 404 || a !== b)
          failures.push(`POST /api/events as ${w.label} on ${p.id}: ${asInvisible.status} ${a}`);
        if ((await snapshot()) !== snap)
          failures.push(`POST /api/events as ${w.label} on ${p.id} changed the store`);
      }
      if (w.role !== "admin") {
        const other = w.team === "west" ? "east" : "west";
        const res = await app.request("/api/people", {
          method: "POST",
          headers: headers(w, { "content-type": "application/json" }),
          body: JSON.stringify({ full_name: "Someone Else", team: other }),
        });
        if (res.status !== 403)
          failures.push(`POST /api/people in team ${other} as ${w.label}: ${res.status}`);
      }
    }
    assert.deepEqual(failures, []);
  });

  test("no list, search, page or export shows a record its viewer may not see", async () => {
    const failures: string[] = [];
    const lists = routes.filter((r) => r.method === "GET" && !r.path.includes("/:"));
    for (const r of lists) {
      for (const w of whos) {
        if (!can({ role: w.role }, r.action, r.resource)) continue;
        for (const q of [
          "",
          "?q=Zorvath",
          "?q=Tasmiro",
          "?q=Ulvenna",
          "?q=Elm",
          "?q=counsel",
          "?table=matters",
          "?table=orders",
          "?table=events",
          "?table=sources",
        ]) {
          const res = await call(r, `${r.path}${q}`, w);
          const body = await res.text();
          for (const p of PEOPLE) {
            const leaks = [
              ...(sees(w, p) ? [] : [p.name, `m-${p.id}`, `o-${p.id}`, `ev-${p.id}`, `${p.name} v. Noem`]),
              ...(w.role === "public"
                ? [
                    `Testimony of ${p.name}`,
                    "A099-888-777",
                    "2015-02-03",
                    "1234 Elm St",
                    "555-0101",
                    "06:15",
                    "2025-04-02",
                  ]
                : []),
            ];
            for (const s of leaks)
              if (body.includes(s)) failures.push(`${r.path}${q} as ${w.label}: shows "${s}"`);
          }
        }
      }
    }
    assert.deepEqual([...new Set(failures)], []);
  });
});
