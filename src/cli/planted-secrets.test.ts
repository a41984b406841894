// Planted secrets (fast-check): random records carry restricted values, testimony, free text, captions naming
// people who did not consent and exact dates no published source backs; an anonymous crawl of every public
// GET route, the dashboard, the search, the open dataset and `habeas export --public` must find none of them,
// and no published breakdown may let a withheld cell be recovered by subtraction from its total.
import assert from "node:assert/strict";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import fc from "fast-check";
import { openTestStore, TEST_ENGINE, type TestStore } from "../../test/test-store.ts";
import { DatasetSchema } from "../domain/model.ts";
import { ANONYMOUS, can } from "../domain/policy.ts";
import { createApp } from "../server/app.ts";
import { invalidateDashboard } from "../services/dashboard.ts";
import { loadDataset } from "../services/load-dataset.ts";
import { MIN_COUNT } from "../services/public-projection.ts";
import { main } from "./main.ts";

let store: TestStore;
before(async () => {
  store = await openTestStore();
});
after(() => store.close());

const word = fc.stringMatching(/^[A-Z][a-z]{6,9}$/);
const personArb = fc.record({
  given: word,
  surname: word,
  public: fc.boolean(),
  team: fc.constantFrom("west", "east", undefined),
  sourced: fc.boolean(),
  day: fc.integer({ min: 10, max: 28 }),
  hour: fc.integer({ min: 10, max: 23 }),
  minute: fc.integer({ min: 10, max: 59 }),
  digits: fc.stringMatching(/^[1-9]\d{8}$/),
});

let run = 0;
// Every public name loaded so far, by any run: a private word that one of them spells is no secret (two people
// may share a given name), and the store keeps earlier runs' people, so their names stay on the pages.
const published: string[] = [];
test("no planted secret reaches an anonymous surface, and no count can be subtracted", {
  timeout: 600_000,
}, async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(personArb, { minLength: 2, maxLength: 7 }), async (people) => {
      run++;
      const secrets: string[] = [];
      const ds = {
        sources: [
          {
            id: `r${run}-news`,
            publisher: "Daily Record",
            title: "Court hears case",
            kind: "news",
            published_on: "2024-06-01",
          },
        ],
        facilities: [],
        people: [] as unknown[],
        matters: [] as unknown[],
        orders: [] as unknown[],
        events: [] as unknown[],
        claims: [],
      };
      const privateOnes = people.filter((p) => !p.public);
      for (const p of people) if (p.public) published.push(p.given, p.surname);
      people.forEach((p, i) => {
        const id = `r${run}-p${i}`;
        const name = `${p.given} ${p.surname}`;
        if (!p.public)
          for (const w of [p.given, p.surname]) if (!published.some((n) => n.includes(w))) secrets.push(w);
        secrets.push(
          `A${p.digits}`,
          `Sealed${p.surname}Note`,
          `Testimony${p.given}`,
          `Elm${p.surname}`,
          `Counsel${p.given}`,
        );
        ds.sources.push({
          id: `r${run}-t${i}`,
          publisher: `Hotline`,
          title: `Testimony${p.given}`,
          kind: "testimony",
          published_on: undefined as unknown as string,
        });
        ds.people.push({
          id,
          full_name: name,
          team: p.team,
          consent: { public_record: p.public, family_status: true },
          a_number: `A${p.digits}`,
          birth_date: `2014-0${(i % 9) + 1}-11`,
          notes: `Sealed${p.surname}Note`,
          summary: `Intake: lives at Elm${p.surname} street`,
          sources: p.public ? [{ source: `r${run}-news` }] : [],
        });
        // Sourced dates in another year and in the first ten minutes of an hour (secret minutes are 10–59, and
        // America/Chicago is whole hours from UTC), so no public exact date, local or UTC, from this run or an
        // earlier one, spells a secret day or time.
        const day = `${p.sourced ? 2022 : 2023}-03-${p.day}`;
        const time = `${p.hour}:${p.sourced ? `0${p.minute % 10}` : p.minute}`;
        // An unsourced exact date: its day and minute are secrets; a sourced one is public.
        if (p.public && !p.sourced) secrets.push(day, time);
        ds.events.push({
          id: `r${run}-e${i}`,
          person: id,
          type: "ARREST",
          when: `${day} ${time}`,
          tz: "America/Chicago",
          place: `Elm${p.surname} Apt 5`,
          summary: `Taken at Elm${p.surname}; represented by Counsel${p.given}`,
          details: { agency: `Counsel${p.given}` },
          sources: [{ source: p.sourced ? `r${run}-news` : `r${run}-t${i}` }],
        });
        // A case about this person and one who did not consent: the caption names both.
        const other = privateOnes[0];
        const otherId = other ? `r${run}-p${people.indexOf(other)}` : undefined;
        ds.matters.push({
          id: `r${run}-m${i}`,
          caption: `${name}${other ? ` and ${other.given} ${other.surname}` : ""} v. Noem`,
          court: "District Court",
          docket_number: `24-cv-${run}${i}`,
          people: [id, ...(otherId && otherId !== id ? [otherId] : [])],
          parties: [`Counsel${p.given} for petitioner`],
          summary: `filed by Counsel${p.given}`,
          sources: [{ source: `r${run}-news` }],
        });
        ds.orders.push({
          id: `r${run}-o${i}`,
          matter: `r${run}-m${i}`,
          kind: "TRO",
          issued: "2024-06-02 10:00",
          covers: { people: [id] },
          bars: ["removal"],
          summary: `Order in the case`,
          sources: [{ source: `r${run}-news` }],
        });
        // A class-wide order in the same case, naming no one: staff's words about it are no more public.
        ds.orders.push({
          id: `r${run}-c${i}`,
          matter: `r${run}-m${i}`,
          kind: "TRO",
          issued: "2024-06-03 10:00",
          covers: { people: [], class_definition: "Everyone the proclamation names" },
          bars: ["removal"],
          summary: `Class order; call Counsel${p.given}`,
          requires: `Ask Counsel${p.given} first`,
          sources: [{ source: `r${run}-news` }],
        });
      });
      await loadDataset(store.db, DatasetSchema.parse(ds));
      invalidateDashboard(store.db);
      const { app, routes } = createApp(store.db);
      const found: string[] = [];
      const check = (where: string, body: string) => {
        // The moment a page or file was made (generated_at, computed_at) is today's clock, not the record's.
        const record = body.replace(/\b20(2[5-9]|[3-9]\d)-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?Z/g, "");
        for (const s of secrets) if (record.includes(s)) found.push(`${where}: ${s}`);
      };
      const ids = {
        person: people.map((_, i) => `r${run}-p${i}`),
        order: people.flatMap((_, i) => [`r${run}-o${i}`, `r${run}-c${i}`]),
        matter: people.map((_, i) => `r${run}-m${i}`),
        source: [`r${run}-news`, ...people.map((_, i) => `r${run}-t${i}`)],
      };
      for (const r of routes) {
        if (r.method !== "GET" || !can(ANONYMOUS, r.action, r.resource)) continue;
        // What a route's :id names, page or API alike; facilities and other ids get every kind of id.
        const kind = /^(\/api)?\/orders\//.test(r.path)
          ? "order"
          : /^(\/api)?\/matters\//.test(r.path)
            ? "matter"
            : /^(\/api)?\/sources\//.test(r.path)
              ? "source"
              : /^(\/api)?\/people\//.test(r.path)
                ? "person"
                : "any";
        const all = [...ids.person, ...ids.order, ...ids.matter, ...ids.source];
        const paths = /:[a-z]+/.test(r.path)
          ? (kind === "any" ? all : ids[kind]).map((id) => r.path.replace(/:[a-z]+/, id))
          : [r.path];
        const queries =
          r.path.includes("search") || r.path.endsWith("/search")
            ? secrets.slice(0, 12).map((s) => `?q=${encodeURIComponent(s)}`)
            : r.path === "/data/public.csv"
              ? ["people", "events", "matters", "orders", "sources", "claims", "stats"].map(
                  (t) => `?table=${t}`,
                )
              : [""];
        for (const path of paths)
          for (const q of queries) {
            const res = await app.request(`${path}${q}`, {
              headers: { accept: r.kind === "api" ? "application/json" : "text/html" },
            });
            // A search page echoes what was typed: that is not the record speaking.
            const typed = q.startsWith("?q=") ? decodeURIComponent(q.slice(3)) : "";
            const body = await res.text();
            check(`${path}${q}`, typed ? body.replaceAll(typed, "") : body);
          }
      }
      // The published counts: no breakdown lets a withheld cell be recovered from the total.
      const release = (await (await app.request("/data/public.json")).json()) as {
        stats: Record<string, unknown> & { people: number | null };
      };
      for (const [name, cells] of Object.entries(release.stats)) {
        if (!Array.isArray(cells) || release.stats.people === null) continue;
        const shown = (cells as { count: number }[]).reduce((s, c) => s + c.count, 0);
        const rest = release.stats.people - shown;
        if (name !== "by_last_facility" && name !== "by_nationality" && rest > 0 && rest < MIN_COUNT)
          found.push(`stats.${name}: total minus the cells shown leaves ${rest}`);
      }
      if (TEST_ENGINE === "sqlite") {
        const out = mkdtempSync(join(tmpdir(), "habeas-release-"));
        try {
          const quiet = { write: () => {}, error: () => {}, json: false };
          const code = await main(
            [
              "export",
              "--public",
              "--format",
              "csv",
              "--out",
              out,
              "--db",
              (store.target as { path: string }).path,
            ],
            quiet,
          );
          assert.equal(code, 0);
          for (const f of readdirSync(out)) check(`export ${f}`, readFileSync(join(out, f), "utf8"));
        } finally {
          rmSync(out, { recursive: true, force: true });
        }
      }
      assert.deepEqual([...new Set(found)], []);
    }),
    { numRuns: 6, endOnFailure: true },
  );
});
