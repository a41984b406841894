// People: the record of who was taken, with the names that find them.

import { type ExpressionBuilder, sql } from "kysely";
import { z } from "zod";
import { AppError } from "../domain/errors.ts";
import {
  CITIZENSHIP_STATUSES,
  ConsentSchema,
  type JudgedPerson,
  type Person,
  type PersonData,
  ProtectionSchema,
  RESTRICTED_PERSON_FIELDS,
  type RestrictedPersonField,
} from "../domain/model.ts";
import { foldName } from "../domain/names.ts";
import { isPublic } from "../domain/policy.ts";
import { PrecisionSchema } from "../domain/time.ts";
import { readInChunks } from "./chunks.ts";
import { blindIndex, blindIndexes, type Keyring, keySourceOf, open, seal } from "./cipher.ts";
import { citationsFor, replaceCitations } from "./citations.ts";
import type { Db } from "./db.ts";
import { nul, readJson, toJson, und } from "./json.ts";
import type { DB, PeopleTable } from "./schema.ts";
import { indexNames, putSearchDoc } from "./search.ts";
import { ofTeamOrNone } from "./team-scope.ts";

const Strings = z.array(z.string()).default([]);
const Protections = z.array(ProtectionSchema).default([]);

// The restricted fields as they are sealed: every value a string, checked again when opened.
const Sealed = z
  .object({
    birth_date: z.string(),
    birth_date_precision: PrecisionSchema,
    stated_age: z.string().regex(/^\d{1,3}$/),
    age_reported_on: z.string(),
    a_number: z.string(),
    notes: z.string(),
    home_address: z.string(),
    family_contacts: z.string(),
    medical_notes: z.string(),
  } satisfies Record<RestrictedPersonField, z.ZodType>)
  .partial();
type SealedFields = z.infer<typeof Sealed>;

const sealContext = (id: string) => `people.sealed:${id}`;

/** Digits of an A-number as compared: "A012-345-678" and "12345678" are the same number. */
export function aNumberDigits(a: string): string {
  return a.replace(/\D/g, "").replace(/^0+/, "");
}

function restrictedOf(p: Partial<PersonData>): SealedFields {
  const out: Record<string, string> = {};
  for (const k of RESTRICTED_PERSON_FIELDS) {
    const v = p[k];
    if (typeof v === "string" && v !== "") out[k] = v;
    else if (typeof v === "number") out[k] = String(v);
  }
  return out as SealedFields;
}

function openSealed(db: Db, r: Pick<PeopleTable, "id" | "sealed">): SealedFields {
  if (r.sealed == null) return {};
  const text = open(keySourceOf(db).forRead(), r.sealed, sealContext(r.id));
  return readJson(Sealed, text, "restricted fields");
}

/** A JSON list of strings: the common case checked by hand (a whole-record read has 300,000), else zod. */
function readStrings(text: string | null, what: string): string[] {
  if (text) {
    try {
      const v: unknown = JSON.parse(text);
      if (Array.isArray(v) && v.every((x) => typeof x === "string")) return v;
    } catch {}
  }
  return readJson(Strings, text, what);
}

/** A person as stored, its restricted fields opened (a wrong key or a changed byte fails the read). */
function rowToPerson(db: Db, r: PeopleTable, citations: Person["citations"]): Person {
  const { created_at, updated_at, ...fields } = rowToJudgedPerson(db, r);
  return { ...fields, citations, created_at, updated_at };
}

/** What a person's row holds of what the rules judge: not the search columns, nor whether it is public. */
const JUDGED_COLUMNS = [
  "id",
  "kind",
  "full_name",
  "given_names",
  "first_surname",
  "second_surname",
  "aliases",
  "group_size",
  "group_definition",
  "nationalities",
  "citizenship_status",
  "citizenship_evidence",
  "languages",
  "protections",
  "consent",
  "summary",
  "team",
  "created_at",
  "updated_at",
  "sealed",
] as const satisfies readonly (keyof PeopleTable)[];
type JudgedRow = Pick<PeopleTable, (typeof JUDGED_COLUMNS)[number]>;

// A stored person's restricted fields are read through accessors that every person shares: each opens the
// seal once, through the function kept under SEALED (not enumerable, so a copy carries the values, not it).
// Getters written into each person's object literal made every person a dictionary-mode object (V8 gives an
// object literal with getters no hidden class), and every field the rules read of one a hash lookup: two
// workers over 100,000 people took 3.13–3.50 s with them and 2.89–3.03 s with these (docs/BENCHMARKS.md).
const SEALED = Symbol("restricted fields");
type Unsealer = { [SEALED]: () => SealedFields };
const SEALED_ACCESSORS: PropertyDescriptorMap = Object.fromEntries(
  RESTRICTED_PERSON_FIELDS.map((k) => [
    k,
    {
      get(this: Unsealer) {
        const v = this[SEALED]()[k];
        return k === "stated_age" && v !== undefined ? Number(v) : v;
      },
      enumerable: true,
      configurable: true,
    },
  ]),
);

/**
 * The same without the citations: what the rules read (domain/model.ts JudgedPerson). Its restricted fields
 * are opened when first read, once for all of them: of the rules only R16 reads any (a birth date or a stated
 * age, for people removed under the AEA), and opening a seal was ~1 s of a whole-record evaluation
 * (docs/BENCHMARKS.md). A copy ({...p}, rowToPerson) reads them all, as an eager read would. The keyring is
 * checked when the store opens (store/keys.ts checkKeyring); a changed byte fails where the fields are read.
 */
function rowToJudgedPerson(db: Db, r: JudgedRow): JudgedPerson {
  const p = {
    id: r.id,
    kind: r.kind as Person["kind"],
    full_name: r.full_name,
    given_names: und(r.given_names),
    first_surname: und(r.first_surname),
    second_surname: und(r.second_surname),
    aliases: readStrings(r.aliases, "aliases"),
    group_size: und(r.group_size),
    group_definition: und(r.group_definition),
    nationalities: readStrings(r.nationalities, "nationalities"),
    citizenship_status: (CITIZENSHIP_STATUSES as readonly string[]).includes(r.citizenship_status)
      ? (r.citizenship_status as Person["citizenship_status"])
      : "unknown",
    citizenship_evidence: und(r.citizenship_evidence),
    languages: readStrings(r.languages, "languages"),
    protections: readJson(Protections, r.protections, "protections"),
    consent: readJson(ConsentSchema, r.consent, "consent"),
    summary: und(r.summary),
    team: und(r.team),
    created_at: r.created_at,
    updated_at: r.updated_at,
  };
  let opened: SealedFields | undefined;
  Object.defineProperty(p, SEALED, {
    value: () => {
      opened ??= openSealed(db, r);
      return opened;
    },
  });
  // The restricted fields come last in the person's keys (in a copy, and in what redact() presents).
  return Object.defineProperties(p, SEALED_ACCESSORS) as typeof p & Pick<JudgedPerson, RestrictedPersonField>;
}

/**
 * The stored row of a person (without created_at): savePerson and the bulk writer store the same.
 * Restricted fields are sealed under `ring` (the store's current key); without one, a person with any
 * restricted field is refused rather than written in the clear.
 */
export function toRow(
  id: string,
  p: PersonData,
  now: string,
  ring?: Keyring,
): Omit<PeopleTable, "created_at"> {
  const restricted = restrictedOf(p);
  const any = Object.keys(restricted).length > 0;
  if (any && !ring)
    throw new AppError("INTERNAL", "restricted fields can only be stored with the store's key");
  const digits = restricted.a_number ? aNumberDigits(restricted.a_number) : "";
  return {
    id,
    kind: p.kind,
    full_name: p.full_name,
    given_names: nul(p.given_names),
    first_surname: nul(p.first_surname),
    second_surname: nul(p.second_surname),
    aliases: toJson(p.aliases),
    group_size: nul(p.group_size),
    group_definition: nul(p.group_definition),
    nationalities: toJson(p.nationalities),
    citizenship_status: p.citizenship_status,
    citizenship_evidence: nul(p.citizenship_evidence),
    languages: toJson(p.languages),
    protections: toJson(p.protections),
    consent: toJson(p.consent),
    is_public: isPublic(p) ? 1 : 0,
    summary: nul(p.summary),
    team: nul(p.team),
    search_name: [p.full_name, ...p.aliases].map(foldName).join(" | "),
    sealed: any && ring ? seal(ring, JSON.stringify(restricted), sealContext(id)) : null,
    a_number_index: digits && ring ? blindIndex(ring.current, "a_number", digits) : null,
    updated_at: now,
  };
}

/** Inserts or replaces a person with their citations and search entries. */
export async function savePerson(db: Db, id: string, p: PersonData): Promise<void> {
  const now = new Date().toISOString();
  const hasRestricted = Object.keys(restrictedOf(p)).length > 0;
  const row = toRow(id, p, now, hasRestricted ? keySourceOf(db).forWrite() : undefined);
  await db
    .insertInto("people")
    .values({ ...row, created_at: now })
    .onConflict((oc) => oc.column("id").doUpdateSet(row))
    .execute();
  await replaceCitations(db, "person", id, p.sources);
  await indexNames(db, id, [p.full_name, ...p.aliases]);
  await putSearchDoc(db, "person", id, p.full_name, [...p.aliases, p.summary ?? ""].join("\n"));
}

export async function findPersonById(db: Db, id: string): Promise<Person | undefined> {
  const row = await db.selectFrom("people").selectAll().where("id", "=", id).executeTakeFirst();
  if (!row) return undefined;
  const cites = await citationsFor(db, "person", [id]);
  return rowToPerson(db, row, cites.get(id) ?? []);
}

export async function findPeopleByIds(db: Db, ids: readonly string[]): Promise<Person[]> {
  if (!ids.length) return [];
  // The citations by the ids asked for, beside the rows (on PostgreSQL, one round trip instead of two in a row):
  // an id with no person has none.
  const [rows, cites] = await Promise.all([rowsByIds(db, ids), citationsFor(db, "person", ids)]);
  const byId = new Map(rows.map((r) => [r.id, rowToPerson(db, r, cites.get(r.id) ?? [])]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

/**
 * What visibility is decided by (services/scope.ts accessTo) for each of these people, and nothing else: no
 * restricted field is opened and no citation read (a source cited by 100,000 records asks this of them all).
 */
export async function scopeFieldsOf(
  db: Db,
  ids: readonly string[],
): Promise<Pick<Person, "id" | "consent" | "team">[]> {
  const rows = await readInChunks([...new Set(ids)], (chunk) =>
    db.selectFrom("people").select(["id", "consent", "team"]).where("id", "in", chunk).execute(),
  );
  return rows.map((r) => ({
    id: r.id,
    consent: readJson(ConsentSchema, r.consent, "consent"),
    team: und(r.team),
  }));
}

/** The next `limit` people in id order after `after` (keyset paging, up to `upTo`), as the rules read them. */
export async function listPeopleAfter(
  db: Db,
  after: string,
  limit: number,
  upTo?: string,
): Promise<JudgedPerson[]> {
  let q = db.selectFrom("people").select(JUDGED_COLUMNS).where("id", ">", after);
  if (upTo !== undefined) q = q.where("id", "<=", upTo);
  const rows = await q.orderBy("id").limit(limit).execute();
  return rows.map((r) => rowToJudgedPerson(db, r));
}

/** The stored rows of these people, in no particular order. */
function rowsByIds(db: Db, ids: readonly string[]) {
  return readInChunks(ids, (chunk) => db.selectFrom("people").selectAll().where("id", "in", chunk).execute());
}

/** People by id as the rules read them (no citations: one statement); an id with no person is left out. */
export async function findJudgedPeople(db: Db, ids: readonly string[]): Promise<JudgedPerson[]> {
  if (!ids.length) return [];
  const byId = new Map((await rowsByIds(db, ids)).map((r) => [r.id, rowToJudgedPerson(db, r)]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

/**
 * The id of every `every`-th person in id order (the `every`-th, the 2·`every`-th, …): cut there, the people
 * fall into runs of `every` (the last shorter). One statement, whatever the number of cuts.
 */
export async function peopleCuts(db: Db, every: number): Promise<string[]> {
  const numbered = db.selectFrom("people").select((eb) => [
    "id",
    eb.fn
      .agg<number>("row_number")
      .over((o) => o.orderBy("id"))
      .as("n"),
  ]);
  const rows = await db
    .selectFrom(numbered.as("p"))
    .select("p.id")
    .where(sql<number>`p.n % ${every}`, "=", 0)
    .orderBy("p.id")
    .execute();
  return rows.map((r) => r.id);
}

export type PeopleFilter = {
  publicOnly?: boolean;
  /**
   * Only people a staff member of this team (null: of no team) might see: public ones, those of no team and
   * those of the team. It narrows what is read, so a page is not filled with other teams' records to be
   * dropped; services/scope.ts still decides.
   */
  sharedWith?: string | null;
  limit?: number;
  offset?: number;
  kind?: string;
};

/** The people a filter keeps (PeopleFilter), as a condition of a query over `people`. */
function kept(f: PeopleFilter) {
  return (eb: ExpressionBuilder<DB, "people">) => {
    const team = f.sharedWith;
    return eb.and([
      ...(f.publicOnly ? [eb("is_public", "=", 1)] : []),
      ...(team === undefined ? [] : [ofTeamOrNone("people", team, true)]),
      ...(f.kind ? [eb("kind", "=", f.kind)] : []),
    ]);
  };
}

export async function listPeople(db: Db, f: PeopleFilter = {}): Promise<Person[]> {
  const ids = await db
    .selectFrom("people")
    .select("id")
    .where(kept(f))
    .orderBy("kind", "desc")
    .orderBy("full_name")
    .orderBy("id")
    .limit(f.limit ?? 100)
    .offset(f.offset ?? 0)
    .execute();
  return findPeopleByIds(
    db,
    ids.map((r) => r.id),
  );
}

/** How many people the filter keeps (its limit and offset aside): the whole of what listPeople pages through. */
export async function countPeople(db: Db, f: PeopleFilter = {}): Promise<number> {
  const r = await db
    .selectFrom("people")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where(kept(f))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/**
 * Ids of people whose full name is exactly `name`, ignoring case (ASCII case on SQLite), through the
 * expression index on lower(full_name): the exact lookup an official locator offers, without a scan.
 */
export async function findPeopleByExactName(db: Db, name: string, limit = 5): Promise<string[]> {
  const rows = await db
    .selectFrom("people")
    .select("id")
    .where(sql`lower(full_name)`, "=", sql`lower(${name})`)
    .orderBy("id")
    .limit(limit)
    .execute();
  return rows.map((r) => r.id);
}

/** Ids of people whose A-number has these digits (compared through the blind index, under every key). */
export async function findPeopleByANumber(db: Db, aNumber: string): Promise<string[]> {
  const digits = aNumberDigits(aNumber);
  if (!/^\d{7,9}$/.test(digits)) return [];
  let ring: Keyring;
  try {
    ring = keySourceOf(db).forRead();
  } catch {
    return []; // no key yet: nothing restricted has ever been stored
  }
  const rows = await db
    .selectFrom("people")
    .select("id")
    .where("a_number_index", "in", blindIndexes(ring, "a_number", digits))
    .orderBy("id")
    .execute();
  return rows.map((r) => r.id);
}

/**
 * Re-encrypts every person's restricted fields from the keys in `from` to the current key of `to`, and
 * recomputes the blind indexes. Returns how many rows were re-sealed.
 */
export async function resealPeople(db: Db, from: Keyring, to: Keyring): Promise<number> {
  let n = 0;
  let after = "";
  for (;;) {
    const rows = await db
      .selectFrom("people")
      .select(["id", "sealed"])
      .where("sealed", "is not", null)
      .where("id", ">", after)
      .orderBy("id")
      .limit(1000)
      .execute();
    const last = rows.at(-1);
    if (!last) return n;
    for (const r of rows) {
      const fields = readJson(Sealed, open(from, r.sealed as string, sealContext(r.id)), "restricted fields");
      const digits = fields.a_number ? aNumberDigits(fields.a_number) : "";
      await db
        .updateTable("people")
        .set({
          sealed: seal(to, JSON.stringify(fields), sealContext(r.id)),
          a_number_index: digits ? blindIndex(to.current, "a_number", digits) : null,
        })
        .where("id", "=", r.id)
        .execute();
      n++;
    }
    after = last.id;
  }
}

/** Key ids the sealed people rows use, with counts (to check a rotation finished). */
export async function sealedKeyIds(db: Db): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  let after = "";
  for (;;) {
    const rows = await db
      .selectFrom("people")
      .select(["id", "sealed"])
      .where("sealed", "is not", null)
      .where("id", ">", after)
      .orderBy("id")
      .limit(5000)
      .execute();
    const last = rows.at(-1);
    if (!last) return out;
    for (const r of rows) {
      const kid = (r.sealed ?? "").split(".")[1] ?? "?";
      out.set(kid, (out.get(kid) ?? 0) + 1);
    }
    after = last.id;
  }
}
