// The matters and orders a person's event form offers: every one the viewer sees on a small record; on a
// large one (a national record holds thousands: a select of them all made the form 500 KB) the person's own
// and those the event names already — never another team's.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { openTestStore, TEST_ENGINE, type TestStore } from "../../test/test-store.ts";
import { OPERATOR, type Viewer } from "../domain/policy.ts";
import { eventChoicesFor, WHOLE_LIST_UP_TO } from "./catalog.ts";
import { saveCourtOrder, saveLegalMatter } from "./edit-record.ts";
import { createPerson } from "./record-case.ts";

const T = `[${TEST_ENGINE}]`;
const NORTH: Viewer = { role: "lawyer", userId: "nora", team: "north" };
let store: TestStore;
type Name = "ana" | "ben" | "sol" | "mAna" | "mBen" | "mSol" | "oCover" | "oClass" | "oBen" | "oSol";
const id = {} as Record<Name, string>;

const matter = (caption: string, people: string[], filed_on = "2025-03-01") =>
  saveLegalMatter(store.db, { caption, court: "D.D.C.", people, filed_on }, OPERATOR);
const order = (m: string, people: string[], summary: string, issued = "2025-03-15 18:00") =>
  saveCourtOrder(store.db, { matter: m, kind: "TRO", issued, covers: { people }, summary }, OPERATOR);

before(async () => {
  store = await openTestStore();
  id.ana = await createPerson(store.db, { full_name: "Ana North", team: "north" }, OPERATOR);
  id.ben = await createPerson(store.db, { full_name: "Ben North", team: "north" }, OPERATOR);
  id.sol = await createPerson(store.db, { full_name: "Sol South", team: "south" }, OPERATOR);
  id.mAna = await matter("Ana v. Noem", [id.ana], "2025-04-01");
  id.mBen = await matter("Ben v. Noem", [id.ben], "2025-03-01");
  id.mSol = await matter("Sol v. Noem", [id.sol]);
  // Covers Ana in Ben's matter: Ana's choices hold it and that matter.
  id.oCover = await order(id.mBen, [id.ana], "Do not remove Ana", "2025-04-02 10:00");
  // Names no one, in Ana's matter: hers too.
  id.oClass = await order(id.mAna, [], "Class-wide stay", "2025-04-01 10:00");
  id.oBen = await order(id.mBen, [id.ben], "Do not remove Ben");
  id.oSol = await order(id.mSol, [id.sol], "Do not remove Sol");
});
after(() => store.close());

const ids = (xs: { id: string }[]) => xs.map((x) => x.id);

test(`${T} on a small record the event form offers every matter and order the viewer sees`, async () => {
  const c = await eventChoicesFor(store.db, NORTH, id.ana);
  assert.equal(c.narrowed, false);
  assert.deepEqual(ids(c.matters).sort(), [id.mAna, id.mBen].sort());
  assert.deepEqual(ids(c.orders).sort(), [id.oCover, id.oClass, id.oBen].sort());
});

test(`${T} past ${WHOLE_LIST_UP_TO} matters the form offers the person's own, the ones it names, and no other team's`, async () => {
  for (let i = 0; i <= WHOLE_LIST_UP_TO; i++) await matter(`Filler ${i} v. Noem`, [id.ben]);
  const c = await eventChoicesFor(store.db, NORTH, id.ana);
  assert.equal(c.narrowed, true);
  // Matters by date filed, orders by date issued.
  assert.deepEqual(ids(c.matters), [id.mBen, id.mAna]);
  assert.deepEqual(ids(c.orders), [id.oClass, id.oCover]);
  // An event being edited keeps its links, and one naming another team's records does not reveal them.
  const edit = await eventChoicesFor(store.db, NORTH, id.ana, {
    matter: id.mSol,
    orders: [id.oBen, id.oSol, "no-such-order"],
  });
  assert.deepEqual(ids(edit.orders), [id.oBen, id.oClass, id.oCover]);
  assert.deepEqual(ids(edit.matters), [id.mBen, id.mAna]);
  // The operator reads Sol's own the same way.
  const sol = await eventChoicesFor(store.db, OPERATOR, id.sol);
  assert.deepEqual([ids(sol.matters), ids(sol.orders)], [[id.mSol], [id.oSol]]);
});
