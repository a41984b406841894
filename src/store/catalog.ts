// Facilities, legal matters, court orders, sources and claims: the record around the people.
import { type SqlBool, sql } from "kysely";
import { z } from "zod";
import { AppError } from "../domain/errors.ts";
import type { Claim, CourtOrder, Facility, LegalMatter, Source } from "../domain/model.ts";
import type { Precision } from "../domain/time.ts";
import { type IdSpan, readInChunks } from "./chunks.ts";
import { citationsFor, replaceCitations } from "./citations.ts";
import type { Db } from "./db.ts";
import { engineOf } from "./dialect.ts";
import { nul, readJson, toJson, und } from "./json.ts";
import type { CourtOrdersTable, FacilitiesTable, LegalMattersTable, SourcesTable } from "./schema.ts";
import { putSearchDoc, putSearchDocs } from "./search.ts";

const Strings = z.array(z.string()).default([]);
const Codes = z.record(z.string(), z.string()).default({});
const Covers = z.object({ people: z.array(z.string()).default([]), class_definition: z.string().optional() });
// Built once: a schema made in each call cost more than the parse it was made for (every order read).
const Bars = z.array(z.enum(["removal", "transfer", "detention"])).default([]);

// ---------- sources ----------
function rowToSource(r: SourcesTable): Source {
  return {
    id: r.id,
    publisher: r.publisher,
    url: und(r.url),
    title: r.title,
    published_on: und(r.published_on),
    captured_at: und(r.captured_at),
    capture_sha256: und(r.capture_sha256),
    reliability: r.reliability as Source["reliability"],
    kind: r.kind as Source["kind"],
  };
}

export async function saveSource(db: Db, s: Source) {
  const row = {
    publisher: s.publisher,
    url: nul(s.url),
    title: s.title,
    published_on: nul(s.published_on),
    captured_at: nul(s.captured_at),
    capture_sha256: nul(s.capture_sha256),
    reliability: s.reliability,
    kind: s.kind,
  };
  await db
    .insertInto("sources")
    .values({ id: s.id, ...row })
    .onConflict((oc) => oc.column("id").doUpdateSet(row))
    .execute();
  await putSearchDoc(db, "source", s.id, s.title, `${s.publisher} ${s.url ?? ""}`);
}

export async function listSources(db: Db, ids?: readonly string[]): Promise<Source[]> {
  if (ids && !ids.length) return [];
  let q = db.selectFrom("sources").selectAll().orderBy("published_on").orderBy("id");
  if (ids) q = q.where("id", "in", [...ids]);
  return (await q.execute()).map(rowToSource);
}

/** The ids of the `limit` newest sources (by date published; undated last). */
export async function newestSourceIds(db: Db, limit: number): Promise<string[]> {
  const rows = await db
    .selectFrom("sources")
    .select("id")
    .orderBy(sql`published_on IS NULL`)
    .orderBy("published_on", "desc")
    .orderBy("id", "desc")
    .limit(limit)
    .execute();
  return rows.map((r) => r.id);
}

export async function findSourceById(db: Db, id: string): Promise<Source | undefined> {
  const r = await db.selectFrom("sources").selectAll().where("id", "=", id).executeTakeFirst();
  return r ? rowToSource(r) : undefined;
}

// ---------- facilities ----------
function rowToFacility(r: FacilitiesTable, citations: Facility["citations"]): Facility {
  return {
    id: r.id,
    name: r.name,
    aliases: readJson(Strings, r.aliases, "aliases"),
    kind: r.kind as Facility["kind"],
    country: r.country,
    state: und(r.state),
    city: und(r.city),
    operator: und(r.operator),
    capacity: und(r.capacity),
    codes: readJson(Codes, r.codes, "codes"),
    summary: und(r.summary),
    citations,
  };
}

/** The ICE DETLOC code among a facility's codes, however the source named the key ("DETLOC", "ice_detloc"). */
export function detlocOf(codes: Record<string, string>): string | undefined {
  return (
    codes.DETLOC ??
    Object.entries(codes)
      .find(([k]) => /^(ice_)?detloc$/i.test(k))?.[1]
      ?.toUpperCase()
  );
}

export async function saveFacility(
  db: Db,
  f: Omit<Facility, "citations">,
  citations: Facility["citations"] = [],
) {
  await saveFacilities(db, [f]);
  if (citations.length) await replaceCitations(db, "facility", f.id, citations);
}

/**
 * Facilities written together, each with its full-text entry: one upsert for up to 500 of them (an import
 * registers hundreds, and on PostgreSQL each statement is a round trip). The last of two with one id wins.
 */
export async function saveFacilities(db: Db, facilities: readonly Omit<Facility, "citations">[]) {
  const byId = new Map(facilities.map((f) => [f.id, f]));
  const all = [...byId.values()];
  for (let i = 0; i < all.length; i += 500) {
    const chunk = all.slice(i, i + 500);
    await db
      .insertInto("facilities")
      .values(
        chunk.map((f) => ({
          id: f.id,
          name: f.name,
          aliases: toJson(f.aliases),
          kind: f.kind,
          country: f.country,
          state: nul(f.state),
          city: nul(f.city),
          operator: nul(f.operator),
          capacity: nul(f.capacity),
          codes: toJson(f.codes),
          detloc: nul(detlocOf(f.codes)),
          summary: nul(f.summary),
        })),
      )
      .onConflict((oc) =>
        oc.column("id").doUpdateSet((eb) => ({
          name: eb.ref("excluded.name"),
          aliases: eb.ref("excluded.aliases"),
          kind: eb.ref("excluded.kind"),
          country: eb.ref("excluded.country"),
          state: eb.ref("excluded.state"),
          city: eb.ref("excluded.city"),
          operator: eb.ref("excluded.operator"),
          capacity: eb.ref("excluded.capacity"),
          codes: eb.ref("excluded.codes"),
          detloc: eb.ref("excluded.detloc"),
          summary: eb.ref("excluded.summary"),
        })),
      )
      .execute();
  }
  await putSearchDocs(
    db,
    all.map((f) => ({
      kind: "facility",
      ref: f.id,
      title: f.name,
      body: [...f.aliases, f.city ?? "", f.summary ?? ""].join("\n"),
    })),
  );
}

/** These facilities, those that exist, with their citations, in id order. */
export async function findFacilitiesByIds(db: Db, ids: readonly string[]): Promise<Facility[]> {
  const out = await readInChunks([...new Set(ids)], async (chunk) => {
    const [rows, cites] = await Promise.all([
      db.selectFrom("facilities").selectAll().where("id", "in", chunk).orderBy("id").execute(),
      citationsFor(db, "facility", chunk),
    ]);
    return rows.map((r) => rowToFacility(r, cites.get(r.id) ?? []));
  });
  return out.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** The country of each of these facilities (unknown ids are left out). */
export async function facilityCountries(db: Db, ids: readonly string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  if (!unique.length) return new Map();
  const rows = await db
    .selectFrom("facilities")
    .select(["id", "country"])
    .where("id", "in", unique)
    .execute();
  return new Map(rows.map((r) => [r.id, r.country]));
}

export async function listFacilities(
  db: Db,
  f: { limit?: number; offset?: number } = {},
): Promise<Facility[]> {
  const rows = await db
    .selectFrom("facilities")
    .selectAll()
    .orderBy("name")
    .limit(f.limit ?? 1000)
    .offset(f.offset ?? 0)
    .execute();
  const cites = await citationsFor(
    db,
    "facility",
    rows.map((r) => r.id),
  );
  return rows.map((r) => rowToFacility(r, cites.get(r.id) ?? []));
}

export async function findFacilityById(db: Db, id: string): Promise<Facility | undefined> {
  const r = await db.selectFrom("facilities").selectAll().where("id", "=", id).executeTakeFirst();
  if (!r) return undefined;
  const cites = await citationsFor(db, "facility", [id]);
  return rowToFacility(r, cites.get(id) ?? []);
}

export async function findFacilityByDetloc(db: Db, code: string): Promise<Facility | undefined> {
  const r = await db.selectFrom("facilities").selectAll().where("detloc", "=", code).executeTakeFirst();
  return r ? rowToFacility(r, []) : undefined;
}

export async function countFacilities(db: Db): Promise<number> {
  const r = await db
    .selectFrom("facilities")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

// ---------- legal matters ----------
function rowToMatter(
  r: LegalMattersTable,
  people: string[],
  citations: LegalMatter["citations"],
): LegalMatter {
  return {
    id: r.id,
    caption: r.caption,
    court: r.court,
    docket_number: und(r.docket_number),
    judge: und(r.judge),
    parties: readJson(Strings, r.parties, "parties"),
    class_definition: und(r.class_definition),
    filed_on: und(r.filed_on),
    decided_on: und(r.decided_on),
    status: und(r.status),
    summary: und(r.summary),
    court_id: und(r.court_id),
    nature_of_suit: und(r.nature_of_suit),
    cause: und(r.cause),
    case_type: und(r.case_type),
    people,
    citations,
  };
}

export async function saveMatter(
  db: Db,
  m: Omit<LegalMatter, "citations">,
  citations: LegalMatter["citations"],
) {
  const row = {
    caption: m.caption,
    court: m.court,
    docket_number: nul(m.docket_number),
    judge: nul(m.judge),
    parties: toJson(m.parties),
    class_definition: nul(m.class_definition),
    filed_on: nul(m.filed_on),
    decided_on: nul(m.decided_on),
    status: nul(m.status),
    summary: nul(m.summary),
    court_id: nul(m.court_id),
    nature_of_suit: nul(m.nature_of_suit),
    cause: nul(m.cause),
    case_type: nul(m.case_type),
  };
  await db
    .insertInto("legal_matters")
    .values({ id: m.id, ...row })
    .onConflict((oc) => oc.column("id").doUpdateSet(row))
    .execute();
  await db.deleteFrom("matter_people").where("matter_id", "=", m.id).execute();
  if (m.people.length) {
    await db
      .insertInto("matter_people")
      .values(m.people.map((person_id) => ({ matter_id: m.id, person_id })))
      .execute();
  }
  await replaceCitations(db, "matter", m.id, citations);
  await putSearchDoc(
    db,
    "matter",
    m.id,
    m.caption,
    [m.docket_number ?? "", m.court, m.judge ?? "", m.summary ?? ""].join("\n"),
  );
}

/** The people each of these legal matters names (a matter naming no one is absent). */
export async function matterPeopleOf(db: Db, ids: readonly string[]): Promise<Map<string, string[]>> {
  const people = new Map<string, string[]>();
  const links = await readInChunks([...new Set(ids)], (chunk) =>
    db.selectFrom("matter_people").selectAll().where("matter_id", "in", chunk).execute(),
  );
  for (const l of links) {
    const list = people.get(l.matter_id);
    if (list) list.push(l.person_id);
    else people.set(l.matter_id, [l.person_id]);
  }
  return people;
}

async function mattersFromRows(db: Db, rows: LegalMattersTable[]): Promise<LegalMatter[]> {
  const ids = rows.map((r) => r.id);
  if (!ids.length) return [];
  const people = await matterPeopleOf(db, ids);
  const cites = await citationsFor(db, "matter", ids);
  return rows.map((r) => rowToMatter(r, people.get(r.id) ?? [], cites.get(r.id) ?? []));
}

/**
 * Whether the matter whose id is in `column` names a public person (people.is_public): the public's lists read
 * only such matters and their orders (services/scope.ts still decides what is shown).
 */
const namesPublicPerson = (column: string) =>
  sql<SqlBool>`EXISTS (SELECT 1 FROM matter_people mp JOIN people p ON p.id = mp.person_id
    WHERE mp.matter_id = ${sql.ref(column)} AND p.is_public = 1)`;

export async function listMatters(
  db: Db,
  f: {
    person?: string;
    /** Only matters the public could see (namesPublicPerson). */
    publicCandidates?: boolean;
  } = {},
): Promise<LegalMatter[]> {
  let q = db.selectFrom("legal_matters").selectAll().orderBy("filed_on").orderBy("id");
  if (f.publicCandidates) q = q.where(namesPublicPerson("legal_matters.id"));
  if (f.person) {
    const person = f.person;
    q = q.where("id", "in", (eb) =>
      eb.selectFrom("matter_people").select("matter_id").where("person_id", "=", person),
    );
  }
  return mattersFromRows(db, await q.execute());
}

export async function findMatterById(db: Db, id: string): Promise<LegalMatter | undefined> {
  return (await findMattersByIds(db, [id]))[0];
}

/** The matters of these ids that exist, in id order. */
export async function findMattersByIds(db: Db, ids: readonly string[]): Promise<LegalMatter[]> {
  const rows = await readInChunks([...new Set(ids)], (chunk) =>
    db.selectFrom("legal_matters").selectAll().where("id", "in", chunk).execute(),
  );
  rows.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return mattersFromRows(db, rows);
}

// ---------- court orders ----------
function rowToOrder(r: CourtOrdersTable, citations: CourtOrder["citations"]): CourtOrder {
  const covers = readJson(Covers, r.covers, "order scope");
  return {
    id: r.id,
    matter: r.matter_id,
    kind: r.kind as CourtOrder["kind"],
    issued_at: r.issued_at,
    precision: r.precision as Precision,
    ...(r.issued_latest ? { issued_latest: r.issued_latest } : {}),
    tz: r.tz,
    oral: r.oral === 1,
    covers: { people: covers.people, class_definition: covers.class_definition },
    bars: readJson(Bars, r.bars, "order bars"),
    requires: und(r.requires),
    deadline_at: und(r.deadline_at),
    summary: r.summary,
    citations,
  };
}

export async function saveOrder(
  db: Db,
  o: Omit<CourtOrder, "citations">,
  citations: CourtOrder["citations"],
) {
  const row = {
    matter_id: o.matter,
    kind: o.kind,
    issued_at: o.issued_at,
    precision: o.precision ?? "minute",
    issued_latest: nul(o.issued_latest),
    tz: o.tz,
    oral: o.oral ? 1 : 0,
    covers: toJson(o.covers),
    bars: toJson(o.bars),
    requires: nul(o.requires),
    deadline_at: nul(o.deadline_at),
    summary: o.summary,
  };
  await db
    .insertInto("court_orders")
    .values({ id: o.id, ...row })
    .onConflict((oc) => oc.column("id").doUpdateSet(row))
    .execute();
  await db.deleteFrom("order_people").where("order_id", "=", o.id).execute();
  if (o.covers.people.length) {
    await db
      .insertInto("order_people")
      .values(o.covers.people.map((person_id) => ({ order_id: o.id, person_id })))
      .execute();
  }
  await replaceCitations(db, "order", o.id, citations);
  await putSearchDoc(db, "order", o.id, `${o.kind} ${o.issued_at.slice(0, 10)}`, o.summary);
}

async function ordersFromRows(db: Db, rows: CourtOrdersTable[]): Promise<CourtOrder[]> {
  const cites = await citationsFor(
    db,
    "order",
    rows.map((r) => r.id),
  );
  return rows.map((r) => rowToOrder(r, cites.get(r.id) ?? []));
}

/** What listOrders and listOrderStubs select by. */
type OrderFilter = {
  matter?: string;
  people?: readonly string[];
  /** Orders covering anyone whose id lies in [first, last]: a range scan, no list of ids to bind. */
  peopleRange?: IdSpan;
  /**
   * Only orders the public could see (services/scope.ts scopeOrders decides; this narrows what it reads):
   * its matter names a public person, and it covers one or no one.
   */
  publicCandidates?: boolean;
};

/** The orders of a filter, by date issued then id; undefined when it can match none. */
function ordersWhere(db: Db, f: OrderFilter) {
  let q = db.selectFrom("court_orders as o").orderBy("o.issued_at").orderBy("o.id");
  if (f.matter) q = q.where("o.matter_id", "=", f.matter);
  if (f.publicCandidates)
    q = q.where(({ and, or, not, exists, selectFrom }) =>
      and([
        namesPublicPerson("o.matter_id"),
        or([
          not(
            exists(selectFrom("order_people as n").select("n.order_id").whereRef("n.order_id", "=", "o.id")),
          ),
          exists(
            selectFrom("order_people as op")
              .innerJoin("people as p", "p.id", "op.person_id")
              .select("op.person_id")
              .whereRef("op.order_id", "=", "o.id")
              .where("p.is_public", "=", 1),
          ),
        ]),
      ]),
    );
  const range = f.peopleRange;
  if (range) {
    const covering = db
      .selectFrom("order_people")
      .select("order_id")
      .where("person_id", ">=", range.first)
      .where("person_id", "<=", range.last);
    // PostgreSQL planned `IN (…)` as a hash join over every order (a sequential scan of court_orders for
    // each batch of a full evaluation: 0.38 ms a round trip at 1,833 orders); as an array of the few ids
    // the range covers, it looks each one up by its key (0.17 ms). SQLite looks them up either way.
    q =
      engineOf(db) === "postgres"
        ? q.where(sql<SqlBool>`o.id = ANY(ARRAY(${covering}))`)
        : q.where("o.id", "in", covering);
  }
  if (f.people) {
    const people = [...f.people];
    if (!people.length) return undefined;
    q = q.where("o.id", "in", (eb) =>
      eb.selectFrom("order_people").select("order_id").where("person_id", "in", people),
    );
  }
  return q;
}

export async function listOrders(db: Db, f: OrderFilter = {}): Promise<CourtOrder[]> {
  const q = ordersWhere(db, f);
  return q ? ordersFromRows(db, await q.selectAll("o").execute()) : [];
}

/** What deciding whether a viewer may see an order reads of it: its matter and the people it covers. */
export type OrderStub = Pick<CourtOrder, "id" | "matter" | "covers">;

/** listOrders, reading of each order only what its visibility is decided by (no text, no citations). */
export async function listOrderStubs(db: Db, f: OrderFilter = {}): Promise<OrderStub[]> {
  const q = ordersWhere(db, f);
  if (!q) return [];
  const rows = await q.select(["o.id", "o.matter_id", "o.covers"]).execute();
  return rows.map((r) => {
    const covers = readJson(Covers, r.covers, "order scope");
    return {
      id: r.id,
      matter: r.matter_id,
      covers: { people: covers.people, class_definition: covers.class_definition },
    };
  });
}

export async function findOrderById(db: Db, id: string): Promise<CourtOrder | undefined> {
  return (await findOrdersByIds(db, [id]))[0];
}

/** The court orders of these ids that exist, in id order. */
export async function findOrdersByIds(db: Db, ids: readonly string[]): Promise<CourtOrder[]> {
  const rows = await readInChunks([...new Set(ids)], (chunk) =>
    db.selectFrom("court_orders").selectAll().where("id", "in", chunk).execute(),
  );
  rows.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return ordersFromRows(db, rows);
}

/** These court orders, in the order given (read at once); NOT_FOUND names the first id with none. */
export async function getOrders(db: Db, ids: readonly string[]): Promise<CourtOrder[]> {
  const found = new Map((await findOrdersByIds(db, ids)).map((o) => [o.id, o]));
  return ids.map((id) => {
    const o = found.get(id);
    if (!o) throw new AppError("NOT_FOUND", `no court order with id ${id}`);
    return o;
  });
}

// ---------- claims ----------
export async function saveClaim(db: Db, c: Omit<Claim, "citations">, citations: Claim["citations"]) {
  const row = { subject: c.subject, predicate: c.predicate, value: c.value, unit: nul(c.unit) };
  await db
    .insertInto("claims")
    .values({ id: c.id, ...row })
    .onConflict((oc) => oc.column("id").doUpdateSet(row))
    .execute();
  await replaceCitations(db, "claim", c.id, citations);
  await putSearchDoc(db, "claim", c.id, c.subject, `${c.predicate} ${c.value} ${c.unit ?? ""}`);
}

export async function listClaims(db: Db): Promise<Claim[]> {
  const rows = await db
    .selectFrom("claims")
    .selectAll()
    .orderBy("subject")
    .orderBy("predicate")
    .orderBy("value")
    .execute();
  const cites = await citationsFor(
    db,
    "claim",
    rows.map((r) => r.id),
  );
  return rows.map((r) => ({
    id: r.id,
    subject: r.subject,
    predicate: r.predicate,
    value: r.value,
    unit: und(r.unit),
    citations: cites.get(r.id) ?? [],
  }));
}
