// The public demo dataset (data/demo/dataset.json): it parses, its ids resolve, every fact is sourced and every time reads.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, test } from "node:test";
import { type Citation, type Dataset, DatasetSchema, parseEventDetails } from "./model.ts";
import { parseWhen } from "./time.ts";

const DATASET_URL = new URL("../../data/demo/dataset.json", import.meta.url);

function loadDataset(): Dataset {
  const raw: unknown = JSON.parse(readFileSync(DATASET_URL, "utf8"));
  const parsed = DatasetSchema.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
    assert.fail(`dataset.json does not match DatasetSchema:\n${problems.join("\n")}`);
  }
  return parsed.data;
}

const data = loadDataset();
const ids = {
  sources: new Set(data.sources.map((s) => s.id)),
  people: new Set(data.people.map((p) => p.id)),
  facilities: new Set(data.facilities.map((f) => f.id)),
  matters: new Set(data.matters.map((m) => m.id)),
  orders: new Set(data.orders.map((o) => o.id)),
};

/** Every record that carries citations, labelled for error messages. */
const cited: { label: string; sources: Citation[] }[] = [
  ...data.facilities.map((r) => ({ label: `facility ${r.id}`, sources: r.sources })),
  ...data.people.map((r) => ({ label: `person ${r.id}`, sources: r.sources })),
  ...data.matters.map((r) => ({ label: `matter ${r.id}`, sources: r.sources })),
  ...data.orders.map((r) => ({ label: `order ${r.id}`, sources: r.sources })),
  ...data.events.map((r) => ({ label: `event ${r.id}`, sources: r.sources })),
  ...data.claims.map((r) => ({ label: `claim ${r.id}`, sources: r.sources })),
];

function instant(when: string, tz: string): number {
  return Date.parse(parseWhen(when, tz).at);
}

describe("demo dataset", () => {
  test("ids are unique within each collection", () => {
    for (const [name, list] of Object.entries({
      sources: data.sources,
      facilities: data.facilities,
      people: data.people,
      matters: data.matters,
      orders: data.orders,
      events: data.events,
      claims: data.claims,
    })) {
      const seen = new Set<string>();
      for (const { id } of list) {
        assert.ok(!seen.has(id), `duplicate ${name} id: ${id}`);
        seen.add(id);
      }
    }
  });

  test("every event's details match its type", () => {
    for (const e of data.events) {
      const r = parseEventDetails(e.type, e.details);
      assert.ok(r.success, `event ${e.id} (${e.type}): ${r.error?.issues.map((i) => i.message).join("; ")}`);
    }
  });

  test("every person, event, order, matter, facility and claim cites a known source", () => {
    for (const { label, sources } of cited) {
      assert.ok(sources.length > 0, `${label} cites no source`);
      for (const s of sources)
        assert.ok(ids.sources.has(s.source), `${label} cites unknown source ${s.source}`);
    }
  });

  test("every source is cited by something", () => {
    const used = new Set(cited.flatMap((r) => r.sources.map((s) => s.source)));
    for (const s of data.sources) assert.ok(used.has(s.id), `source ${s.id} is never cited`);
  });

  test("references between records resolve", () => {
    for (const e of data.events) {
      assert.ok(ids.people.has(e.person), `event ${e.id}: unknown person ${e.person}`);
      if (e.facility)
        assert.ok(ids.facilities.has(e.facility), `event ${e.id}: unknown facility ${e.facility}`);
      if (e.matter) assert.ok(ids.matters.has(e.matter), `event ${e.id}: unknown matter ${e.matter}`);
      if (e.type === "COURT_ORDER") {
        const order = e.details.order;
        assert.ok(
          typeof order === "string" && ids.orders.has(order),
          `event ${e.id}: unknown order ${order}`,
        );
      }
    }
    for (const o of data.orders) {
      assert.ok(ids.matters.has(o.matter), `order ${o.id}: unknown matter ${o.matter}`);
      for (const p of o.covers.people) assert.ok(ids.people.has(p), `order ${o.id}: unknown person ${p}`);
    }
    for (const m of data.matters) {
      for (const p of m.people) assert.ok(ids.people.has(p), `matter ${m.id}: unknown person ${p}`);
    }
  });

  test("every event time, order time and deadline can be read in its zone", () => {
    for (const e of data.events) {
      assert.doesNotThrow(() => parseWhen(e.when, e.tz, e.precision), `event ${e.id}: ${e.when} ${e.tz}`);
    }
    for (const o of data.orders) {
      assert.doesNotThrow(() => parseWhen(o.issued, o.tz, o.precision), `order ${o.id}: ${o.issued} ${o.tz}`);
      const deadline = o.deadline;
      if (deadline)
        assert.doesNotThrow(() => parseWhen(deadline, o.tz), `order ${o.id}: deadline ${deadline}`);
    }
  });

  test("COURT_ORDER events carry the time of the order they point to", () => {
    const byId = new Map(data.orders.map((o) => [o.id, o]));
    for (const e of data.events.filter((x) => x.type === "COURT_ORDER")) {
      const o = byId.get(e.details.order as string)!;
      assert.equal(instant(e.when, e.tz), instant(o.issued, o.tz), `event ${e.id} vs order ${o.id}`);
    }
  });

  test("the 15 March 2025 sequence reads in the right order (EDT stored as UTC)", () => {
    const order = (id: string) => data.orders.find((o) => o.id === id)!;
    const event = (id: string) => data.events.find((e) => e.id === id)!;
    const oral = order("jgg-2025-03-15-oral-order");
    const written = order("jgg-2025-03-15-class-tro");
    assert.equal(oral.oral, true);
    assert.deepEqual(written.bars, ["removal"]);
    assert.ok(written.covers.people.includes("jgg-cecot-class"));
    assert.equal(parseWhen(written.issued, written.tz).at, "2025-03-15T23:26:00.000Z");

    const flight1 = event("jgg-2025-03-15-flight-1");
    const flight2 = event("jgg-2025-03-15-flight-2");
    const third = event("abrego-2025-03-15-removal");
    assert.equal(parseWhen(third.when, third.tz).at, "2025-03-15T23:36:00.000Z");
    assert.ok(instant(flight1.when, flight1.tz) < instant(oral.issued, oral.tz));
    assert.ok(instant(flight2.when, flight2.tz) < instant(oral.issued, oral.tz));
    assert.ok(instant(oral.issued, oral.tz) < instant(written.issued, written.tz));
    assert.ok(instant(written.issued, written.tz) < instant(third.when, third.tz));

    const handover = event("jgg-2025-03-16-handover");
    assert.ok(instant(handover.when, handover.tz) > instant(written.issued, written.tz));
  });

  test("Abrego Garcia was removed to the country his 2019 protection covers", () => {
    const person = data.people.find((p) => p.id === "kilmar-abrego-garcia")!;
    const protection = person.protections.find((p) => p.kind === "withholding_241b3");
    assert.equal(protection?.country, "SV");
    const removal = data.events.find((e) => e.person === person.id && e.type === "REMOVAL")!;
    assert.equal(removal.details.destination_country, protection?.country);
    assert.equal(removal.details.authority, "title8");
  });

  test("group records say how many people they stand for where a source gives it", () => {
    const jgg = data.people.find((p) => p.id === "jgg-cecot-class")!;
    assert.equal(jgg.kind, "group");
    assert.equal(jgg.group_size, 137);
    for (const p of data.people.filter((x) => x.kind === "group")) {
      assert.ok(p.group_definition, `group ${p.id} has no definition`);
    }
  });

  test("contradicting claims share a subject and predicate but differ in value", () => {
    const groups = new Map<string, Set<string>>();
    for (const c of data.claims) {
      const key = `${c.subject}\u0000${c.predicate}`;
      const values = groups.get(key) ?? new Set<string>();
      assert.ok(!values.has(c.value), `claim ${c.id} repeats a value already recorded`);
      values.add(c.value);
      groups.set(key, values);
    }
    const contested = [...groups.values()].filter((v) => v.size > 1);
    assert.ok(contested.length >= 5, `only ${contested.length} contested subjects`);
  });
});
