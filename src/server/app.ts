// The HTTP app: security headers, the viewer, the authorized routes (API and pages), one error handler.
import { readFileSync } from "node:fs";
import { Hono } from "hono";
import { html } from "hono/html";
import { secureHeaders } from "hono/secure-headers";
import type { Database } from "../services/store.ts";
import { registerAdminApi } from "./admin-api.ts";
import { registerApi } from "./api.ts";
import { csrfMiddleware } from "./auth/csrf.ts";
import { registerAuthRoutes } from "./auth/login.ts";
import { type AuthOptions, sessionMiddleware } from "./auth/session.ts";
import { toErrorBody, wantsJson } from "./errors.ts";
import { registerFamilyRoutes } from "./family.ts";
import { registerDocumentPages } from "./pages/document-pages.ts";
import { registerPages } from "./pages/index.ts";
import { layout } from "./pages/layout.ts";
import { registerMatterPage } from "./pages/matter-page.ts";
import { registerSpreadsheetPage } from "./pages/spreadsheet-page.ts";
import { type PublicCache, publicCache } from "./public-cache.ts";
import { registerPublicData } from "./public-data.ts";
import { type Env, type RouteSpec, router } from "./routes.ts";
import { bodyLimits, DEFAULT_MAX_UPLOAD_BYTES } from "./uploads.ts";

const CSS = readFileSync(new URL("./assets/style.css", import.meta.url), "utf8");

export type App = { app: Hono<Env>; routes: RouteSpec[]; cache: PublicCache };
export type AppOptions = AuthOptions & { maxUploadBytes?: number };

export function createApp(db: Database, opts: AppOptions = {}): App {
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
      // same-origin: nothing goes to other sites, and our own form posts keep their Origin for CSRF checks.
      referrerPolicy: "same-origin",
      xFrameOptions: "DENY",
      permissionsPolicy: {
        camera: [],
        microphone: [],
        geolocation: [],
        payment: [],
        usb: [],
      },
    }),
  );
  // 1 MiB for every request but the few upload routes, which take files up to the configured size.
  app.use(bodyLimits(opts.maxUploadBytes ?? DEFAULT_MAX_UPLOAD_BYTES));
  // The viewer from the session cookie, then the anti-forgery check of every unsafe request.
  app.use(sessionMiddleware(db, opts));
  app.use(csrfMiddleware());
  app.get("/assets/style.css", (c) => {
    c.header("Cache-Control", "public, max-age=3600");
    return c.body(CSS, 200, { "Content-Type": "text/css; charset=utf-8" });
  });
  app.get("/healthz", (c) => c.json({ ok: true }));

  const cache = publicCache(db);
  const r = router(app, cache);
  registerAuthRoutes(r, db);
  registerFamilyRoutes(r, db);
  registerPublicData(r, db);
  registerAdminApi(r, db);
  registerApi(r, db, app);
  registerPages(r, db, app);
  registerDocumentPages(r, db, app);
  registerSpreadsheetPage(r, db);
  registerMatterPage(r, db);

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
  return { app, routes: r.table, cache };
}

function notFoundBody() {
  return html`<h1>Not found</h1><p>That page does not exist, or is not public. <a href="/">Back to the list</a>.</p>`;
}
function errorBody(status: number, message: string) {
  return html`<h1>${status === 404 ? "Not found" : "Something went wrong"}</h1><p>${message}</p><p><a href="/">Back to the list</a></p>`;
}
