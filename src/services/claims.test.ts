// The claims report as the public reads it: only published sources feed it, and people who did not
// consent appear by their initials.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { openTestStore, TEST_ENGINE, type TestStore } from "../../test/test-store.ts";
import { DatasetSchema } from "../domain/model.ts";
import { ANONYMOUS, OPERATOR } from "../domain/policy.ts";
import { claimsReport } from "./claims.ts";
import { loadDataset } from "./load-dataset.ts";

let store: TestStore;
before(async () => {
  store = await openTestStore();
  await loadDataset(
    store.db,
    DatasetSchema.parse({
      sources: [
        { id: "s-news", publisher: "Daily Record", title: "Flights land", kind: "news" },
        { id: "s-call", publisher: "Hotline", title: "Call from Quorvane's sister", kind: "testimony" },
      ],
      people: [
        { id: "p-priv", full_name: "Elsabet Quorvane", sources: [{ source: "s-news" }] },
        // The article is about a public case too, so the public may read it.
        {
          id: "p-pub",
          full_name: "Public Case",
          consent: { public_record: true },
          sources: [{ source: "s-news" }],
        },
      ],
      claims: [
        {
          id: "c-1",
          subject: "flights of 15 March",
          predicate: "people",
          value: "238",
          sources: [{ source: "s-news" }],
        },
        {
          id: "c-2",
          subject: "Elsabet Quorvane",
          predicate: "held at",
          value: "CECOT",
          sources: [{ source: "s-news" }],
        },
        {
          id: "c-3",
          subject: "her brother",
          predicate: "beaten",
          value: "yes",
          sources: [{ source: "s-call" }],
        },
      ],
    }),
  );
});
after(() => store.close());
const T = `[${TEST_ENGINE}]`;

test(`${T} the public's claims come from published sources only, naming no one who did not consent`, async () => {
  const pub = await claimsReport(store.db, ANONYMOUS);
  const text = JSON.stringify(pub);
  assert.doesNotMatch(text, /Hotline|beaten|s-call/, "testimony never feeds the public report");
  assert.doesNotMatch(text, /Quorvane|Elsabet/, "a private person's name is shown as initials");
  assert.match(text, /E\. Q\./);
  assert.ok(pub.some((c) => c.subject === "flights of 15 March"));
  const staff = JSON.stringify(await claimsReport(store.db, OPERATOR));
  assert.match(staff, /beaten/);
  assert.match(staff, /Elsabet Quorvane/);
});
