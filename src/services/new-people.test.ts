// Ingestion proposes the people the record lacks; a reviewer accepts them by group, and can undo.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { miniDataset } from "../../test/fixtures.ts";
import { openTestStore, TEST_ENGINE, type TestStore } from "../../test/test-store.ts";
import { DatasetSchema } from "../domain/model.ts";
import { OPERATOR } from "../domain/policy.ts";
import { findPersonById } from "../store/people.ts";
import { claimsReport } from "./claims.ts";
import { ingestFiles } from "./ingest-articles.ts";
import { loadDataset } from "./load-dataset.ts";
import { decideGroup, decideProposal, reviewQueue, undoDecision } from "./review.ts";
import { listReviewGroups as reviewGroups } from "./workspace.ts";

const T = `[${TEST_ENGINE}]`;
let store: TestStore;
const dir = mkdtempSync(join(tmpdir(), "habeas-new-people-"));

// Invented names from common given names and surnames: 15 × 15 = 225 people, each a distinct pair of surnames.
const GIVEN =
  "Carlos Luis Miguel Pedro Jorge Rafael Ricardo Sergio Mario Oscar Andrea Carolina Gabriela Patricia Rosa".split(
    " ",
  );
const SUR =
  "Castillo Moreno Romero Herrera Medina Aguilar Vargas Salazar Rojas Molina Navarro Delgado Fuentes Miranda Paredes".split(
    " ",
  );
const LIST = GIVEN.flatMap((g, i) => SUR.map((s, j) => `${g} ${s} ${SUR[(i + j + 1) % SUR.length]}`));

before(async () => {
  store = await openTestStore();
  const data = miniDataset();
  data.claims = [
    {
      id: "c-mayor",
      subject: "Teodoro Villaseñor",
      predicate: "first elected",
      value: "2019",
      sources: [{ source: "s-court" }],
    },
  ];
  await loadDataset(store.db, DatasetSchema.parse(data));
  writeFileSync(
    join(dir, "list.txt"),
    `Names of the men flown out on the second flight\nDate: 2025-04-02\n\nRelatives published the list of Venezuelan men sent to the prison:\n\n${LIST.map((n) => `- ${n}`).join("\n")}\n\nThe ministry did not comment.\n`,
  );
  writeFileSync(
    join(dir, "family.txt"),
    "A mother waits for news\nDate: 2025-05-10\n\n" +
      "Yusmary Quintero Salas, a Venezuelan hairdresser, was deported to El Salvador on March 15, 2025, and is held at CECOT. " +
      "Her mother, Gloria Salas, said the family learned of it from the news. " +
      "Judge Ramona Whitcomb declined to rule. Quintero Salas had an asylum hearing pending.\n",
  );
});
after(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

test(`${T} a published list of 225 names becomes 225 proposals of new people, grouped for review`, async () => {
  const [r] = await ingestFiles(store.db, [join(dir, "list.txt")], OPERATOR);
  assert.ok(r);
  const groups = await reviewGroups(store.db, OPERATOR);
  const group = groups.find((g) => g.source === r.source && g.kind === "new_person");
  assert.ok(group, JSON.stringify(groups.map((g) => g.key)));
  assert.equal(group.count, LIST.length);
  assert.ok(group.sample.length > 0 && group.sample.every((p) => typeof p.payload.sentence === "string"));
  const queue = await reviewQueue(store.db, OPERATOR, { limit: 1000 });
  const names = new Set(queue.filter((p) => p.kind === "new_person").map((p) => p.payload.full_name));
  for (const n of LIST) assert.ok(names.has(n), n);
  const p = queue.find((x) => x.payload.full_name === LIST[0]);
  assert.equal(p?.payload.nationality, "VE");
});

test(`${T} a family's account: the detainee is proposed with nationality, facility, event; the judge is not`, async () => {
  const [r] = await ingestFiles(store.db, [join(dir, "family.txt")], OPERATOR);
  const queue = (await reviewQueue(store.db, OPERATOR, { limit: 1000 })).filter(
    (p) => p.source_id === r?.source && p.kind === "new_person",
  );
  const names = queue.map((p) => p.payload.full_name);
  assert.ok(names.includes("Yusmary Quintero Salas"), JSON.stringify(names));
  assert.ok(!names.some((n) => String(n).includes("Whitcomb")), "officials are not proposed as detainees");
  const y = queue.find((p) => p.payload.full_name === "Yusmary Quintero Salas")!;
  assert.equal(y.payload.nationality, "VE");
  assert.equal((y.payload.facility as { name: string }).name, "CECOT");
  assert.deepEqual(y.payload.event, { type: "REMOVAL", date: "2025-03-15" });
  assert.match(String(y.payload.sentence), /deported to El Salvador/);
  assert.ok((y.payload.forms as string[]).includes("Quintero Salas"));

  // Accepting creates a private person through the person-creation function; undo removes them again.
  const d = await decideProposal(store.db, y.id, true, OPERATOR);
  const personId = d.created!.split("|")[0]!;
  const person = await findPersonById(store.db, personId);
  assert.equal(person?.full_name, "Yusmary Quintero Salas");
  assert.deepEqual(person?.consent, { publish: false, public_record: false, family_status: false });
  assert.deepEqual(person?.nationalities, ["VE"]);
  assert.ok(person?.citations.some((c) => c.source === r?.source && /deported/.test(c.quote ?? "")));
  await undoDecision(store.db, y.id, OPERATOR);
  assert.equal(await findPersonById(store.db, personId), undefined);
  assert.equal(
    (await reviewQueue(store.db, OPERATOR, { limit: 1000 })).find((p) => p.id === y.id)?.status,
    "pending",
  );
});

test(`${T} a group is accepted in bulk, one audited decision per proposal`, async () => {
  const groups = await reviewGroups(store.db, OPERATOR);
  const group = groups.find((g) => g.kind === "new_person" && g.count === LIST.length)!;
  const keep = group.sample[0]!.id;
  const decisions = await decideGroup(store.db, group.key, true, OPERATOR, { except: [keep] });
  assert.equal(decisions.length, LIST.length - 1);
  assert.ok(decisions.every((d) => d.status === "accepted" && d.created));
  const audit = await store.db
    .selectFrom("audit_log")
    .select("action")
    .where("action", "=", "proposal.accept")
    .execute();
  assert.ok(audit.length >= LIST.length - 1);
  const left = (await reviewGroups(store.db, OPERATOR)).find((g) => g.key === group.key);
  assert.equal(left?.count, 1);
  await assert.rejects(decideGroup(store.db, "nothing~new_person", true, OPERATOR), /no pending proposals/);
});

test(`${T} an article's "elected in 2022" disagrees with the record's "first elected in 2019"`, async () => {
  writeFileSync(
    join(dir, "mayor.txt"),
    "Mayor speaks on detentions\nOutlet: Valley Courier\n\nTeodoro Villaseñor was elected in 2022, and he spoke on Monday.\n",
  );
  await ingestFiles(store.db, [join(dir, "mayor.txt")], OPERATOR);
  const claims = await claimsReport(store.db, OPERATOR);
  const fromArticle = claims.find((c) => c.origin === "articles" && c.predicate === "elected");
  assert.ok(fromArticle?.conflict, JSON.stringify(claims.filter((c) => c.predicate !== "count")));
  assert.deepEqual(fromArticle.disagrees_with?.[0]?.values, ["2019"]);
  assert.ok(claims.find((c) => c.origin === "record" && c.subject === "Teodoro Villaseñor")?.conflict);
});
