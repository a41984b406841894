// Hostile input at every door: random and crafted payloads (fast-check) sent to every route the app
// registers — JSON and forms, path parameters and query strings, as every role with valid CSRF tokens —
// must never cause a 500, and a request that is refused must leave every table exactly as it was.
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { after, before, test } from "node:test";
import fc from "fast-check";
import { sql } from "kysely";
import { miniDataset } from "../../test/fixtures.ts";
import { type Session, sessionFor, sessionsByRole } from "../../test/sessions.ts";
import { openTestStore, type TestStore } from "../../test/test-store.ts";
import { DatasetSchema } from "../domain/model.ts";
import { ROLES, type Role } from "../domain/policy.ts";
import { loadDataset } from "../services/load-dataset.ts";
import { createApp } from "./app.ts";
import type { RouteSpec } from "./routes.ts";

const RUNS = Number(process.env.HABEAS_FUZZ_RUNS ?? 25);
// Sessions and lockout counters change on purpose when a sign-in fails; everything else must not.
const VOLATILE = new Set(["sessions", "throttle"]);

let store: TestStore;
let app: ReturnType<typeof createApp>["app"];
let routes: RouteSpec[];
let sessions: Record<Role, Session>;
let tables: string[];

before(async () => {
  store = await openTestStore();
  await loadDataset(store.db, DatasetSchema.parse(miniDataset()));
  ({ app, routes } = createApp(store.db));
  sessions = await sessionsByRole(app, store.db, "fuzz");
  const page = await app.request("/login");
  sessions.public = {
    role: "public",
    cookie:
      page.headers
        .getSetCookie()
        .find((c) => c.startsWith("habeas_pre="))
        ?.split(";")[0] ?? "",
    csrf: /name="_csrf" value="([^"]+)"/.exec(await page.text())?.[1] ?? "",
  };
  // Every table (FTS5 shadow tables are covered by search_docs itself).
  const names = await sql<{ name: string }>`SELECT name FROM sqlite_master WHERE type = 'table'`.execute(
    store.db,
  );
  tables = names.rows
    .map((r) => r.name)
    .filter((t) => !VOLATILE.has(t) && !/^(sqlite_|kysely_|search_docs_)/.test(t));
});
after(() => store.close());

/** Row count and a hash of every row of every table (sorted, so order of storage does not matter). */
async function takeSnapshot(): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const t of tables) {
    // A refused edit form may show the record again, which is a logged read of its restricted fields.
    const rows = await (t === "audit_log"
      ? sql`SELECT * FROM audit_log WHERE action NOT IN ('restricted.read', 'restricted.derive')`
      : sql`SELECT * FROM ${sql.table(t)}`
    ).execute(store.db);
    const lines = rows.rows
      .map((r) => JSON.stringify(r, (_, v) => (v instanceof Uint8Array ? Buffer.from(v).toString("hex") : v)))
      .sort();
    out[t] = `${lines.length}:${createHash("sha256").update(lines.join("\n")).digest("hex")}`;
  }
  return out;
}

// The state before a request is the state after the last one: it is taken again only when a request may have
// changed something (it was not refused, or sessions were made anew); a refused request that changed data
// fails its own assertion. The same checks, at half the table scans.
let last: Record<string, string> | undefined;
async function snapshot(): Promise<Record<string, string>> {
  last ??= await takeSnapshot();
  return last;
}
async function snapshotAfter(): Promise<Record<string, string>> {
  last = await takeSnapshot();
  return last;
}

const NASTY = [
  "",
  " ",
  "kaag",
  "private-1",
  "../../../etc/passwd",
  "%00",
  "\u0000",
  "' OR '1'='1",
  "'; DROP TABLE people; --",
  "1; SELECT * FROM users",
  "<script>alert(1)</script>",
  '"><img src=x onerror=alert(1)>',
  "javascript:alert(1)",
  "__proto__",
  "constructor",
  "prototype",
  "{{7*7}}",
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a template-injection probe, on purpose.
  "${process.exit(1)}",
  "\u202e\u0645\ufeff",
  "🙂".repeat(300),
  "A123-456-789",
  "2025-13-45",
  "9999-99-99T99:99",
  "NaN",
  "-1",
  "1e309",
  "x".repeat(70_000),
];
const FIELDS = [
  "id",
  "person",
  "full_name",
  "aliases",
  "type",
  "when",
  "tz",
  "summary",
  "details",
  "sources",
  "source_ids",
  "consent",
  "a_number",
  "birth_date",
  "notes",
  "home_address",
  "team",
  "kind",
  "matter",
  "issued",
  "covers",
  "bars",
  "publisher",
  "title",
  "url",
  "username",
  "password",
  "role",
  "disabled",
  "code",
  "passphrase",
  "next",
  "caption",
  "court",
  "people",
  "q",
  "decision",
  "reason",
  "facility",
  "precision",
  "__proto__",
  "constructor",
];

const text = fc.oneof(
  fc.constantFrom(...NASTY),
  fc.string({ maxLength: 60 }),
  fc.string({ unit: "grapheme", maxLength: 30 }),
);
const value: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  v: fc.oneof(
    { depthSize: "small" },
    text,
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie("v"), { maxLength: 4 }),
    fc.dictionary(fc.oneof(fc.constantFrom(...FIELDS), fc.string({ maxLength: 10 })), tie("v"), {
      maxKeys: 4,
    }),
  ),
})).v;
const jsonBody = fc.oneof(
  fc.dictionary(fc.constantFrom(...FIELDS), value, { maxKeys: 10 }).map((o) => JSON.stringify(o)),
  fc.jsonValue().map((v) => JSON.stringify(v)),
  fc.constantFrom(
    "{",
    "[1,2",
    "null",
    '{"__proto__":{"role":"admin"}}',
    "\u0000",
    `{"a":"${"b".repeat(1_100_000)}"}`,
  ),
);
const formBody = fc.dictionary(fc.constantFrom(...FIELDS), fc.oneof(text, fc.array(text, { maxLength: 3 })), {
  maxKeys: 10,
});
const param = fc.oneof(
  fc.constantFrom(...NASTY.filter((s) => s.length < 1000)),
  fc.string({ minLength: 1, maxLength: 20 }),
);
const query = fc.dictionary(
  fc.constantFrom("q", "limit", "offset", "table", "lang", "next", "id", "page", "subject", "as_of"),
  text,
  {
    maxKeys: 4,
  },
);
const role = fc.constantFrom(...ROLES);

function fill(path: string, p: string): string {
  return path.replace(/:[a-z_]+/g, () => encodeURIComponent(p) || "x");
}
function withQuery(path: string, q: Record<string, string>): string {
  const s = new URLSearchParams(q).toString();
  return s ? `${path}?${s}` : path;
}

async function check(r: RouteSpec, res: Response, before: Record<string, string>, what: string) {
  assert.ok(
    res.status < 500,
    `${r.method} ${r.path} ${what}: ${res.status} ${(await res.text()).slice(0, 300)}`,
  );
  if (res.status >= 400)
    assert.deepEqual(
      await snapshotAfter(),
      before,
      `${r.method} ${r.path} ${what}: refused, yet data changed`,
    );
  else last = undefined;
  if (r.path === "/logout") {
    for (const x of ROLES.filter((x) => x !== "public"))
      sessions[x] = await sessionFor(app, store.db, `fuzz-${x}`);
    last = undefined;
  }
}

test("every write route, JSON or form, answers hostile bodies without a 500 and changes nothing when it refuses", async () => {
  const writes = routes.filter((r) => r.method !== "GET");
  assert.ok(writes.length >= 5);
  for (const r of writes) {
    await fc.assert(
      fc.asyncProperty(
        role,
        param,
        fc.oneof(
          jsonBody.map((b) => ({ json: b })),
          formBody.map((f) => ({ form: f })),
        ),
        async (who, p, body) => {
          const s = sessions[who];
          const before = await snapshot();
          const path = fill(r.path, p);
          let res: Response;
          if ("json" in body) {
            res = await app.request(path, {
              method: r.method,
              headers: {
                "content-type": "application/json",
                ...(s.cookie ? { cookie: s.cookie, "x-csrf-token": s.csrf } : {}),
              },
              body: body.json,
            });
          } else {
            const form = new URLSearchParams();
            for (const [k, v] of Object.entries(body.form))
              for (const x of Array.isArray(v) ? v : [v]) form.append(k, x);
            form.set("_csrf", s.csrf);
            res = await app.request(path, {
              method: r.method,
              headers: {
                "content-type": "application/x-www-form-urlencoded",
                ...(s.cookie ? { cookie: s.cookie } : {}),
              },
              body: form.toString(),
            });
          }
          await check(r, res, before, `as ${who}`);
        },
      ),
      { numRuns: RUNS, endOnFailure: true },
    );
  }
});

test("every read route answers hostile paths and query strings without a 500, changing nothing", async () => {
  for (const r of routes.filter((x) => x.method === "GET")) {
    await fc.assert(
      fc.asyncProperty(role, param, query, async (who, p, q) => {
        const s = sessions[who];
        const before = await snapshot();
        const res = await app.request(withQuery(fill(r.path, p), q), {
          headers: s.cookie ? { cookie: s.cookie } : {},
        });
        assert.ok(
          res.status < 500,
          `GET ${r.path} as ${who}: ${res.status} ${(await res.text()).slice(0, 300)}`,
        );
        // Reading a restricted field, or deriving findings from one, is itself recorded (and left out of the
        // snapshot); nothing else changes.
        assert.deepEqual(await snapshotAfter(), before, `GET ${r.path} changed data`);
      }),
      { numRuns: Math.max(5, Math.ceil(RUNS / 2)), endOnFailure: true },
    );
  }
});

test("hostile cookies, tokens and headers are anonymous visitors, never errors", async () => {
  await fc.assert(
    fc.asyncProperty(text, text, text, async (cookie, token, lang) => {
      const safe = (s: string) =>
        s
          .replace(/[^\x20-\x7e]/g, "")
          .replace(/[;,]/g, "")
          .slice(0, 200);
      const res = await app.request("/api/whoami", {
        headers: {
          cookie: `habeas_session=${safe(cookie)}; habeas_pre=${safe(token)}; lang=${safe(lang)}`,
          "accept-language": safe(lang),
          "x-forwarded-for": safe(token),
        },
      });
      assert.equal(res.status, 200);
      assert.equal(((await res.json()) as { role: string }).role, "public");
    }),
    { numRuns: RUNS * 2 },
  );
});
