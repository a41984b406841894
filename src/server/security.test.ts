// The web app's security as a visitor meets it: every route × every role answers as the policy says (a route
// registered outside the router, or opened to the public without review, fails here), sessions and their
// cookies, sign-in lockout, CSRF on forms and JSON writes, and hostile text rendered inert.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { miniDataset } from "../../test/fixtures.ts";
import {
  asSession,
  type Session,
  sessionCookie,
  sessionsByRole,
  signInAs,
  TEST_PASSWORD,
} from "../../test/sessions.ts";
import { openTestStore, type TestStore } from "../../test/test-store.ts";
import { DatasetSchema } from "../domain/model.ts";
import { can, OPERATOR, ROLES, type Role, type Viewer } from "../domain/policy.ts";
import { createUser } from "../services/accounts.ts";
import { saveSourceRecord } from "../services/edit-record.ts";
import { loadDataset } from "../services/load-dataset.ts";
import { createPerson } from "../services/record-case.ts";
import { createApp } from "./app.ts";
import type { RouteSpec } from "./routes.ts";

let store: TestStore;
before(async () => {
  store = await openTestStore();
  await loadDataset(store.db, DatasetSchema.parse(miniDataset()));
  await createUser(store.db, { username: "target-user", password: TEST_PASSWORD, role: "viewer" });
});
after(() => store.close());

/**
 * Everything an anonymous visitor may reach. Opening a route to the public is a decision to review: add it
 * here only after checking it shows nothing private (consent, restricted fields, testimony sources).
 */
const PUBLIC_SURFACE = new Set([
  "GET /",
  "GET /rights",
  "GET /plan",
  "GET /people",
  "GET /people/:id",
  "GET /orders",
  "GET /sources",
  // A source the public may read (court records, government, news, NGO), with its captured original.
  "GET /sources/:id",
  "GET /sources/:id/original",
  // A legal matter as getMatter scopes it: filed cases (public court records), people filtered.
  "GET /matters/:id",
  "GET /search",
  "GET /login",
  "POST /login",
  "POST /logout",
  "GET /family",
  "POST /family",
  "GET /data/public.json",
  "GET /data/public.csv",
  "GET /api/people",
  "GET /api/people/search",
  "GET /api/people/:id",
  "GET /api/people/:id/events",
  "GET /api/people/:id/findings",
  "GET /api/orders/:id/compliance",
  "GET /api/facilities",
  "GET /api/facilities/:id",
  "GET /api/matters",
  "GET /api/matters/:id",
  "GET /api/orders",
  "GET /api/orders/:id",
  "GET /api/sources",
  "GET /api/sources/:id",
  "GET /api/search",
  "GET /api/whoami",
  // The facility registry and daily population: public reference data, no people.
  "GET /facilities",
  "GET /facilities/:id",
  "GET /api/facility-search",
  "GET /api/facilities/:id/population",
  // The secret-address calendar feed: the token is the credential, a wrong one answers 404 (deadlines tests).
  "GET /calendar/:file",
]);
/** Served outside the router on purpose: static files and the health check, the same for everyone. */
const DIRECT = new Set(["GET /assets/style.css", "GET /assets/:file", "GET /healthz"]);

const key = (r: { method: string; path: string }) => `${r.method} ${r.path}`;
const viewerOfRole = (role: Role): Viewer => ({ role });

function fill(path: string): string {
  return path
    .replace(":username", "target-user")
    .replace(/:id\b/, "kaag")
    .replace(/:[a-z_]+/g, "x");
}

/** An anonymous visitor's form credentials: the pre-session cookie and the token the login page embeds. */
async function anonymousForm(app: ReturnType<typeof createApp>["app"]): Promise<Session> {
  const res = await app.request("/login");
  const pre =
    res.headers
      .getSetCookie()
      .find((c) => c.startsWith("habeas_pre="))
      ?.split(";")[0] ?? "";
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await res.text())?.[1] ?? "";
  return { role: "public", cookie: pre, csrf };
}

async function send(app: ReturnType<typeof createApp>["app"], r: RouteSpec, s: Session): Promise<Response> {
  const path = fill(r.path);
  if (r.method === "GET") return app.request(path, { headers: s.cookie ? { cookie: s.cookie } : {} });
  if (r.kind === "page")
    return app.request(path, {
      method: r.method,
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        ...(s.cookie ? { cookie: s.cookie } : {}),
      },
      body: new URLSearchParams({ _csrf: s.csrf }).toString(),
    });
  return app.request(path, {
    method: r.method,
    headers: asSession(s, { "content-type": "application/json" }),
    body: "{}",
  });
}

describe("authorization", () => {
  test("no route bypasses the router, and every route declares action, resource and kind", () => {
    const { app, routes } = createApp(store.db);
    const table = new Set(routes.map(key));
    const stray = app.routes.filter((r) => r.method !== "ALL" && !table.has(key(r)) && !DIRECT.has(key(r)));
    assert.deepEqual(stray.map(key), [], "register routes with router(app).add so the policy applies");
    for (const r of routes) assert.ok(r.action && r.resource && r.kind, key(r));
  });

  test("only reviewed routes are open to anonymous visitors", () => {
    const { routes } = createApp(store.db);
    const open = routes.filter((r) => can(viewerOfRole("public"), r.action, r.resource)).map(key);
    assert.deepEqual(
      open.filter((k) => !PUBLIC_SURFACE.has(k)),
      [],
      "a new public route: check it leaks nothing, then add it to PUBLIC_SURFACE",
    );
    assert.deepEqual(
      [...PUBLIC_SURFACE].filter((k) => !open.includes(k)),
      [],
      "PUBLIC_SURFACE lists a route that is no longer public",
    );
  });

  test("every route × every role answers as the policy says", async () => {
    const { app, routes } = createApp(store.db);
    const sessions = await sessionsByRole(app, store.db);
    sessions.public = await anonymousForm(app);
    const failures: string[] = [];
    for (const r of routes) {
      for (const role of ROLES) {
        const s = sessions[role];
        const res = await send(app, r, s);
        const allowed = can(viewerOfRole(role), r.action, r.resource);
        const got = `${res.status}${res.status === 303 ? ` → ${res.headers.get("location")}` : ""}`;
        const toLogin = res.status === 303 && (res.headers.get("location") ?? "").startsWith("/login");
        if (res.status >= 500) failures.push(`${key(r)} as ${role}: ${got}`);
        else if (allowed && (res.status === 401 || res.status === 403 || toLogin))
          failures.push(`${key(r)} as ${role}: allowed by the policy, got ${got}`);
        else if (!allowed) {
          const ok =
            role === "public"
              ? r.kind === "api"
                ? res.status === 401
                : r.method === "GET"
                  ? toLogin
                  : res.status === 401
              : res.status === 403;
          if (!ok) failures.push(`${key(r)} as ${role}: denied by the policy, got ${got}`);
        }
        // Signing out ends the session the next requests of this role need.
        if (r.path === "/logout" && role !== "public") sessions[role] = await signInAs(app, `t-${role}`);
      }
    }
    assert.deepEqual(failures, []);
  });

  test("anonymous requests to private API routes get 401 JSON, never data", async () => {
    const { app, routes } = createApp(store.db);
    for (const r of routes.filter(
      (x) => x.kind === "api" && !can(viewerOfRole("public"), x.action, x.resource),
    )) {
      const res = await send(app, r, { role: "public", cookie: "", csrf: "" });
      assert.equal(res.status, 401, key(r));
      assert.deepEqual(((await res.json()) as { error: { code: string } }).error.code, "UNAUTHENTICATED");
    }
  });

  test("a forged or expired session cookie is anonymous, and the cookie is cleared", async () => {
    const { app } = createApp(store.db);
    const res = await app.request("/api/cases", { headers: { cookie: `habeas_session=${"A".repeat(43)}` } });
    assert.equal(res.status, 401);
    assert.match(res.headers.getSetCookie().join("\n"), /habeas_session=;/);
  });
});

describe("sessions and sign-in", () => {
  test("the session cookie is HttpOnly and SameSite=Lax; over https it is Secure and __Host- prefixed", async () => {
    const { app } = createApp(store.db);
    const login = (base: string) =>
      app.request(`${base}/login`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ username: "target-user", password: TEST_PASSWORD }),
      });
    const plain = (await login("http://localhost")).headers
      .getSetCookie()
      .find((c) => c.startsWith("habeas_session="));
    assert.match(plain ?? "", /; HttpOnly/);
    assert.match(plain ?? "", /; SameSite=Lax/);
    assert.match(plain ?? "", /; Path=\//);
    assert.doesNotMatch(
      plain ?? "",
      /; Secure/,
      "on plain http://localhost a Secure cookie would never come back",
    );
    const secure = (await login("https://habeas.example")).headers
      .getSetCookie()
      .find((c) => c.startsWith("__Host-"));
    assert.match(
      secure ?? "",
      /^__Host-habeas_session=[A-Za-z0-9_-]{43}; Max-Age=\d+; Path=\/; HttpOnly; Secure; SameSite=Lax/,
    );
    const forced = createApp(store.db, { cookieSecure: "always" }).app;
    const res = await forced.request("/login", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ username: "target-user", password: TEST_PASSWORD }),
    });
    assert.match(res.headers.getSetCookie().join("\n"), /__Host-habeas_session=.*; Secure/);
  });

  test("each sign-in gets a fresh token; sign-out ends it on the server", async () => {
    const { app } = createApp(store.db);
    const a = await signInAs(app, "target-user");
    const b = await signInAs(app, "target-user");
    assert.notEqual(a.cookie, b.cookie);
    const out = await app.request("/logout", {
      method: "POST",
      headers: { cookie: a.cookie, "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ _csrf: a.csrf }).toString(),
    });
    assert.equal(out.status, 303);
    assert.match(out.headers.getSetCookie().join("\n"), /habeas_session=;/);
    const after = await app.request("/api/whoami", { headers: { cookie: a.cookie } });
    assert.equal(((await after.json()) as { role: string }).role, "public", "the old cookie is worthless");
    const still = await app.request("/api/whoami", { headers: { cookie: b.cookie } });
    assert.equal(((await still.json()) as { role: string }).role, "viewer");
  });

  test("the login form locks the account after 5 wrong passwords, and signs in with the right one otherwise", async () => {
    const { app } = createApp(store.db);
    await createUser(store.db, { username: "locky", password: TEST_PASSWORD, role: "volunteer" });
    const form = await anonymousForm(app);
    const post = (password: string) =>
      app.request("/login", {
        method: "POST",
        headers: { cookie: form.cookie, "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({
          _csrf: form.csrf,
          username: "locky",
          password,
          next: "/workspace",
        }).toString(),
      });
    const ok = await post(TEST_PASSWORD);
    assert.equal(ok.status, 303);
    assert.equal(ok.headers.get("location"), "/workspace");
    assert.ok(sessionCookie(ok));
    for (let i = 0; i < 4; i++)
      assert.match(await (await post(`wrong ${i}`)).text(), /Wrong username or password/);
    const fifth = await post("wrong 5");
    assert.match(await fifth.text(), /Too many attempts/);
    const right = await post(TEST_PASSWORD);
    assert.match(await right.text(), /Too many attempts/);
    assert.equal(sessionCookie(right), undefined, "no session while locked");
  });

  test("sign-in never redirects off the site", async () => {
    const { app } = createApp(store.db);
    const form = await anonymousForm(app);
    for (const next of [
      "//evil.example/x",
      "https://evil.example",
      "/\\evil.example",
      "javascript:alert(1)",
    ]) {
      const res = await app.request("/login", {
        method: "POST",
        headers: { cookie: form.cookie, "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({
          _csrf: form.csrf,
          username: "target-user",
          password: TEST_PASSWORD,
          next,
        }).toString(),
      });
      assert.equal(res.headers.get("location"), "/", next);
    }
  });
});

describe("cross-site request forgery", () => {
  test("a form post without the token, or with another session's, is refused and changes nothing", async () => {
    const { app } = createApp(store.db);
    const s = await sessionsByRole(app, store.db, "csrf");
    const post = (cookie: string, token?: string) =>
      app.request("/sources/new", {
        method: "POST",
        headers: { cookie, "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({
          ...(token ? { _csrf: token } : {}),
          publisher: "CSRF Test",
          title: "Forged",
          kind: "news",
        }).toString(),
      });
    const count = async () => (await store.db.selectFrom("sources").select("id").execute()).length;
    const before = await count();
    assert.equal((await post(s.lawyer.cookie)).status, 403);
    assert.equal((await post(s.lawyer.cookie, s.admin.csrf)).status, 403);
    assert.equal((await post(s.lawyer.cookie, "x".repeat(43))).status, 403);
    assert.equal(await count(), before);
    const ok = await post(s.lawyer.cookie, s.lawyer.csrf);
    assert.equal(ok.status, 303, "with the session's own token the form goes through");
    assert.equal(await count(), before + 1);
  });

  test("a signed-in JSON write needs X-CSRF-Token; another site's Origin is refused even with it", async () => {
    const { app } = createApp(store.db);
    const s = (await sessionsByRole(app, store.db, "json")).lawyer;
    const body = JSON.stringify({ full_name: "Via API" });
    const post = (headers: Record<string, string>) =>
      app.request("/api/people", {
        method: "POST",
        headers: { cookie: s.cookie, "content-type": "application/json", ...headers },
        body,
      });
    assert.equal((await post({})).status, 403);
    assert.equal((await post({ "x-csrf-token": s.csrf, origin: "https://evil.example" })).status, 403);
    assert.equal((await post({ "x-csrf-token": s.csrf, "sec-fetch-site": "cross-site" })).status, 403);
    assert.equal((await post({ "x-csrf-token": s.csrf, origin: "http://localhost" })).status, 201);
    const who = (await (await app.request("/api/whoami", { headers: { cookie: s.cookie } })).json()) as {
      csrf: string;
    };
    assert.equal(who.csrf, s.csrf);
  });

  test("the login form itself needs its token (no login CSRF), and text/plain bodies are not JSON", async () => {
    const { app } = createApp(store.db);
    const res = await app.request("/login", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ username: "target-user", password: TEST_PASSWORD }).toString(),
    });
    assert.equal(res.status, 403);
    const plain = await app.request("/login", {
      method: "POST",
      headers: { "content-type": "text/plain" },
      body: JSON.stringify({ username: "target-user", password: TEST_PASSWORD }),
    });
    assert.equal(plain.status, 400);
    assert.equal(sessionCookie(plain), undefined);
  });
});

describe("headers and hostile text", () => {
  test("every page carries a strict CSP without inline scripts, and framing is refused", async () => {
    const { app } = createApp(store.db);
    for (const path of ["/", "/login", "/family", "/api/people", "/data/public.json"]) {
      const res = await app.request(path);
      const csp = res.headers.get("content-security-policy") ?? "";
      assert.match(csp, /script-src 'self'/, path);
      assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/, path);
      assert.match(csp, /frame-ancestors 'none'/, path);
      assert.equal(res.headers.get("x-frame-options"), "DENY", path);
      assert.equal(res.headers.get("x-content-type-options"), "nosniff", path);
      assert.equal(res.headers.get("referrer-policy"), "same-origin", path);
    }
  });

  const XSS = [
    `<script>alert("xss1")</script>`,
    `"><img src=x onerror=alert('xss2')>`,
    `'><svg/onload=alert('xss3')>`,
    `</textarea><script>alert('xss4')</script>`,
    `<iframe srcdoc="<script>alert('xss5')</script>"></iframe>`,
    `" autofocus onfocus="alert('xss6')`,
    `<a href="javascript:alert('xss7')">x</a>`,
  ];
  const UNSAFE = [
    /<script>alert/i,
    /<img src=x onerror/i,
    /<svg\/onload/i,
    /<iframe/i,
    /" autofocus onfocus="alert/i,
    /href="javascript:/i,
  ];

  test("hostile text in every field of a record is escaped on every page that shows it", async () => {
    const { app } = createApp(store.db);
    const text = XSS.join(" ");
    await saveSourceRecord(
      store.db,
      { id: "s-xss", publisher: text.slice(0, 200), title: text.slice(0, 500), kind: "news" },
      OPERATOR,
    );
    await assert.rejects(
      saveSourceRecord(store.db, { publisher: "x", title: "x", url: "javascript:alert(1)" }, OPERATOR),
      /not valid/,
      "a javascript: link is refused at the edge",
    );
    await createPerson(
      store.db,
      {
        id: "xss-person",
        full_name: XSS[1] as string,
        aliases: XSS,
        summary: text,
        citizenship_evidence: text,
        notes: text,
        home_address: XSS[0],
        consent: { publish: true },
        sources: [{ source: "s-xss", quote: text }],
      },
      OPERATOR,
    );
    const s = await sessionsByRole(app, store.db, "xss");
    const pages = [
      "/",
      "/people",
      "/people/xss-person",
      "/sources",
      `/search?q=${encodeURIComponent(XSS[0] as string)}`,
      `/login?next=${encodeURIComponent(XSS[1] as string)}`,
      "/people/xss-person/edit",
      "/workspace",
    ];
    for (const path of pages)
      for (const who of [s.public, s.lawyer]) {
        const res = await app.request(path, { headers: who.cookie ? { cookie: who.cookie } : {} });
        const html = await res.text();
        for (const bad of UNSAFE) assert.doesNotMatch(html, bad, `${path} as ${who.role}`);
      }
    const lawyerPage = await (
      await app.request("/people/xss-person", { headers: { cookie: s.lawyer.cookie } })
    ).text();
    assert.match(lawyerPage, /&lt;script&gt;alert/, "the payload is shown as text");
  });
});
