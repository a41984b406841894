// People: the record of who was taken, with the names that find them.
import { z } from "zod";
import { AppError } from "../domain/errors.ts";
import {
  CITIZENSHIP_STATUSES,
  ConsentSchema,
  type Person,
  type PersonData,
  ProtectionSchema,
} from "../domain/model.ts";
import { foldName } from "../domain/names.ts";
import type { PrecisionSchema } from "../domain/time.ts";
import { citationsFor, replaceCitations } from "./citations.ts";
import type { Db } from "./db.ts";
import { nul, readJson, toJson, und } from "./json.ts";
import type { PeopleTable } from "./schema.ts";
import { indexNames, putSearchDoc } from "./search.ts";

const Strings = z.array(z.string()).default([]);
const Protections = z.array(ProtectionSchema).default([]);

function rowToPerson(r: PeopleTable, citations: Person["citations"]): Person {
  return {
    id: r.id,
    kind: r.kind as Person["kind"],
    full_name: r.full_name,
    given_names: und(r.given_names),
    first_surname: und(r.first_surname),
    second_surname: und(r.second_surname),
    aliases: readJson(Strings, r.aliases, "aliases"),
    group_size: und(r.group_size),
    group_definition: und(r.group_definition),
    birth_date: und(r.birth_date),
    birth_date_precision: und(r.birth_date_precision) as z.infer<typeof PrecisionSchema> | undefined,
    nationalities: readJson(Strings, r.nationalities, "nationalities"),
    citizenship_status: (CITIZENSHIP_STATUSES as readonly string[]).includes(r.citizenship_status)
      ? (r.citizenship_status as Person["citizenship_status"])
      : "unknown",
    citizenship_evidence: und(r.citizenship_evidence),
    a_number: und(r.a_number),
    languages: readJson(Strings, r.languages, "languages"),
    protections: readJson(Protections, r.protections, "protections"),
    consent: readJson(ConsentSchema, r.consent, "consent"),
    summary: und(r.summary),
    notes: und(r.notes),
    team: und(r.team),
    citations,
    created_at: r.created_at,
    updated_at: r.updated_at,
  };
}

export function isPublic(p: Pick<PersonData, "consent">): boolean {
  return p.consent.publish || p.consent.public_record;
}

function toRow(id: string, p: PersonData, now: string): Omit<PeopleTable, "created_at"> {
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
    birth_date: nul(p.birth_date),
    birth_date_precision: nul(p.birth_date_precision),
    nationalities: toJson(p.nationalities),
    citizenship_status: p.citizenship_status,
    citizenship_evidence: nul(p.citizenship_evidence),
    a_number: nul(p.a_number),
    languages: toJson(p.languages),
    protections: toJson(p.protections),
    consent: toJson(p.consent),
    is_public: isPublic(p) ? 1 : 0,
    summary: nul(p.summary),
    notes: nul(p.notes),
    team: nul(p.team),
    search_name: [p.full_name, ...p.aliases].map(foldName).join(" | "),
    updated_at: now,
  };
}

/** Inserts or replaces a person with their citations and search entries. */
export async function savePerson(db: Db, id: string, p: PersonData): Promise<void> {
  const now = new Date().toISOString();
  const row = toRow(id, p, now);
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
  return rowToPerson(row, cites.get(id) ?? []);
}

export async function getPerson(db: Db, id: string): Promise<Person> {
  const p = await findPersonById(db, id);
  if (!p) throw new AppError("NOT_FOUND", `no person with id ${id}`);
  return p;
}

export async function findPeopleByIds(db: Db, ids: readonly string[]): Promise<Person[]> {
  if (!ids.length) return [];
  const rows: PeopleTable[] = [];
  for (let i = 0; i < ids.length; i += 500) {
    rows.push(
      ...(await db
        .selectFrom("people")
        .selectAll()
        .where("id", "in", ids.slice(i, i + 500))
        .execute()),
    );
  }
  const cites = await citationsFor(
    db,
    "person",
    rows.map((r) => r.id),
  );
  const byId = new Map(rows.map((r) => [r.id, rowToPerson(r, cites.get(r.id) ?? [])]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

export type PeopleFilter = { publicOnly?: boolean; limit?: number; offset?: number; kind?: string };

export async function listPeople(db: Db, f: PeopleFilter = {}): Promise<Person[]> {
  let q = db.selectFrom("people").select("id").orderBy("kind", "desc").orderBy("full_name").orderBy("id");
  if (f.publicOnly) q = q.where("is_public", "=", 1);
  if (f.kind) q = q.where("kind", "=", f.kind);
  const ids = await q
    .limit(f.limit ?? 100)
    .offset(f.offset ?? 0)
    .execute();
  return findPeopleByIds(
    db,
    ids.map((r) => r.id),
  );
}

export async function countPeople(db: Db, f: PeopleFilter = {}): Promise<number> {
  let q = db.selectFrom("people").select((eb) => eb.fn.countAll<number>().as("n"));
  if (f.publicOnly) q = q.where("is_public", "=", 1);
  const r = await q.executeTakeFirstOrThrow();
  return Number(r.n);
}
