// Ingestion into the store, the review queue, reversible merges, claims, and findings that follow writes.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { miniDataset } from "../../test/fixtures.ts";
import { openTestStore, TEST_ENGINE, type TestStore } from "../../test/test-store.ts";
import { DatasetSchema } from "../domain/model.ts";
import { ANONYMOUS, OPERATOR } from "../domain/policy.ts";
import { claimsReport } from "./claims.ts";
import { findingsForPerson } from "./findings.ts";
import { ingestFiles } from "./ingest-articles.ts";
import { loadDataset } from "./load-dataset.ts";
import { getPersonRecord } from "./person-record.ts";
import { createPerson, recordEvent } from "./record-case.ts";
import { decideProposal, mergePeople, reviewQueue, undoMerge } from "./review.ts";

const T = `[${TEST_ENGINE}]`;
let store: TestStore;
const dir = mkdtempSync(join(tmpdir(), "habeas-evidence-"));
const ARTICLE = join(dir, "article.txt");
before(async () => {
  store = await openTestStore();
  await loadDataset(store.db, DatasetSchema.parse(miniDataset()));
  writeFileSync(
    ARTICLE,
    "Supreme Court orders return of deported Maryland man\n\n" +
      "Kilmar Abrego Garcia was deported to El Salvador on March 15, 2025, despite a 2019 order protecting him. " +
      "He is being held at CECOT, the Terrorism Confinement Center. " +
      '"This was an administrative error," an ICE official said.\n',
  );
});
after(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

test(`${T} ingesting an article stores its bytes once and proposes links and an event`, async () => {
  const [first] = await ingestFiles(store.db, [ARTICLE], OPERATOR);
  assert.ok(first && !first.duplicate && first.proposals >= 2);
  const [again] = await ingestFiles(store.db, [ARTICLE], OPERATOR);
  assert.equal(again?.duplicate, true, "the same bytes are never stored twice");
  assert.equal(again?.source, first.source);
  const queue = await reviewQueue(store.db, OPERATOR);
  const kinds = queue.map((p) => p.kind).sort();
  assert.ok(kinds.includes("link_person"));
  assert.ok(kinds.includes("link_facility"));
  assert.ok(kinds.includes("new_event"));
  await assert.rejects(ingestFiles(store.db, [ARTICLE], ANONYMOUS), /sign in/);
});

test(`${T} accepting a proposed event adds it with the article as its source; a rejected one changes nothing`, async () => {
  const queue = await reviewQueue(store.db, OPERATOR);
  const event = queue.find((p) => p.kind === "new_event");
  const link = queue.find((p) => p.kind === "link_person");
  assert.ok(event && link);
  const before = (await getPersonRecord(store.db, "kaag", OPERATOR)).events.length;
  const d = await decideProposal(store.db, event.id, true, OPERATOR);
  assert.equal(d.status, "accepted");
  const rec = await getPersonRecord(store.db, "kaag", OPERATOR);
  assert.equal(rec.events.length, before + 1);
  assert.ok(rec.events.find((e) => e.id === d.created)?.citations.some((c) => c.source === event.source_id));
  await decideProposal(store.db, link.id, false, OPERATOR, "not needed");
  await assert.rejects(decideProposal(store.db, link.id, true, OPERATOR), /already rejected/);
});

test(`${T} a merge moves events and sources over, keeps the name as an alias, and can be undone`, async () => {
  const dup = await createPerson(
    store.db,
    { full_name: "Kilmer Abrego", consent: { public_record: true }, sources: [{ source: "s-court" }] },
    OPERATOR,
  );
  await recordEvent(
    store.db,
    {
      person: dup,
      type: "CONTACT",
      when: "2025-05-01",
      summary: "Spoke to family",
      details: { with: "family" },
    },
    OPERATOR,
  );
  const before = (await getPersonRecord(store.db, "kaag", OPERATOR)).events.length;
  // The figures the dashboard counts of both (kept by the store: store/public-figures.ts) follow the events.
  const kept = () =>
    store.db
      .selectFrom("public_person_figures")
      .selectAll()
      .where("person_id", "in", ["kaag", dup])
      .orderBy("person_id")
      .execute();
  const figures = await kept();
  assert.deepEqual(
    figures.map((f) => f.person_id),
    [dup, "kaag"].sort(),
  );
  const mergeId = await mergePeople(store.db, "kaag", dup, OPERATOR, "same man");
  const merged = await getPersonRecord(store.db, "kaag", OPERATOR);
  assert.equal(merged.events.length, before + 1);
  assert.ok(merged.person.aliases?.includes("Kilmer Abrego"));
  await assert.rejects(getPersonRecord(store.db, dup, OPERATOR), /no person/);
  assert.deepEqual(
    (await kept()).map((f) => f.person_id),
    ["kaag"],
  );
  await undoMerge(store.db, mergeId, OPERATOR);
  assert.deepEqual(await kept(), figures);
  assert.equal((await getPersonRecord(store.db, "kaag", OPERATOR)).events.length, before);
  assert.equal((await getPersonRecord(store.db, dup, OPERATOR)).events.length, 1);
  assert.ok(!(await getPersonRecord(store.db, "kaag", OPERATOR)).person.aliases?.includes("Kilmer Abrego"));
});

test(`${T} records with different A-numbers are never merged`, async () => {
  const other = await createPerson(
    store.db,
    { full_name: "Kilmar Armando Abrego Garcia", a_number: "A999-999-999", sources: [] },
    OPERATOR,
  );
  await assert.rejects(mergePeople(store.db, "kaag", other, OPERATOR), /different A-numbers/);
});

test(`${T} findings follow the record: a new event re-evaluates the person`, async () => {
  const r11 = (await findingsForPerson(store.db, "kaag", OPERATOR)).filter((f) => f.rule === "R11");
  assert.equal(r11.length, 1, "removed to the country his withholding order protects against");
  const before = (await findingsForPerson(store.db, "kaag", OPERATOR, { asOf: "2025-07-01T00:00:00Z" })).find(
    (f) => f.rule === "R18",
  );
  assert.ok(before?.days_elapsed !== undefined);
  const r = await recordEvent(
    store.db,
    {
      person: "kaag",
      type: "RETURN",
      when: "2025-06-06 18:00",
      tz: "America/Chicago",
      summary: "Returned to the US",
      details: { to_country: "US" },
    },
    OPERATOR,
  );
  assert.ok(r.findings.added + r.findings.changed + r.findings.removed > 0);
  const after = (await findingsForPerson(store.db, "kaag", OPERATOR)).find((f) => f.rule === "R18");
  assert.equal(after?.days_elapsed, 57, "10 April order → 6 June return");
});

test(`${T} claims report sources, corroboration and conflicts`, async () => {
  const claims = await claimsReport(store.db, OPERATOR);
  assert.ok(Array.isArray(claims));
  for (const c of claims) assert.ok(c.values.every((v) => v.sources.length > 0));
});
