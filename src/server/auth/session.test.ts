// Session and pre-session cookies are read under one name: with Secure cookies only the __Host- name (a
// plain one could be planted by a subdomain or over http), without them only the plain name.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { TEST_PASSWORD } from "../../../test/sessions.ts";
import { openTestStore, type TestStore } from "../../../test/test-store.ts";
import { createUser, signIn } from "../../services/accounts.ts";
import { createApp } from "../app.ts";

let store: TestStore;
let token: string;
before(async () => {
  store = await openTestStore();
  await createUser(store.db, { username: "cookie-user", password: TEST_PASSWORD, role: "viewer" });
  token = (await signIn(store.db, { username: "cookie-user", password: TEST_PASSWORD })).token;
});
after(() => store.close());

type App = ReturnType<typeof createApp>["app"];
async function roleWith(app: App, url: string, cookie: string): Promise<string> {
  const res = await app.request(url, { headers: { cookie } });
  return ((await res.json()) as { role: string }).role;
}

/** The login page's pre-session cookie value and form token, as the browser got them. */
async function preSession(app: App, url: string): Promise<{ name: string; value: string; csrf: string }> {
  const res = await app.request(url);
  const m = /^((?:__Host-)?habeas_pre)=([^;]+)/.exec(
    res.headers.getSetCookie().find((c) => /^(__Host-)?habeas_pre=/.test(c)) ?? "",
  );
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await res.text())?.[1] ?? "";
  return { name: m?.[1] ?? "", value: m?.[2] ?? "", csrf };
}

async function postLogin(app: App, url: string, cookie: string, csrf: string): Promise<number> {
  const res = await app.request(url, {
    method: "POST",
    headers: { cookie, "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({
      _csrf: csrf,
      username: "cookie-user",
      password: "not the password",
    }).toString(),
  });
  return res.status;
}

describe("with HABEAS_COOKIE_SECURE=1", () => {
  test("only the __Host- session cookie signs in; the plain name is ignored", async () => {
    const { app } = createApp(store.db, { cookieSecure: "always" });
    assert.equal(await roleWith(app, "/api/whoami", `__Host-habeas_session=${token}`), "viewer");
    assert.equal(await roleWith(app, "/api/whoami", `habeas_session=${token}`), "public");
  });

  test("only the __Host- pre-session cookie carries a form's token", async () => {
    const { app } = createApp(store.db, { cookieSecure: "always" });
    const pre = await preSession(app, "/login");
    assert.equal(pre.name, "__Host-habeas_pre");
    assert.equal(await postLogin(app, "/login", `__Host-habeas_pre=${pre.value}`, pre.csrf), 200);
    assert.equal(await postLogin(app, "/login", `habeas_pre=${pre.value}`, pre.csrf), 403);
  });
});

describe("over https with HABEAS_COOKIE_SECURE=auto", () => {
  test("the __Host- names only", async () => {
    const { app } = createApp(store.db);
    const url = "https://habeas.example/api/whoami";
    assert.equal(await roleWith(app, url, `__Host-habeas_session=${token}`), "viewer");
    assert.equal(await roleWith(app, url, `habeas_session=${token}`), "public");
  });
});

describe("without Secure cookies", () => {
  test("only the plain session cookie signs in", async () => {
    const { app } = createApp(store.db, { cookieSecure: "never" });
    assert.equal(await roleWith(app, "/api/whoami", `habeas_session=${token}`), "viewer");
    assert.equal(await roleWith(app, "/api/whoami", `__Host-habeas_session=${token}`), "public");
  });

  test("only the plain pre-session cookie carries a form's token", async () => {
    const { app } = createApp(store.db, { cookieSecure: "never" });
    const pre = await preSession(app, "/login");
    assert.equal(pre.name, "habeas_pre");
    assert.equal(await postLogin(app, "/login", `habeas_pre=${pre.value}`, pre.csrf), 200);
    assert.equal(await postLogin(app, "/login", `__Host-habeas_pre=${pre.value}`, pre.csrf), 403);
  });
});
