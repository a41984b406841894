// Registers the web app: the request context pages read their language from, the scripts and icon under
// /assets/, and every page module. Forms come before the record pages so /people/new is not a person id.
import { readFileSync } from "node:fs";
import type { Hono } from "hono";
import { contextStorage } from "hono/context-storage";
import type { Database } from "../../services/store.ts";
import type { Env, router } from "../routes.ts";
import { registerCasePages } from "./case-pages.ts";
import { registerDashboardPage } from "./dashboard-page.ts";
import { registerDeadlinesPage } from "./deadlines-page.ts";
import { localizeErrors } from "./error-page.ts";
import { registerFacilityPages } from "./facility-pages.ts";
import { registerRecordForms } from "./forms/index.ts";
import { registerIntakePage } from "./intake-page.ts";
import { registerPersonTools, registerRemovalPages } from "./person-tools.ts";
import { registerPetitionPages } from "./petition-pages.ts";
import { registerRightsPages } from "./rights-pages.ts";
import { registerWorkspacePages } from "./workspace-pages.ts";

const ASSETS: Record<string, string> = {
  "plan.js": "text/javascript; charset=utf-8",
  "forms.js": "text/javascript; charset=utf-8",
  "facility-picker.js": "text/javascript; charset=utf-8",
  "favicon.svg": "image/svg+xml",
};
const FILES = new Map(
  Object.entries(ASSETS).map(([name, type]) => [
    name,
    { type, body: readFileSync(new URL(`../assets/${name}`, import.meta.url), "utf8") },
  ]),
);

export function registerPages(r: ReturnType<typeof router>, db: Database, app: Hono<Env>) {
  app.use(contextStorage());
  app.use(localizeErrors);
  app.get("/assets/:file", (c, next) => {
    const f = FILES.get(c.req.param("file"));
    if (!f) return next();
    c.header("Cache-Control", "public, max-age=3600");
    return c.body(f.body, 200, { "Content-Type": f.type });
  });
  registerRecordForms(r, db);
  registerIntakePage(r, db);
  registerWorkspacePages(r, db);
  registerDeadlinesPage(r, db);
  registerPersonTools(r, db);
  registerRemovalPages(r, db);
  registerDashboardPage(r, db);
  registerRightsPages(r, db);
  registerFacilityPages(r, db);
  registerPetitionPages(r, db);
  registerCasePages(r, db);
}
