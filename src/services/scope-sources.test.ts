// Which sources the public may read, on either engine (services/scope.ts over store/citations.ts sourceCiters):
// a published source cited about no one, or about at least one public person by any path (their record, an
// event, a matter or an order naming them), is shown; one cited only about private people is not, nor is any
// unpublished source — also past the first 500 sources asked about at once.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { openTestStore, TEST_ENGINE, type TestStore } from "../../test/test-store.ts";
import { DatasetSchema } from "../domain/model.ts";
import { ANONYMOUS } from "../domain/policy.ts";
import { loadDataset } from "./load-dataset.ts";
import { listSources } from "./scope.ts";

let store: TestStore;
const T = `[${TEST_ENGINE}]`;
const news = (id: string) => ({ id, publisher: "Daily Record", title: `Report ${id}`, kind: "news" });
const cite = (id: string) => [{ source: id }];

before(async () => {
  store = await openTestStore();
  // 600 uncited reports first, so the sources that decide something sit past the first 500.
  const filler = Array.from({ length: 600 }, (_, i) => news(`s-filler-${String(i).padStart(3, "0")}`));
  const person = (id: string, isPublic: boolean, sources: { source: string }[] = []) => ({
    id,
    full_name: `Person ${id}`,
    consent: { public_record: isPublic },
    sources,
  });
  const event = (id: string, who: string, source: string) => ({
    id,
    person: who,
    type: "ARREST",
    when: "2025-03-01",
    tz: "America/Chicago",
    summary: "Arrested.",
    details: {},
    sources: cite(source),
  });
  await loadDataset(
    store.db,
    DatasetSchema.parse({
      sources: [
        ...filler,
        news("t-public-person"),
        news("t-private-person"),
        news("t-private-event"),
        news("t-mixed-event"),
        news("t-private-matter"),
        news("t-public-order"),
        news("t-matter"),
        { id: "t-testimony", publisher: "Hotline", title: "Testimony", kind: "testimony" },
      ],
      facilities: [],
      people: [
        person("pub", true, cite("t-public-person")),
        person("priv", false, [...cite("t-private-person"), ...cite("t-testimony")]),
      ],
      events: [
        event("e-priv", "priv", "t-private-event"),
        event("e-mixed-priv", "priv", "t-mixed-event"),
        event("e-mixed-pub", "pub", "t-mixed-event"),
      ],
      matters: [
        {
          id: "m-priv",
          caption: "In re a private petitioner",
          court: "D. Md.",
          people: ["priv"],
          sources: cite("t-private-matter"),
        },
        { id: "m-pub", caption: "A v. Noem", court: "D.D.C.", people: ["pub"], sources: cite("t-matter") },
      ],
      orders: [
        {
          id: "o-pub",
          matter: "m-pub",
          kind: "TRO",
          issued: "2025-03-02",
          summary: "Not to be removed.",
          covers: { people: ["pub"] },
          sources: cite("t-public-order"),
        },
      ],
      claims: [],
    }),
  );
});
after(() => store.close());

test(`${T} the public reads a published source unless only private people's records cite it`, async () => {
  const shown = new Set((await listSources(store.db, ANONYMOUS)).map((s) => s.id));
  assert.equal(
    [...shown].filter((id) => id.startsWith("s-filler-")).length,
    600,
    "uncited reports are shown",
  );
  const decided = [...shown].filter((id) => id.startsWith("t-")).sort();
  assert.deepEqual(decided, ["t-matter", "t-mixed-event", "t-public-order", "t-public-person"]);
  // Asked about a few by id, the answer is the same.
  const few = await listSources(store.db, ANONYMOUS, ["t-private-event", "t-mixed-event", "t-testimony"]);
  assert.deepEqual(
    few.map((s) => s.id),
    ["t-mixed-event"],
  );
});
