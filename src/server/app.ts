// The HTTP app: security headers, the viewer, the authorized routes (API and pages), one error handler.
import { readFileSync } from "node:fs";
import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { html } from "hono/html";
import { secureHeaders } from "hono/secure-headers";
import { AppError } from "../domain/errors.ts";
import { ANONYMOUS } from "../domain/policy.ts";
import type { Database } from "../services/store.ts";
import { registerApi } from "./api.ts";
import { toErrorBody, wantsJson } from "./errors.ts";
import { registerCasePages } from "./pages/case-pages.ts";
import { layout } from "./pages/layout.ts";
import { type Env, type RouteSpec, router } from "./routes.ts";

const CSS = readFileSync(new URL("./assets/style.css", import.meta.url), "utf8");

export type App = { app: Hono<Env>; routes: RouteSpec[] };

export function createApp(db: Database): App {
  const app = new Hono<Env>();
  app.use(
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", "data:"],
        objectSrc: ["'none'"],
        baseUri: ["'none'"],
        frameAncestors: ["'none'"],
        formAction: ["'self'"],
      },
      referrerPolicy: "no-referrer",
    }),
  );
  app.use(
    bodyLimit({
      maxSize: 1024 * 1024,
      onError: () => {
        throw new AppError("TOO_LARGE", "request body is larger than 1 MiB");
      },
    }),
  );
  // Accounts arrive with the security work; until then every request is anonymous.
  app.use(async (c, next) => {
    c.set("viewer", ANONYMOUS);
    await next();
  });
  app.get("/assets/style.css", (c) => {
    c.header("Cache-Control", "public, max-age=3600");
    return c.body(CSS, 200, { "Content-Type": "text/css; charset=utf-8" });
  });
  app.get("/healthz", (c) => c.json({ ok: true }));

  const r = router(app);
  registerApi(r, db, app);
  registerCasePages(r, db, app);

  app.notFound((c) => {
    if (wantsJson(c)) return c.json({ error: { code: "NOT_FOUND", message: "no such route" } }, 404);
    return c.html(layout({ title: "Not found", body: notFoundBody() }), 404);
  });
  app.onError((e, c) => {
    const { status, body } = toErrorBody(e);
    if (status >= 500) console.error(`habeas: ${c.req.method} ${c.req.path}: ${(e as Error).stack ?? e}`);
    if (wantsJson(c)) return c.json(body, status);
    return c.html(layout({ title: "Error", body: errorBody(status, body.error.message) }), status);
  });
  return { app, routes: r.table };
}

function notFoundBody() {
  return html`<h1>Not found</h1><p>That page does not exist, or is not public. <a href="/">Back to the list</a>.</p>`;
}
function errorBody(status: number, message: string) {
  return html`<h1>${status === 404 ? "Not found" : "Something went wrong"}</h1><p>${message}</p><p><a href="/">Back to the list</a></p>`;
}
