// The public dashboard's figures on either engine: public records only, groups weighted, where people are
// now, ignored orders with their days, and the cache serving stale figures while it recomputes.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { miniDataset } from "../../test/fixtures.ts";
import { openTestStore, TEST_ENGINE, type TestStore } from "../../test/test-store.ts";
import { DatasetSchema } from "../domain/model.ts";
import { OPERATOR } from "../domain/policy.ts";
import { publicEventFigures } from "../store/dashboard.ts";
import {
  computeDashboard,
  computeDashboardInWorker,
  getDashboard,
  invalidateDashboard,
  sourceUsage,
} from "./dashboard.ts";
import { loadDataset } from "./load-dataset.ts";
import { recordEvent } from "./record-case.ts";

let store: TestStore;
before(async () => {
  store = await openTestStore();
  await loadDataset(store.db, DatasetSchema.parse(miniDataset()));
});
after(() => store.close());
const T = `[${TEST_ENGINE}]`;

test(`${T} counts only public records, groups standing for their size`, async () => {
  const d = await computeDashboard(store.db, { asOf: "2025-05-01T00:00:00Z" });
  // One individual beside a class of 137: splitting the total would single the individual out.
  assert.deepEqual(d.totals, { individuals: null, groups: null, group_people: null, people: 138 });
  // El Salvador (1) is withheld, and so is the next-smallest cell, or the total would give it away.
  assert.deepEqual(d.by_country, [{ country: "(other)", people: 138 }]);
  assert.ok(
    d.timeline.every((e) => e.kind === "order" || e.event.person === "kaag"),
    "no private person's event",
  );
});

test(`${T} where people are now, and the facilities they were held in`, async () => {
  const d = await computeDashboard(store.db, { asOf: "2025-05-01T00:00:00Z" });
  // Held abroad (1) pooled with the next cell; CECOT's one person withheld, with nothing to pool it with.
  assert.deepEqual(d.by_status, [{ status: "(other)", people: 138 }]);
  assert.deepEqual(d.by_facility, []);
});

test(`${T} an unmet order counts its days over everyone it covers, naming no private person`, async () => {
  const d = await computeDashboard(store.db, { asOf: "2025-05-01T00:00:00Z" });
  assert.equal(d.orders.length, 1);
  assert.equal(d.orders[0]?.order.id, "o-facilitate");
  assert.equal(d.orders[0]?.compliance.state, "outstanding");
  assert.equal(d.orders[0]?.compliance.days_unmet, 20);
  assert.deepEqual(d.order_counts, { breached: 0, unmet: 1 });
  assert.equal(d.orders[0]?.matter?.caption, "Noem v. Abrego Garcia");
});

test(`${T} a return closes the order and moves the person to "returned"`, async () => {
  await recordEvent(
    store.db,
    {
      person: "kaag",
      type: "RETURN",
      when: "2025-06-06",
      tz: "America/New_York",
      summary: "Returned.",
      details: {},
    },
    OPERATOR,
  );
  const d = await computeDashboard(store.db, { asOf: "2025-07-01T00:00:00Z" });
  // The order also covers a private person not yet returned: it still stands unmet, with no one named.
  assert.equal(d.orders.length, 1);
  assert.equal(d.orders[0]?.compliance.met_by, undefined);
  // One returned person is a small cell: pooled, never shown alone.
  assert.ok(d.by_status.every((s) => s.people >= 5));
  await recordEvent(
    store.db,
    {
      person: "private-1",
      type: "RETURN",
      when: "2025-06-20",
      tz: "America/New_York",
      summary: "Returned.",
      details: {},
    },
    OPERATOR,
  );
  const later = await computeDashboard(store.db, { asOf: "2025-07-01T00:00:00Z" });
  assert.equal(later.orders.length, 0);
  assert.deepEqual(later.order_counts, { breached: 0, unmet: 0 });
});

test(`${T} the cache serves the last figures while it recomputes, and a write invalidates it`, async () => {
  invalidateDashboard(store.db);
  const first = await getDashboard(store.db, { now: 0 });
  assert.equal(await getDashboard(store.db, { now: 1_000 }), first, "fresh: the same figures");
  const stale = getDashboard(store.db, { now: 60_000 });
  assert.equal(await stale, first, "expired: the old figures now, new ones computed meanwhile");
  // The refresh runs in the background: wait for it (up to 10 s on a busy machine).
  let next = first;
  for (let i = 0; i < 200 && next === first; i++) {
    await new Promise((r) => setTimeout(r, 50));
    next = await getDashboard(store.db, { now: 60_001, maxAgeMs: 10 ** 12 });
  }
  assert.notEqual(next, first, "then the new ones");
  invalidateDashboard(store.db);
  assert.notEqual(await getDashboard(store.db), first);
});

test(`${T} a public event links only the matters the public may see, and no private order is shown`, async () => {
  const other = await openTestStore();
  try {
    const data = miniDataset();
    data.matters?.push({
      id: "m-private",
      caption: "In re a private petitioner",
      court: "D. Md.",
      people: ["private-1"],
      sources: [{ source: "s-court" }],
    });
    data.orders?.push({
      id: "o-private",
      matter: "m-private",
      kind: "TRO",
      issued: "2025-03-20",
      summary: "A private petitioner's order.",
      covers: { people: ["private-1"] },
      sources: [{ source: "s-court" }],
    });
    for (const [id, matter] of [
      ["e-filed-private", "m-private"],
      ["e-filed-public", "m-scotus"],
    ] as const)
      data.events?.push({
        id,
        person: "kaag",
        type: "HABEAS_FILED",
        when: "2025-03-21",
        tz: "America/New_York",
        matter,
        summary: "A petition was filed.",
        details: {},
        sources: [{ source: "s-court" }],
      });
    await loadDataset(other.db, DatasetSchema.parse(data));
    const d = await computeDashboard(other.db, { asOf: "2025-05-01T00:00:00Z" });
    const filed = d.timeline.flatMap((e) =>
      e.kind === "event" && e.event.type === "HABEAS_FILED" ? [e.event] : [],
    );
    assert.deepEqual(
      filed.map((e) => e.matter ?? null).sort(),
      ["m-scotus", null],
      "the matter about a private person only is not linked",
    );
    assert.ok(
      d.timeline.every((e) => e.kind === "event" || e.order.id !== "o-private"),
      "the private person's order is not on the timeline",
    );
  } finally {
    await other.close();
  }
});

test(`${T} sources count the facts that cite them, those asked about only`, async () => {
  const usage = await sourceUsage(store.db, ["s-court", "no-such-source"]);
  assert.ok((usage.get("s-court") ?? 0) >= 5);
  assert.deepEqual([...usage.keys()], ["s-court"]);
});

// Last in this file: from here on this store's dashboard is computed in a worker thread.
test(`${T} computed in a worker thread, as the server does, the dashboard holds the same figures`, async () => {
  const here = await computeDashboard(store.db);
  computeDashboardInWorker(store.db, store.target, store.keyConfig);
  invalidateDashboard(store.db);
  const there = await getDashboard(store.db);
  assert.deepEqual({ ...there, computed_at: "" }, { ...here, computed_at: "" });
});

test(`${T} each public person's last custody event: latest first, the greater id on a tie, none after the date`, async () => {
  const s = await openTestStore();
  try {
    const mini = miniDataset();
    const person = (id: string, pub: boolean) => ({
      id,
      full_name: `Person ${id}`,
      ...(pub ? { consent: { public_record: true } } : {}),
      sources: [],
    });
    const event = (id: string, who: string, type: string, when: string, facility?: string) => ({
      id,
      person: who,
      type,
      when,
      tz: "UTC",
      ...(facility ? { facility } : {}),
      summary: `${type} ${id}`,
      details: {},
    });
    await loadDataset(
      s.db,
      DatasetSchema.parse({
        ...mini,
        people: [person("tie", true), person("later", true), person("none", true), person("hidden", false)],
        matters: [],
        orders: [],
        events: [
          // Same minute: the greater id decides (domain/custody.ts lastCustodyEvent), not the order written.
          event("t-2", "tie", "FOREIGN_CUSTODY", "2025-03-16 10:00", "cecot"),
          event("t-1", "tie", "RELEASE", "2025-03-16 10:00"),
          event("l-1", "later", "ARREST", "2025-03-01 08:00"),
          // After the date asked about: not yet where they are.
          event("l-2", "later", "FOREIGN_CUSTODY", "2025-06-01 08:00", "cecot"),
          // Not a custody event: the person is counted nowhere.
          event("n-1", "none", "HABEAS_FILED", "2025-03-02 08:00"),
          event("h-1", "hidden", "FOREIGN_CUSTODY", "2025-03-16 10:00", "cecot"),
        ],
      }),
    );
    const f = await publicEventFigures(s.db, {
      asOf: "2025-05-01T00:00:00.000Z",
      types: ["ARREST", "FOREIGN_CUSTODY", "RELEASE"],
      limit: 10,
    });
    const rows = f.lastCustody.map((r) => `${r.type}/${r.facility_id ?? "-"}: ${r.records}`).sort();
    assert.deepEqual(rows, ["ARREST/-: 1", "FOREIGN_CUSTODY/cecot: 1"]);
    assert.deepEqual(f.byFacility, [{ facility_id: "cecot", records: 2, people: 2 }]);
    // Newest first, ties by the greater id (as domain/custody.ts orders them); the private person's event is
    // not among them.
    assert.deepEqual(
      f.latest.map((e) => e.id),
      ["l-2", "t-2", "t-1", "l-1"],
    );
  } finally {
    await s.close();
  }
});
