// Court dockets: a matter's court id, nature of suit, cause and case type; every docket entry kept with
// its class, document ids and hash; and who runs an import, so a killed one can be told from a live one.
import { type Kysely, sql } from "kysely";

// biome-ignore lint/suspicious/noExplicitAny: migrations run before the typed schema exists.
export async function up(db: Kysely<any>): Promise<void> {
  for (const s of [
    sql`ALTER TABLE legal_matters ADD COLUMN court_id TEXT`,
    sql`ALTER TABLE legal_matters ADD COLUMN nature_of_suit TEXT`,
    sql`ALTER TABLE legal_matters ADD COLUMN cause TEXT`,
    sql`ALTER TABLE legal_matters ADD COLUMN case_type TEXT`,
    sql`CREATE TABLE docket_entries (
      source_id TEXT PRIMARY KEY REFERENCES sources(id) ON DELETE CASCADE,
      matter_id TEXT NOT NULL REFERENCES legal_matters(id) ON DELETE CASCADE,
      entry_key TEXT NOT NULL, entry_number TEXT, seq TEXT, date_filed TEXT, date_entered TEXT,
      description TEXT NOT NULL, class TEXT NOT NULL, order_id TEXT, pacer_doc_id TEXT,
      documents TEXT NOT NULL, sha256 TEXT NOT NULL, position INTEGER NOT NULL)`,
    sql`CREATE INDEX docket_entries_matter ON docket_entries (matter_id, position)`,
    sql`ALTER TABLE import_runs ADD COLUMN pid INTEGER`,
    sql`ALTER TABLE import_runs ADD COLUMN host TEXT`,
    sql`ALTER TABLE import_runs ADD COLUMN note TEXT`,
  ])
    await s.execute(db);
}
