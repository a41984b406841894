// What the server loads before its first request, and its dashboard worker for the claims report: the
// libraries of one feature (Word documents, spreadsheets, calendars, file sniffing, article capture,
// PostgreSQL's COPY, the PostgreSQL driver itself) load where they are used, so a server starts sooner and holds less memory (each
// 5–20 MB once loaded).
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { test } from "node:test";

const ENTRIES = {
  "the server's app": new URL("./app.ts", import.meta.url).href,
  // Loaded by the dashboard's worker when it computes the figures.
  "the claims report": new URL("../services/claims.ts", import.meta.url).href,
  // What every command loads to open its store: on SQLite, not the PostgreSQL driver.
  "a command's store": new URL("../services/store.ts", import.meta.url).href,
};
const LOADED_ON_USE = [
  "docx",
  "write-excel-file",
  "read-excel-file",
  "ical-generator",
  "file-type",
  "linkedom",
  "@mozilla/readability",
  "pg-copy-streams",
  // The PostgreSQL driver, when a PostgreSQL store is opened (store/db.ts loadPg): not for a SQLite one.
  "pg",
];

/** The npm packages a module loads, imported in a process of its own. */
function packagesLoadedBy(url: string): string[] {
  const script = `
    import { registerHooks } from "node:module";
    const packages = new Set();
    registerHooks({
      resolve(spec, ctx, next) {
        const r = next(spec, ctx);
        const m = /node_modules\\/((?:@[^/]+\\/)?[^/]+)/.exec(r.url);
        if (m) packages.add(m[1]);
        return r;
      },
    });
    await import(${JSON.stringify(url)});
    console.log(JSON.stringify([...packages]));
    process.exit(0);`;
  // Packages as they ship, not the start-up bundles of bin/bundled-deps.js (which npm test has each process use).
  const out = execFileSync(process.execPath, ["--input-type=module", "-e", script], {
    encoding: "utf8",
    env: { ...process.env, HABEAS_BUNDLED_DEPS: "0" },
  });
  return JSON.parse(out.trim().split("\n").at(-1) ?? "[]") as string[];
}

for (const [what, url] of Object.entries(ENTRIES))
  test(`${what} loads no feature-only library until the feature is used`, () => {
    const packages = packagesLoadedBy(url);
    assert.ok(packages.includes("kysely"), "the hook saw the module's packages");
    assert.deepEqual(
      LOADED_ON_USE.filter((p) => packages.includes(p)),
      [],
    );
  });
