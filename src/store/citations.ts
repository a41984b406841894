// Links between facts and the sources that support them.
import { sql } from "kysely";
import type { Citation } from "../domain/model.ts";
import type { Db } from "./db.ts";
import { nul, und } from "./json.ts";

export type SubjectKind = "person" | "event" | "facility" | "matter" | "order" | "claim";

export async function replaceCitations(
  db: Db,
  kind: SubjectKind,
  id: string,
  citations: readonly Citation[],
) {
  await db.deleteFrom("citations").where("subject_kind", "=", kind).where("subject_id", "=", id).execute();
  if (!citations.length) return;
  await db
    .insertInto("citations")
    .values(
      citations.map((c) => ({
        subject_kind: kind,
        subject_id: id,
        source_id: c.source,
        field: nul(c.field),
        quote: nul(c.quote),
      })),
    )
    .execute();
}

export async function addCitation(db: Db, kind: SubjectKind, id: string, c: Citation) {
  await db
    .insertInto("citations")
    .values({
      subject_kind: kind,
      subject_id: id,
      source_id: c.source,
      field: nul(c.field),
      quote: nul(c.quote),
    })
    .execute();
}

/** Citations of many subjects of one kind, keyed by subject id (ids chunked to stay under bind limits). */
export async function citationsFor(
  db: Db,
  kind: SubjectKind,
  ids: readonly string[],
): Promise<Map<string, Citation[]>> {
  const out = new Map<string, Citation[]>();
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500);
    const rows = await db
      .selectFrom("citations")
      .select(["subject_id", "source_id", "field", "quote"])
      .where("subject_kind", "=", kind)
      .where("subject_id", "in", chunk)
      .orderBy("id")
      .execute();
    for (const r of rows) {
      const list = out.get(r.subject_id) ?? [];
      const c: Citation = { source: r.source_id };
      if (r.field !== null) c.field = und(r.field);
      if (r.quote !== null) c.quote = und(r.quote);
      list.push(c);
      out.set(r.subject_id, list);
    }
  }
  return out;
}

function collect(
  rows: { subject_id: string; source_id: string; field: string | null; quote: string | null }[],
) {
  const out = new Map<string, Citation[]>();
  for (const r of rows) {
    const c: Citation = { source: r.source_id };
    if (r.field !== null) c.field = r.field;
    if (r.quote !== null) c.quote = r.quote;
    const list = out.get(r.subject_id);
    if (list) list.push(c);
    else out.set(r.subject_id, [c]);
  }
  return out;
}

/** Citations of every subject of one kind whose id lies in [first, last]: one index range scan. */
export async function citationsInRange(db: Db, kind: SubjectKind, first: string, last: string) {
  const rows = await db
    .selectFrom("citations")
    .select(["subject_id", "source_id", "field", "quote"])
    .where("subject_kind", "=", kind)
    .where("subject_id", ">=", first)
    .where("subject_id", "<=", last)
    .orderBy("id")
    .execute();
  return collect(rows);
}

/** Citations of the events of everyone whose person id lies in [first, last], keyed by event id. */
export async function eventCitationsOfPeopleInRange(db: Db, first: string, last: string) {
  // IN (subquery), not a join: SQLite then walks the events range and looks each one's citations up,
  // where a join let it scan every event citation in the store for each batch.
  const rows = await db
    .selectFrom("citations")
    .select(["subject_id", "source_id", "field", "quote"])
    .where("subject_kind", "=", "event")
    .where("subject_id", "in", (eb) =>
      eb
        .selectFrom("events")
        .select("events.id")
        .where("person_id", ">=", first)
        .where("person_id", "<=", last),
    )
    .orderBy("id")
    .execute();
  return collect(rows);
}

/**
 * For each source, the people whose records cite it: their own record, their events, and the matters and
 * orders that name them. What decides who may read an unpublished source and whose names its title must hide.
 */
export async function peopleCitingSources(
  db: Db,
  sourceIds: readonly string[],
): Promise<Map<string, Set<string>>> {
  const out = new Map<string, Set<string>>();
  const add = (s: string, p: string) => {
    const set = out.get(s) ?? new Set<string>();
    set.add(p);
    out.set(s, set);
  };
  for (let i = 0; i < sourceIds.length; i += 500) {
    const chunk = sourceIds.slice(i, i + 500);
    const [direct, events, matters, orders] = await Promise.all([
      db
        .selectFrom("citations")
        .select(["source_id", "subject_id as person"])
        .where("subject_kind", "=", "person")
        .where("source_id", "in", chunk)
        .execute(),
      db
        .selectFrom("citations")
        .innerJoin("events", "events.id", "citations.subject_id")
        .select(["citations.source_id", "events.person_id as person"])
        .where("citations.subject_kind", "=", "event")
        .where("citations.source_id", "in", chunk)
        .execute(),
      db
        .selectFrom("citations")
        .innerJoin("matter_people", "matter_people.matter_id", "citations.subject_id")
        .select(["citations.source_id", "matter_people.person_id as person"])
        .where("citations.subject_kind", "=", "matter")
        .where("citations.source_id", "in", chunk)
        .execute(),
      db
        .selectFrom("citations")
        .innerJoin("order_people", "order_people.order_id", "citations.subject_id")
        .select(["citations.source_id", "order_people.person_id as person"])
        .where("citations.subject_kind", "=", "order")
        .where("citations.source_id", "in", chunk)
        .execute(),
    ]);
    for (const r of [...direct, ...events, ...matters, ...orders]) add(r.source_id, r.person);
  }
  return out;
}

/**
 * The names (full name and aliases) of the people who did not consent to publication among `people` and
 * everyone whose record cites one of `sourceIds` — directly, through their events, or through the matters
 * and orders that name them. Names only: no person is read whole (a source cited by 100,000 records is).
 */
export async function privatePeopleNames(
  db: Db,
  refs: { people: readonly string[]; sources: readonly string[] },
): Promise<string[]> {
  const rows: { full_name: string; aliases: string | null }[] = [];
  const privateOnes = () =>
    db.selectFrom("people").select(["full_name", "aliases"]).distinct().where("is_public", "=", 0);
  for (let i = 0; i < refs.people.length; i += 500)
    rows.push(
      ...(await privateOnes()
        .where("id", "in", refs.people.slice(i, i + 500))
        .execute()),
    );
  for (let i = 0; i < refs.sources.length; i += 500) {
    const chunk = refs.sources.slice(i, i + 500);
    rows.push(
      ...(await privateOnes()
        .where((eb) =>
          eb.or([
            eb(
              "id",
              "in",
              eb
                .selectFrom("citations")
                .select("subject_id")
                .where("subject_kind", "=", "person")
                .where("source_id", "in", chunk),
            ),
            eb(
              "id",
              "in",
              eb
                .selectFrom("citations")
                .innerJoin("events", "events.id", "citations.subject_id")
                .select("events.person_id")
                .where("citations.subject_kind", "=", "event")
                .where("citations.source_id", "in", chunk),
            ),
            eb(
              "id",
              "in",
              eb
                .selectFrom("citations")
                .innerJoin("matter_people", "matter_people.matter_id", "citations.subject_id")
                .select("matter_people.person_id")
                .where("citations.subject_kind", "=", "matter")
                .where("citations.source_id", "in", chunk),
            ),
            eb(
              "id",
              "in",
              eb
                .selectFrom("citations")
                .innerJoin("order_people", "order_people.order_id", "citations.subject_id")
                .select("order_people.person_id")
                .where("citations.subject_kind", "=", "order")
                .where("citations.source_id", "in", chunk),
            ),
          ]),
        )
        .execute()),
    );
  }
  const names = new Set<string>();
  for (const r of rows) {
    names.add(r.full_name);
    for (const a of r.aliases ? (JSON.parse(r.aliases) as unknown[]) : [])
      if (typeof a === "string") names.add(a);
  }
  return [...names];
}

/**
 * For each source: whether a person's record cites it (directly, through their events, or through a matter or
 * an order that names them), and whether one of those people is public (consented: people.is_public, the
 * stored form of isPublic). Each answer stops at the first record that decides it, however many cite the
 * source — what the public's visibility of a published source turns on (services/scope.ts).
 */
export async function sourceCiters(
  db: Db,
  sourceIds: readonly string[],
): Promise<Map<string, { cited: boolean; publicCiter: boolean }>> {
  const out = new Map<string, { cited: boolean; publicCiter: boolean }>();
  for (const id of new Set(sourceIds)) {
    const citers = (publicOnly: boolean) =>
      sql<{ hit: number }>`SELECT 1 AS hit WHERE EXISTS (
        SELECT 1 FROM citations c JOIN people p ON p.id = c.subject_id
        WHERE c.source_id = ${id} AND c.subject_kind = 'person' ${publicOnly ? sql`AND p.is_public = 1` : sql``})
      OR EXISTS (
        SELECT 1 FROM citations c JOIN events e ON e.id = c.subject_id JOIN people p ON p.id = e.person_id
        WHERE c.source_id = ${id} AND c.subject_kind = 'event' ${publicOnly ? sql`AND p.is_public = 1` : sql``})
      OR EXISTS (
        SELECT 1 FROM citations c JOIN matter_people m ON m.matter_id = c.subject_id JOIN people p ON p.id = m.person_id
        WHERE c.source_id = ${id} AND c.subject_kind = 'matter' ${publicOnly ? sql`AND p.is_public = 1` : sql``})
      OR EXISTS (
        SELECT 1 FROM citations c JOIN order_people o ON o.order_id = c.subject_id JOIN people p ON p.id = o.person_id
        WHERE c.source_id = ${id} AND c.subject_kind = 'order' ${publicOnly ? sql`AND p.is_public = 1` : sql``})`
        .execute(db)
        .then((r) => r.rows.length > 0);
    const [cited, publicCiter] = await Promise.all([citers(false), citers(true)]);
    out.set(id, { cited, publicCiter });
  }
  return out;
}
