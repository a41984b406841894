// The case record: people, events, facilities, legal matters, orders, sources, claims, search.
import { type Kysely, sql } from "kysely";
import { isPostgres } from "../dialect.ts";

const common = (blob: string, serial: string) => [
  `CREATE TABLE people (
    id TEXT PRIMARY KEY, kind TEXT NOT NULL, full_name TEXT NOT NULL, given_names TEXT, first_surname TEXT,
    second_surname TEXT, aliases TEXT NOT NULL DEFAULT '[]', group_size INTEGER, group_definition TEXT,
    birth_date TEXT, birth_date_precision TEXT, nationalities TEXT NOT NULL DEFAULT '[]',
    citizenship_status TEXT NOT NULL, citizenship_evidence TEXT, a_number TEXT, languages TEXT NOT NULL DEFAULT '[]',
    protections TEXT NOT NULL DEFAULT '[]', consent TEXT NOT NULL DEFAULT '{}', is_public INTEGER NOT NULL DEFAULT 0,
    summary TEXT, notes TEXT, team TEXT, search_name TEXT NOT NULL, created_at TEXT NOT NULL, updated_at TEXT NOT NULL)`,
  "CREATE INDEX people_public ON people (is_public, full_name)",
  `CREATE TABLE facilities (
    id TEXT PRIMARY KEY, name TEXT NOT NULL, aliases TEXT NOT NULL DEFAULT '[]', kind TEXT NOT NULL,
    country TEXT NOT NULL, state TEXT, city TEXT, operator TEXT, capacity INTEGER, codes TEXT NOT NULL DEFAULT '{}',
    detloc TEXT, summary TEXT)`,
  "CREATE UNIQUE INDEX facilities_detloc ON facilities (detloc)",
  `CREATE TABLE legal_matters (
    id TEXT PRIMARY KEY, caption TEXT NOT NULL, court TEXT NOT NULL, docket_number TEXT, judge TEXT,
    parties TEXT NOT NULL DEFAULT '[]', class_definition TEXT, filed_on TEXT, decided_on TEXT, status TEXT, summary TEXT)`,
  `CREATE TABLE matter_people (
    matter_id TEXT NOT NULL REFERENCES legal_matters(id) ON DELETE CASCADE,
    person_id TEXT NOT NULL REFERENCES people(id) ON DELETE CASCADE, PRIMARY KEY (matter_id, person_id))`,
  "CREATE INDEX matter_people_person ON matter_people (person_id)",
  `CREATE TABLE events (
    id TEXT PRIMARY KEY, person_id TEXT NOT NULL REFERENCES people(id) ON DELETE CASCADE, type TEXT NOT NULL,
    at TEXT NOT NULL, precision TEXT NOT NULL, tz TEXT NOT NULL,
    facility_id TEXT REFERENCES facilities(id), place TEXT, country TEXT,
    matter_id TEXT REFERENCES legal_matters(id), summary TEXT NOT NULL, details TEXT NOT NULL DEFAULT '{}',
    created_at TEXT NOT NULL, updated_at TEXT NOT NULL)`,
  "CREATE INDEX events_person_at ON events (person_id, at)",
  "CREATE INDEX events_type_at ON events (type, at)",
  "CREATE INDEX events_facility ON events (facility_id)",
  `CREATE TABLE court_orders (
    id TEXT PRIMARY KEY, matter_id TEXT NOT NULL REFERENCES legal_matters(id) ON DELETE CASCADE, kind TEXT NOT NULL,
    issued_at TEXT NOT NULL, precision TEXT NOT NULL, tz TEXT NOT NULL, oral INTEGER NOT NULL DEFAULT 0,
    covers TEXT NOT NULL DEFAULT '{}', bars TEXT NOT NULL DEFAULT '[]', requires TEXT, deadline_at TEXT,
    summary TEXT NOT NULL)`,
  "CREATE INDEX court_orders_matter ON court_orders (matter_id, issued_at)",
  `CREATE TABLE order_people (
    order_id TEXT NOT NULL REFERENCES court_orders(id) ON DELETE CASCADE,
    person_id TEXT NOT NULL REFERENCES people(id) ON DELETE CASCADE, PRIMARY KEY (order_id, person_id))`,
  "CREATE INDEX order_people_person ON order_people (person_id)",
  `CREATE TABLE sources (
    id TEXT PRIMARY KEY, publisher TEXT NOT NULL, url TEXT, title TEXT NOT NULL, published_on TEXT,
    captured_at TEXT, capture_sha256 TEXT, reliability TEXT NOT NULL, kind TEXT NOT NULL)`,
  "CREATE INDEX sources_sha ON sources (capture_sha256)",
  `CREATE TABLE captures (
    sha256 TEXT PRIMARY KEY, media_type TEXT NOT NULL, file_name TEXT, bytes ${blob} NOT NULL, text TEXT,
    captured_at TEXT NOT NULL)`,
  `CREATE TABLE citations (
    id ${serial}, subject_kind TEXT NOT NULL, subject_id TEXT NOT NULL,
    source_id TEXT NOT NULL REFERENCES sources(id), field TEXT, quote TEXT)`,
  "CREATE INDEX citations_subject ON citations (subject_kind, subject_id)",
  "CREATE INDEX citations_source ON citations (source_id)",
  `CREATE TABLE claims (id TEXT PRIMARY KEY, subject TEXT NOT NULL, predicate TEXT NOT NULL, value TEXT NOT NULL,
    unit TEXT)`,
  "CREATE INDEX claims_subject ON claims (subject, predicate)",
  `CREATE TABLE facility_population (
    facility_code TEXT NOT NULL, date TEXT NOT NULL, n_detained INTEGER NOT NULL, n_detained_at_midnight INTEGER,
    n_male INTEGER, n_female INTEGER, n_convicted_criminal INTEGER, n_possibly_under_18 INTEGER, facility_name TEXT,
    PRIMARY KEY (facility_code, date))`,
  `CREATE TABLE import_runs (
    id ${serial}, kind TEXT NOT NULL, file TEXT NOT NULL, started_at TEXT NOT NULL, finished_at TEXT,
    rows INTEGER NOT NULL DEFAULT 0, bad_rows INTEGER NOT NULL DEFAULT 0, status TEXT NOT NULL)`,
];

const SQLITE = [
  ...common("BLOB", "INTEGER PRIMARY KEY AUTOINCREMENT"),
  `CREATE TABLE name_trigrams (trigram TEXT NOT NULL, person_id TEXT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    PRIMARY KEY (trigram, person_id)) WITHOUT ROWID`,
  "CREATE INDEX name_trigrams_person ON name_trigrams (person_id)",
  // remove_diacritics 2 folds accents so "Ábrego" and "Abrego" match.
  `CREATE VIRTUAL TABLE search_docs USING fts5(kind UNINDEXED, ref UNINDEXED, title, body,
    tokenize = 'unicode61 remove_diacritics 2')`,
];

const POSTGRES = [
  "CREATE EXTENSION IF NOT EXISTS pg_trgm",
  "CREATE EXTENSION IF NOT EXISTS unaccent",
  ...common("BYTEA", "BIGSERIAL PRIMARY KEY"),
  // Unused on PostgreSQL (pg_trgm indexes people.search_name), kept so both engines share one schema.
  "CREATE TABLE name_trigrams (trigram TEXT NOT NULL, person_id TEXT NOT NULL, PRIMARY KEY (trigram, person_id))",
  "CREATE INDEX people_search_trgm ON people USING gist (search_name gist_trgm_ops)",
  `CREATE TABLE search_docs (kind TEXT NOT NULL, ref TEXT NOT NULL, title TEXT NOT NULL, body TEXT NOT NULL,
    tsv tsvector, PRIMARY KEY (kind, ref))`,
  "CREATE INDEX search_docs_tsv ON search_docs USING gin (tsv)",
  // English and Spanish stems of the unaccented text, so either language's query finds it.
  `CREATE FUNCTION search_docs_tsv() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN
     NEW.tsv := to_tsvector('english', unaccent(NEW.title || ' ' || NEW.body))
             || to_tsvector('spanish', unaccent(NEW.title || ' ' || NEW.body));
     RETURN NEW;
   END $$`,
  `CREATE TRIGGER search_docs_tsv BEFORE INSERT OR UPDATE ON search_docs
   FOR EACH ROW EXECUTE FUNCTION search_docs_tsv()`,
];

// biome-ignore lint/suspicious/noExplicitAny: migrations run before the typed schema exists.
export async function up(db: Kysely<any>): Promise<void> {
  const statements = isPostgres(db) ? POSTGRES : SQLITE;
  for (const s of statements) await sql.raw(s).execute(db);
}
