// The facility registry beyond the catalog row: address and court-map placement, name variants with their
// source, officials named in petitions, and petition drafts.
import { type Selectable, sql } from "kysely";
import type { Placement, PlacementStatus } from "../domain/jurisdiction.ts";
import type { Db } from "./db.ts";
import { nul, und } from "./json.ts";
import type { OfficialsTable, PetitionDraftsTable } from "./schema.ts";
import { deleteSearchDoc } from "./search.ts";

export type FacilityAlias = { alias: string; source: string };
export type FacilityPlace = {
  address?: string;
  zip?: string;
  placement?: Placement;
  head?: { name?: string; title?: string };
};

/** Address, ZIP and placement of one facility; only the given parts change. */
export async function saveFacilityPlace(db: Db, id: string, p: FacilityPlace): Promise<void> {
  const set: Record<string, string | null> = {};
  if (p.address !== undefined) set.address = p.address;
  if (p.zip !== undefined) set.zip = p.zip;
  if (p.head) {
    set.head_name = nul(p.head.name);
    set.head_title = nul(p.head.title);
  }
  if (p.placement) {
    const pl = p.placement;
    Object.assign(set, {
      county_fips: nul(pl.county),
      county_name: nul(pl.countyName),
      district_id: nul(pl.district),
      division: nul(pl.division),
      placement_status: pl.status,
      placement_basis: pl.basis,
      placement_note: nul(pl.note),
    });
  }
  if (Object.keys(set).length) await db.updateTable("facilities").set(set).where("id", "=", id).execute();
}

/** The court-map placement of many facilities, one statement for up to 500 (UPDATE … FROM a VALUES list). */
export async function savePlacements(db: Db, placed: readonly { id: string; placement: Placement }[]) {
  for (let i = 0; i < placed.length; i += 500) {
    const values = placed
      .slice(i, i + 500)
      .map(({ id, placement: p }) => [
        id,
        nul(p.county),
        nul(p.countyName),
        nul(p.district),
        nul(p.division),
        p.status,
        p.basis,
        nul(p.note),
      ]);
    await sql`UPDATE facilities SET county_fips = v.column2, county_name = v.column3, district_id = v.column4,
      division = v.column5, placement_status = v.column6, placement_basis = v.column7, placement_note = v.column8
      FROM (VALUES ${sql.join(values.map((row) => sql`(${sql.join(row)})`))}) AS v
      WHERE facilities.id = v.column1`.execute(db);
  }
}

export async function findFacilityPlaces(
  db: Db,
  ids: readonly string[],
): Promise<Map<string, FacilityPlace>> {
  if (!ids.length) return new Map();
  const rows = await db
    .selectFrom("facilities")
    .select([
      "id",
      "address",
      "zip",
      "county_fips",
      "county_name",
      "district_id",
      "division",
      "placement_status",
      "placement_basis",
      "placement_note",
      "head_name",
      "head_title",
    ])
    .where("id", "in", [...ids])
    .execute();
  return new Map(
    rows.map((r) => [
      r.id,
      {
        address: und(r.address),
        zip: und(r.zip),
        placement: r.placement_status
          ? {
              status: r.placement_status as PlacementStatus,
              county: und(r.county_fips),
              countyName: und(r.county_name),
              district: und(r.district_id),
              division: und(r.division),
              basis: r.placement_basis ?? "",
              note: und(r.placement_note),
            }
          : undefined,
        head: r.head_name || r.head_title ? { name: und(r.head_name), title: und(r.head_title) } : undefined,
      },
    ]),
  );
}

/** Ids of facilities whose placement says "review" or "unknown" (or was never computed), by name. */
export async function listFacilitiesForReview(db: Db): Promise<string[]> {
  const rows = await db
    .selectFrom("facilities")
    .select("id")
    .where((eb) =>
      eb.or([eb("placement_status", "in", ["review", "unknown"]), eb("placement_status", "is", null)]),
    )
    .orderBy("name")
    .execute();
  return rows.map((r) => r.id);
}

/** Adds name variants (ignoring ones already recorded from the same source). */
export async function addFacilityAliases(
  db: Db,
  id: string,
  aliases: readonly (FacilityAlias & { key: string })[],
): Promise<void> {
  await addAliasesOfFacilities(
    db,
    aliases.map((a) => ({ ...a, facility: id })),
  );
}

/** Name variants of many facilities at once (an import registers hundreds): up to 1,000 a statement. */
export async function addAliasesOfFacilities(
  db: Db,
  aliases: readonly (FacilityAlias & { key: string; facility: string })[],
): Promise<void> {
  for (let i = 0; i < aliases.length; i += 1000)
    await db
      .insertInto("facility_aliases")
      .values(
        aliases
          .slice(i, i + 1000)
          .map((a) => ({ facility_id: a.facility, alias: a.alias, alias_key: a.key, source: a.source })),
      )
      .onConflict((oc) => oc.doNothing())
      .execute();
}

export async function listFacilityAliases(db: Db, ids?: readonly string[]) {
  let q = db.selectFrom("facility_aliases").selectAll().orderBy("facility_id").orderBy("alias");
  if (ids) {
    if (!ids.length) return [];
    q = q.where("facility_id", "in", [...ids]);
  }
  return q.execute();
}

// ---------- officials ----------
export type OfficialRow = Selectable<OfficialsTable>;

export async function listOfficialRows(db: Db): Promise<OfficialRow[]> {
  return db.selectFrom("officials").selectAll().orderBy("role").orderBy("since").execute();
}

export async function saveOfficialRow(db: Db, o: OfficialRow): Promise<void> {
  const { id, ...rest } = o;
  await db
    .insertInto("officials")
    .values(o)
    .onConflict((oc) => oc.column("id").doUpdateSet(rest))
    .execute();
}

// ---------- petition drafts ----------
export type DraftRow = Selectable<PetitionDraftsTable>;

export async function insertDraft(db: Db, d: DraftRow): Promise<void> {
  await db.insertInto("petition_drafts").values(d).execute();
}

export async function listDrafts(db: Db, personIds: readonly string[]): Promise<DraftRow[]> {
  if (!personIds.length) return [];
  return db
    .selectFrom("petition_drafts")
    .selectAll()
    .where("person_id", "in", [...personIds])
    .orderBy("created_at")
    .orderBy("id")
    .execute();
}

export async function findDraft(db: Db, id: string): Promise<DraftRow | undefined> {
  return db.selectFrom("petition_drafts").selectAll().where("id", "=", id).executeTakeFirst();
}

export async function markDraftFiled(
  db: Db,
  id: string,
  f: { filed_on: string; filed_court: string; docket_number: string; matter_id: string },
): Promise<void> {
  await db.updateTable("petition_drafts").set(f).where("id", "=", id).execute();
}

/**
 * Folds one registry entry into another that is the same place: events, drafts, citations and name
 * variants point at `keep`, and `gone` is deleted. The caller saves `keep`'s merged fields.
 */
export async function moveFacilityReferences(db: Db, keep: string, gone: string): Promise<void> {
  await db.updateTable("events").set({ facility_id: keep }).where("facility_id", "=", gone).execute();
  await db
    .updateTable("petition_drafts")
    .set({ facility_id: keep })
    .where("facility_id", "=", gone)
    .execute();
  await db
    .updateTable("citations")
    .set({ subject_id: keep })
    .where("subject_kind", "=", "facility")
    .where("subject_id", "=", gone)
    .execute();
  const aliases = await db
    .selectFrom("facility_aliases")
    .selectAll()
    .where("facility_id", "=", gone)
    .execute();
  if (aliases.length)
    await db
      .insertInto("facility_aliases")
      .values(aliases.map((a) => ({ ...a, facility_id: keep })))
      .onConflict((oc) => oc.doNothing())
      .execute();
  await db.deleteFrom("facility_aliases").where("facility_id", "=", gone).execute();
  await deleteSearchDoc(db, "facility", gone);
  await db.deleteFrom("facilities").where("id", "=", gone).execute();
}

/** People with a petition draft not marked filed. */
export async function listPeopleWithOpenDrafts(db: Db): Promise<string[]> {
  const rows = await db
    .selectFrom("petition_drafts")
    .select("person_id")
    .distinct()
    .where("filed_on", "is", null)
    .execute();
  return rows.map((r) => r.person_id);
}
