// Jobs in worker threads: a full evaluation split across workers stores and reports what one thread does.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { openTestStore, TEST_ENGINE, type TestStore } from "../../test/test-store.ts";
import { storedFindings } from "../store/findings.ts";
import { evaluateEveryone } from "./findings.ts";
import { generateDataset } from "./generate-dataset/index.ts";
import { evaluateEveryoneInWorker } from "./jobs.ts";

const T = `[${TEST_ENGINE}]`;
let store: TestStore;
before(async () => {
  store = await openTestStore();
  await generateDataset(store.db, { people: 300, events: 2400, seed: 8 });
});
after(() => store.close());

test(`${T} two workers evaluate everyone once, store the same findings as one thread, report no change after`, async () => {
  const asOf = "2026-11-20T00:00:00.000Z";
  const split = await evaluateEveryoneInWorker(
    store.target,
    { asOf, batch: 50 },
    { keys: store.keyConfig, workers: 2 },
  );
  assert.equal(split.people, 300);
  assert.ok(split.findings > 300);
  assert.equal(split.changes.added, split.findings, "a first evaluation adds every finding");
  const stored = await storedFindings(store.db);
  assert.equal(stored.length, split.findings);
  const again = await evaluateEveryone(store.db, { asOf });
  assert.deepEqual(again, {
    people: 300,
    findings: split.findings,
    changes: { added: 0, removed: 0, changed: 0 },
  });
  assert.deepEqual(await storedFindings(store.db), stored, "an unchanged record rewrites nothing");
});

test(`${T} a job's error comes back as an AppError`, async () => {
  await assert.rejects(
    evaluateEveryoneInWorker({ engine: "sqlite", path: ":memory:" }),
    /in-memory database cannot be shared/,
  );
});
