// Accounts, sessions, lockouts, family case codes, the audit hash chain; and restricted person fields
// moved into one encrypted column (plaintext from older databases is sealed here, then its columns dropped).
import { createHmac } from "node:crypto";
import { type Kysely, sql } from "kysely";
import { keySourceOf, seal } from "../cipher.ts";

const LEGACY = ["birth_date", "birth_date_precision", "a_number", "notes"] as const;

// biome-ignore lint/suspicious/noExplicitAny: migrations run before the typed schema exists.
export async function up(db: Kysely<any>): Promise<void> {
  for (const s of [
    sql`CREATE TABLE users (
      id TEXT PRIMARY KEY, username TEXT NOT NULL, password_hash TEXT NOT NULL, role TEXT NOT NULL, team TEXT,
      disabled INTEGER NOT NULL DEFAULT 0, created_at TEXT NOT NULL, updated_at TEXT NOT NULL,
      password_changed_at TEXT NOT NULL, last_login_at TEXT)`,
    sql`CREATE TABLE sessions (
      token_hash TEXT PRIMARY KEY, user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      created_at TEXT NOT NULL, expires_at TEXT NOT NULL, last_seen_at TEXT NOT NULL)`,
    sql`CREATE INDEX sessions_user ON sessions (user_id)`,
    sql`CREATE TABLE throttle (
      key TEXT PRIMARY KEY, failures INTEGER NOT NULL, window_start TEXT NOT NULL, locked_until TEXT,
      lockouts INTEGER NOT NULL DEFAULT 0)`,
    sql`CREATE TABLE family_codes (
      code_hash TEXT PRIMARY KEY, person_id TEXT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
      pass_hash TEXT NOT NULL, created_by TEXT NOT NULL, created_at TEXT NOT NULL, revoked_at TEXT,
      last_used_at TEXT)`,
    sql`CREATE INDEX family_codes_person ON family_codes (person_id)`,
    sql`CREATE TABLE audit_log (
      seq BIGINT PRIMARY KEY, at TEXT NOT NULL, actor TEXT NOT NULL, role TEXT NOT NULL, action TEXT NOT NULL,
      subject TEXT NOT NULL, detail TEXT NOT NULL, prev_hash TEXT NOT NULL, hash TEXT NOT NULL)`,
    sql`ALTER TABLE people ADD COLUMN sealed TEXT`,
    sql`ALTER TABLE people ADD COLUMN a_number_index TEXT`,
    sql`CREATE INDEX people_a_number_index ON people (a_number_index)`,
  ])
    await s.execute(db);

  // Databases from before encryption: seal what they hold in the clear, then drop the clear columns.
  const rows = await sql<Record<string, string | null> & { id: string }>`
    SELECT id, birth_date, birth_date_precision, a_number, notes FROM people
    WHERE birth_date IS NOT NULL OR birth_date_precision IS NOT NULL OR a_number IS NOT NULL OR notes IS NOT NULL`.execute(
    db,
  );
  if (rows.rows.length) {
    const ring = keySourceOf(db).forWrite();
    for (const r of rows.rows) {
      const fields = Object.fromEntries(LEGACY.flatMap((k) => (r[k] == null ? [] : [[k, r[k]]])));
      const digits = (r.a_number ?? "").replace(/\D/g, "").replace(/^0+/, "");
      const index = digits
        ? createHmac("sha256", ring.current.index).update(`a_number\0${digits}`).digest("hex")
        : null;
      await sql`UPDATE people SET sealed = ${seal(ring, JSON.stringify(fields), `people.sealed:${r.id}`)},
        a_number_index = ${index} WHERE id = ${r.id}`.execute(db);
    }
  }
  for (const c of LEGACY) await sql`ALTER TABLE people DROP COLUMN ${sql.ref(c)}`.execute(db);
}
