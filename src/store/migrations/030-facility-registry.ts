// The facility registry's place on the court map (address, county, district, review flag), name variants
// with their source, officials named in petitions, and petition drafts with their filing.
import { type Kysely, sql } from "kysely";

const FACILITY_COLUMNS = [
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
];

// biome-ignore lint/suspicious/noExplicitAny: migrations run before the typed schema exists.
export async function up(db: Kysely<any>): Promise<void> {
  for (const c of FACILITY_COLUMNS)
    await sql`ALTER TABLE facilities ADD COLUMN ${sql.raw(c)} TEXT`.execute(db);
  await sql`CREATE INDEX facilities_placement ON facilities (placement_status)`.execute(db);
  // The national daily total sums every facility's day: a covering index keeps it off the table.
  await sql`CREATE INDEX facility_population_date ON facility_population (date, n_detained)`.execute(db);
  await sql`CREATE TABLE facility_aliases (
    facility_id TEXT NOT NULL REFERENCES facilities(id) ON DELETE CASCADE, alias TEXT NOT NULL,
    alias_key TEXT NOT NULL, source TEXT NOT NULL, PRIMARY KEY (facility_id, alias_key, source))`.execute(db);
  await sql`CREATE INDEX facility_aliases_key ON facility_aliases (alias_key)`.execute(db);
  await sql`CREATE TABLE officials (
    id TEXT PRIMARY KEY, role TEXT NOT NULL, aor TEXT, title TEXT NOT NULL, name TEXT,
    since TEXT NOT NULL, until TEXT, source TEXT, updated_at TEXT NOT NULL)`.execute(db);
  await sql`CREATE TABLE petition_drafts (
    id TEXT PRIMARY KEY, person_id TEXT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    created_at TEXT NOT NULL, created_by TEXT, facility_id TEXT, district_id TEXT, court TEXT NOT NULL,
    next_friend TEXT, filed_on TEXT, filed_court TEXT, docket_number TEXT, matter_id TEXT)`.execute(db);
  await sql`CREATE INDEX petition_drafts_person ON petition_drafts (person_id, created_at)`.execute(db);
}
