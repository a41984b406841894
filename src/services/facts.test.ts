// The demo record's central facts through their one owner each: court-order compliance (the J.G.G. TROs
// breached with the hand-over and its minutes, the Abrego Garcia orders unmet until his return) and where
// people are now (the dashboard's SQL against domain/custody.ts, the family view, the dataset).
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { after, before, test } from "node:test";
import { openTestStore, TEST_ENGINE, type TestStore } from "../../test/test-store.ts";
import { currentCustody, statusAfter } from "../domain/custody.ts";
import { DatasetSchema, type EventType } from "../domain/model.ts";
import { ANONYMOUS, isPublic, OPERATOR } from "../domain/policy.ts";
import { listFacilities } from "../store/catalog.ts";
import { publicEventFigures } from "../store/dashboard.ts";
import { listEventsForPeople } from "../store/events.ts";
import { storedFindings } from "../store/findings.ts";
import { listPeople } from "../store/people.ts";
import { computeDashboard } from "./dashboard.ts";
import { complianceForOrder, complianceForOrders, findingsForPerson } from "./findings.ts";
import { DEMO_DATASET_PATH } from "./init-demo.ts";
import { loadDataset } from "./load-dataset.ts";
import { getPersonRecord, getPersonTimeline } from "./person-record.ts";
import { buildPublicDataset } from "./public-dataset.ts";
import { publicEventId } from "./public-projection.ts";
import { createPerson, recordEvent } from "./record-case.ts";

let store: TestStore;
before(async () => {
  store = await openTestStore();
  await loadDataset(store.db, DatasetSchema.parse(JSON.parse(readFileSync(DEMO_DATASET_PATH, "utf8"))));
});
after(() => store.close());
const T = `[${TEST_ENGINE}]`;
const asOf = "2026-01-31T00:00:00.000Z";

test(`${T} the J.G.G. class TRO reads breached: the CECOT hand-over 394 minutes after it, later undone`, async () => {
  for (const viewer of [ANONYMOUS, OPERATOR]) {
    const c = await complianceForOrder(store.db, "jgg-2025-03-15-class-tro", viewer, { asOf });
    assert.equal(c.state, "breached");
    const handover = c.acts.find((a) => a.type === "FOREIGN_CUSTODY");
    assert.equal(handover?.minutes_after_order, 394);
    assert.equal(handover?.approximate, true);
    assert.equal(handover?.remedied, true, "the July return undid it; the breach stands");
    assert.equal(c.unmet, false);
  }
  const oral = await complianceForOrder(store.db, "jgg-2025-03-15-oral-order", ANONYMOUS, { asOf });
  assert.equal(oral.state, "breached");
  assert.equal(oral.acts.find((a) => a.type === "FOREIGN_CUSTODY")?.minutes_after_order, 434);
});

test(`${T} the Abrego Garcia facilitate-return orders stood unmet until his return on 6 June`, async () => {
  const states = await complianceForOrders(
    store.db,
    ["abrego-2025-04-04-facilitate-return", "noem-v-abrego-2025-04-10", "abrego-2025-04-10-amended-order"],
    ANONYMOUS,
    { asOf },
  );
  const district = states.get("abrego-2025-04-04-facilitate-return");
  // Its deadline (7 April, 23:59) passed: breached, met 60 days late.
  assert.equal(district?.state, "breached");
  assert.equal(district?.days_unmet, 63);
  assert.equal(district?.missed_deadline?.met, true);
  // The public reads the return under its opaque public id; staff under the record's own.
  assert.equal(district?.met_by?.event, publicEventId("abrego-2025-06-06-return"));
  const staff = await complianceForOrder(store.db, "abrego-2025-04-04-facilitate-return", OPERATOR, { asOf });
  assert.equal(staff.met_by?.event, "abrego-2025-06-06-return");
  const scotus = states.get("noem-v-abrego-2025-04-10");
  assert.equal(scotus?.state, "complied");
  assert.equal(scotus?.days_unmet, 57);
  assert.equal(states.get("abrego-2025-04-10-amended-order")?.state, "breached");
  // Before the return, the same order stands unmet, its days counting.
  const may = await complianceForOrder(store.db, "noem-v-abrego-2025-04-10", ANONYMOUS, {
    asOf: "2025-05-10T12:00:00Z",
  });
  assert.equal(may.state, "outstanding");
  assert.equal(may.unmet, true);
  assert.equal(may.days_unmet, 30);
});

test(`${T} "as of a day" is the end of that day where the order was issued`, async () => {
  // The written TRO was issued at 19:26 EDT on 15 March; read as of that day (Eastern), it counts.
  const c = await complianceForOrder(store.db, "jgg-2025-03-15-class-tro", ANONYMOUS, {
    asOfDay: "2025-03-15",
  });
  assert.equal(c.state, "complied", "nothing was done against it by 23:59 EDT");
  const next = await complianceForOrder(store.db, "jgg-2025-03-15-class-tro", ANONYMOUS, {
    asOfDay: "2025-03-16",
  });
  assert.equal(next.state, "breached");
});

test(`${T} the dashboard counts orders breached and orders still unmet apart`, async () => {
  const d = await computeDashboard(store.db, { asOf });
  assert.ok(d.order_counts.breached >= 3, `breached: ${d.order_counts.breached}`);
  assert.equal(d.order_counts.unmet, 0, "every order on the demo was met or undone by 2026");
  assert.ok(d.orders.some((o) => o.order.id === "jgg-2025-03-15-class-tro"));
  const during = await computeDashboard(store.db, { asOf: "2025-05-01T00:00:00Z" });
  assert.ok(during.order_counts.unmet >= 3, `unmet: ${during.order_counts.unmet}`);
});

test(`${T} where people are now: the dashboard's SQL and domain/custody.ts agree, Guantánamo is abroad`, async () => {
  for (const at of [
    "2025-02-10T00:00:00.000Z",
    "2025-03-20T00:00:00.000Z",
    asOf,
    "2024-01-01T00:00:00.000Z",
  ]) {
    // The dashboard's SQL picks each public person's last custody event (from the figures the store keeps
    // of each public person); statusAfter classifies it.
    const [few, facilities] = await Promise.all([
      publicEventFigures(store.db, { asOf: at, types: ["REMOVAL", "TRANSFER"], limit: 5 }),
      listFacilities(store.db),
    ]);
    const byId = new Map(facilities.map((f) => [f.id, f]));
    const got = new Map<string, number>();
    for (const r of few.lastCustody) {
      const s = statusAfter(
        { type: r.type as EventType, country: r.country ?? undefined },
        r.facility_id ? byId.get(r.facility_id) : undefined,
      );
      got.set(s, (got.get(s) ?? 0) + r.people);
    }
    const people = (await listPeople(store.db, { publicOnly: true })).filter((p) => isPublic(p));
    const events = await listEventsForPeople(
      store.db,
      people.map((p) => p.id),
    );
    const want = new Map<string, number>();
    for (const p of people) {
      const s = currentCustody(
        events.filter((e) => e.person === p.id),
        byId,
        at,
      ).status;
      if (s !== "unknown") want.set(s, (want.get(s) ?? 0) + (p.kind === "group" ? (p.group_size ?? 1) : 1));
    }
    assert.deepEqual(got, want, at);
    // The newest events of the types asked, of public people only, newest first and the greater id first on
    // a tie, as the domain orders them.
    const newest = events
      .filter((e) => e.type === "REMOVAL" || e.type === "TRANSFER")
      .sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : a.id < b.id ? 1 : -1))
      .slice(0, 5);
    assert.deepEqual(
      few.latest.map((e) => e.id),
      newest.map((e) => e.id),
    );
  }
  // 10 February 2025: the group flown to Guantánamo on 4 February is held abroad, not in the US.
  const feb = await computeDashboard(store.db, { asOf: "2025-02-10T00:00:00.000Z" });
  assert.ok(feb.by_status.some((s) => s.status === "held_abroad"));
  assert.ok(!feb.by_status.some((s) => s.status === "held_us" && s.people > 100));
  const rec = await getPersonRecord(store.db, "guantanamo-venezuelans-feb-2025", ANONYMOUS);
  assert.equal(rec.custody[0]?.kind, "held");
  assert.equal(rec.custody[0]?.kind === "held" && rec.custody[0].abroad, true);
});

test(`${T} the open dataset reads the same status and the same compliance`, async () => {
  const ds = await buildPublicDataset(store.db, new Date(asOf));
  const tro = ds.orders.find((o) => o.id === "jgg-2025-03-15-class-tro");
  assert.equal(tro?.compliance?.state, "breached");
  const d = await computeDashboard(store.db, { asOf });
  const dash = new Map(d.by_status.map((s) => [s.status as string, s.people]));
  const cells = ds.stats.by_current_status.filter((c) => c.key !== "(other)");
  assert.ok(cells.length > 0);
  // Small cells are pooled as "(other)" in the dataset; every cell it shows equals the dashboard's.
  for (const c of cells) assert.equal(c.count, dash.get(c.key), c.key);
});

test(`${T} an event with an unknown date keeps its range; a removal dated after now is refused`, async () => {
  const { id } = await recordEvent(
    store.db,
    {
      person: "andry-hernandez-romero",
      type: "CONTACT",
      when: "2025-04-01/2025-04-20",
      tz: "America/El_Salvador",
      summary: "A relative heard from him at some point in April.",
      details: { with: "family" },
    },
    OPERATOR,
  );
  const events = await getPersonTimeline(store.db, "andry-hernandez-romero", OPERATOR);
  const e = events.find((x) => x.id === id);
  assert.equal(e?.precision, "unknown");
  assert.equal(e?.latest, "2025-04-21T05:59:59.999Z");
  await assert.rejects(
    recordEvent(
      store.db,
      {
        person: "andry-hernandez-romero",
        type: "REMOVAL",
        when: "2999-01-01",
        tz: "UTC",
        summary: "Not yet.",
        details: {},
      },
      OPERATOR,
    ),
    (err: Error & { problems?: { path: string; message: string }[] }) =>
      /must already have happened/.test(err.problems?.[0]?.message ?? ""),
  );
});

test(`${T} the rules read a facility's country: a transfer to a foreign facility recorded without a country is abroad`, async () => {
  await createPerson(store.db, { id: "gtmo-test", full_name: "Persona de Prueba" }, OPERATOR);
  await recordEvent(
    store.db,
    {
      person: "gtmo-test",
      type: "TRANSFER",
      when: "2025-02-04",
      tz: "America/Havana",
      facility: "cecot",
      summary: "Handed over at CECOT.",
      details: {},
    },
    OPERATOR,
  );
  const f = await findingsForPerson(store.db, "gtmo-test", OPERATOR, { asOf: "2025-03-01T00:00:00Z" });
  const r19 = f.find((x) => x.rule === "R19");
  assert.match(r19?.text ?? "", /held abroad/, "abroad, not a domestic transfer");
  // The findings stored by the write read the timeline as a whole-record evaluation does (store/events.ts).
  const stored = (await storedFindings(store.db, ["gtmo-test"])).find((x) => x.rule === "R19");
  assert.match(stored?.data ?? "", /held abroad/, "the stored findings place it abroad too");
  const rec = await getPersonRecord(store.db, "gtmo-test", OPERATOR);
  assert.equal(rec.now.status, "held_abroad");
});

test(`${T} an act against an order is timed for the public only where a published source states it`, async () => {
  const own = await openTestStore();
  try {
    const source = (id: string, kind: "news" | "testimony") => ({
      id,
      publisher: "Someone",
      title: `Source ${id}`,
      kind,
      reliability: "reliable" as const,
    });
    const removal = (id: string, person: string, src: string) => ({
      id,
      person,
      type: "REMOVAL" as const,
      when: "2025-03-16 10:00",
      tz: "America/New_York",
      summary: "Removed.",
      details: {},
      sources: [{ source: src }],
    });
    await loadDataset(
      own.db,
      DatasetSchema.parse({
        sources: [source("s-news", "news"), source("s-told", "testimony")],
        people: [
          { id: "pc", full_name: "Public Person C", consent: { public_record: true }, sources: [] },
          { id: "pa", full_name: "Private Person A", sources: [] },
          { id: "pb", full_name: "Private Person B", sources: [] },
        ],
        matters: [{ id: "m1", caption: "C v. Noem", court: "D. Md.", people: ["pc"], sources: [] }],
        orders: [
          {
            id: "o-bar",
            matter: "m1",
            kind: "TRO",
            issued: "2025-03-15 19:26",
            tz: "America/New_York",
            bars: ["removal"],
            summary: "No removal.",
            covers: { people: ["pc", "pa", "pb"] },
            sources: [{ source: "s-news" }],
          },
        ],
        // Each person's timeline also holds events compliance does not read.
        events: [
          removal("rc", "pc", "s-news"),
          removal("ra", "pa", "s-news"),
          removal("rb", "pb", "s-told"),
          { ...removal("ha", "pa", "s-news"), type: "HEARING", when: "2025-03-17" },
        ],
        claims: [],
      }),
    );
    const asOf = "2025-04-01T00:00:00Z";
    const pub = await complianceForOrder(own.db, "o-bar", ANONYMOUS, { asOf });
    assert.equal(pub.state, "breached");
    assert.equal(pub.acts.length, 3);
    // Only the public person is named to the public; the acts published sources state are timed.
    assert.deepEqual(
      pub.acts.map((a) => a.person ?? "-"),
      ["-", "-", "pc"],
    );
    assert.deepEqual(pub.acts.map((a) => a.minutes_after_order ?? 0).sort(), [0, 874, 874]);
    const staff = await complianceForOrder(own.db, "o-bar", OPERATOR, { asOf });
    assert.deepEqual(
      staff.acts.map((a) => [a.event, a.person, a.minutes_after_order]),
      [
        ["ra", "pa", 874],
        ["rb", "pb", 874],
        ["rc", "pc", 874],
      ],
    );
  } finally {
    await own.close();
  }
});
