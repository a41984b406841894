// Links between facts and the sources that support them.
import { type Expression, type ExpressionBuilder, type RawBuilder, type SqlBool, sql } from "kysely";
import type { Citation } from "../domain/model.ts";
import { readInChunks } from "./chunks.ts";
import type { Db } from "./db.ts";
import { nul, und } from "./json.ts";
import type { DB } from "./schema.ts";

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

/**
 * Citation rows of the events of the people `whose` picks (a condition on the events). IN (subquery), not a
 * join: SQLite then walks those people's events and looks each one's citations up, where a join let it scan
 * every event citation in the store.
 */
function eventCitationRows(db: Db, whose: (eb: ExpressionBuilder<DB, "events">) => Expression<SqlBool>) {
  return db
    .selectFrom("citations")
    .select(["subject_id", "source_id", "field", "quote"])
    .where("subject_kind", "=", "event")
    .where("subject_id", "in", (eb) => eb.selectFrom("events").select("events.id").where(whose))
    .orderBy("id")
    .execute();
}

/** Citations of the events of everyone whose person id lies in [first, last], keyed by event id. */
export async function eventCitationsOfPeopleInRange(db: Db, first: string, last: string) {
  return collect(
    await eventCitationRows(db, (eb) => eb.and([eb("person_id", ">=", first), eb("person_id", "<=", last)])),
  );
}

/** Citations of the events of these people, keyed by event id: one statement per 500 people, not per 500 events. */
export async function eventCitationsOfPeople(db: Db, people: readonly string[]) {
  return collect(
    await readInChunks(people, (chunk) => eventCitationRows(db, (eb) => eb("person_id", "in", chunk))),
  );
}

/**
 * The ways a person's record cites a source, as (source_id, person) rows: their own record, their events, and
 * the matters and orders that name them. The one definition of "cited about a person", for the queries below.
 * With `of` (an outer query's person id column), each path is limited to that person: a correlated
 * subquery that looks up one person's citations by index instead of listing everyone a source touches.
 */
function citationPaths(db: Db, sources: readonly string[] | { column: string }, of?: string) {
  // The sources by id, or (`column`: an outer query's source id column) the one source of each outer row.
  const cites = () =>
    "column" in sources
      ? db.selectFrom("citations").where(sql<SqlBool>`citations.source_id = ${sql.ref(sources.column)}`)
      : db.selectFrom("citations").where("citations.source_id", "in", sources);
  const paths = [
    cites()
      .select(["citations.source_id", "citations.subject_id as person"])
      .where("citations.subject_kind", "=", "person"),
    cites()
      .innerJoin("events", "events.id", "citations.subject_id")
      .select(["citations.source_id", "events.person_id as person"])
      .where("citations.subject_kind", "=", "event"),
    cites()
      .innerJoin("matter_people", "matter_people.matter_id", "citations.subject_id")
      .select(["citations.source_id", "matter_people.person_id as person"])
      .where("citations.subject_kind", "=", "matter"),
    cites()
      .innerJoin("order_people", "order_people.order_id", "citations.subject_id")
      .select(["citations.source_id", "order_people.person_id as person"])
      .where("citations.subject_kind", "=", "order"),
  ];
  if (!of) return paths;
  const person = [
    "citations.subject_id",
    "events.person_id",
    "matter_people.person_id",
    "order_people.person_id",
  ];
  return paths.map((q, i) => q.where(sql<SqlBool>`${sql.ref(person[i] ?? "")} = ${sql.ref(of)}`));
}

/**
 * For each source, the people whose records cite it (citationPaths). What decides who may read an
 * unpublished source.
 */
export async function peopleCitingSources(
  db: Db,
  sourceIds: readonly string[],
): Promise<Map<string, Set<string>>> {
  const out = new Map<string, Set<string>>();
  for (let i = 0; i < sourceIds.length; i += 500) {
    const found = await Promise.all(citationPaths(db, sourceIds.slice(i, i + 500)).map((q) => q.execute()));
    for (const r of found.flat()) {
      const set = out.get(r.source_id);
      if (set) set.add(r.person);
      else out.set(r.source_id, new Set([r.person]));
    }
  }
  return out;
}

/**
 * Which of `words` (folded: domain/names.ts nameWords) are words of a name (full name or alias) of someone who
 * did not consent among `people` and everyone whose record cites one of `sourceIds` (citationPaths). One
 * probe of the name-word index a word, stopping at the first such person: what it costs depends on the words
 * asked about, not on how many people the sources touch (every record, for a widely cited report).
 */
export async function privateNameWords(
  db: Db,
  refs: { people: readonly string[]; sources: readonly string[]; words: readonly string[] },
): Promise<Set<string>> {
  const found = new Set<string>();
  const probe = async (linked: (person: string) => RawBuilder<SqlBool>) => {
    const left = [...new Set(refs.words)].filter((w) => !found.has(w));
    for (let i = 0; i < left.length; i += 500) {
      const values = sql.join(left.slice(i, i + 500).map((w) => sql`(${w})`));
      const { rows } = await sql<{ word: string }>`
        SELECT v.column1 AS word FROM (VALUES ${values}) AS v
        WHERE EXISTS (SELECT 1 FROM name_words w JOIN people p ON p.id = w.person_id
          WHERE w.word = v.column1 AND p.is_public = 0 AND (${linked("p.id")}))`.execute(db);
      for (const r of rows) found.add(r.word);
    }
  };
  for (let i = 0; i < refs.people.length; i += 500) {
    const chunk = refs.people.slice(i, i + 500);
    await probe((person) => sql<SqlBool>`${sql.ref(person)} IN (${sql.join(chunk)})`);
  }
  for (let i = 0; i < refs.sources.length; i += 500) {
    const sources = refs.sources.slice(i, i + 500);
    await probe(
      (person) =>
        sql<SqlBool>`${sql.join(
          citationPaths(db, sources, person).map((q) => sql`EXISTS ${q}`),
          sql` OR `,
        )}`,
    );
  }
  return found;
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
  // One statement for 500 sources, each answered by its own correlated probes (no list of everyone a source
  // touches); it was two statements a source, each built and compiled anew.
  const citers = (publicOnly: boolean) =>
    sql<SqlBool>`(${sql.join(
      citationPaths(db, { column: "s.id" }).map(
        (q) =>
          sql`EXISTS ${db
            .selectFrom(q.as("c"))
            .innerJoin("people", "people.id", "c.person")
            .select(sql.lit(1).as("one"))
            .$if(publicOnly, (w) => w.where("people.is_public", "=", 1))}`,
      ),
      sql` OR `,
    )})`;
  const rows = await readInChunks([...new Set(sourceIds)], (chunk) =>
    db
      .selectFrom("sources as s")
      .select(["s.id", citers(false).as("cited"), citers(true).as("public_citer")])
      .where("s.id", "in", chunk)
      .execute(),
  );
  const out = new Map<string, { cited: boolean; publicCiter: boolean }>();
  for (const id of sourceIds) out.set(id, { cited: false, publicCiter: false });
  for (const r of rows) out.set(r.id, { cited: Boolean(r.cited), publicCiter: Boolean(r.public_citer) });
  return out;
}
