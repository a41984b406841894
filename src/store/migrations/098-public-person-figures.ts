// Each public person's dashboard figures — their newest event, their latest custody event, the facilities
// their events name — kept in `public_person_figures` by triggers on `events` and on `people.is_public`
// (store/public-figures.ts says what is kept and why). Triggers named `keep_…` are set aside by a bulk load,
// which writes the rows of the people it loaded itself (store/bulk.ts, through figuresSelectSql below: the
// triggers and the loads count alike). What is kept is frozen here, as a migration must be: a later change to
// it makes the rows and the triggers again in a migration of its own (store/public-figures.test.ts fails when
// domain/custody.ts's custody types and the list below part).
import { type Kysely, sql } from "kysely";
import { type Engine, isPostgres } from "../dialect.ts";

/** domain/custody.ts CUSTODY_EVENT_TYPES when this migration was written. */
export const KEPT_CUSTODY_TYPES = [
  "ARREST",
  "DETENTION_START",
  "TRANSFER",
  "REMOVAL",
  "FOREIGN_CUSTODY",
  "RETURN",
  "RELEASE",
] as const;
const CUSTODY = KEPT_CUSTODY_TYPES.map((t) => `'${t}'`).join(", ");

/** (type, facility, country) of an event `e`, as one JSON text. */
export const custodyKeySql = (engine: Engine): string =>
  engine === "postgres"
    ? "json_build_array(e.type, e.facility_id, e.country)::text"
    : "json_array(e.type, e.facility_id, e.country)";

/** The newest custody event of person `p`, its column `what` (domain/custody.ts's order: at DESC, id DESC). */
const latestCustody = (what: string) =>
  `(SELECT ${what} FROM events e WHERE e.person_id = p.id AND e.type IN (${CUSTODY})
     ORDER BY e.at DESC, e.id DESC LIMIT 1)`;

export const FIGURES_COLUMNS = "person_id, newest_at, custody_at, custody, facilities";

/**
 * The SELECT of public people's figures, one row for each public person `p` with events, in
 * public_person_figures' columns; it ends in a WHERE, which the caller narrows with `AND p.id …`.
 */
export function figuresSelectSql(engine: Engine): string {
  const facilities =
    engine === "postgres"
      ? "(SELECT json_agg(DISTINCT e.facility_id)::text FROM events e WHERE e.person_id = p.id AND e.facility_id IS NOT NULL)"
      : "(SELECT json_group_array(DISTINCT e.facility_id) FROM events e WHERE e.person_id = p.id AND e.facility_id IS NOT NULL)";
  return `SELECT p.id, (SELECT max(e.at) FROM events e WHERE e.person_id = p.id),
      ${latestCustody("e.at")}, ${latestCustody(custodyKeySql(engine))}, ${facilities}
    FROM people p
    WHERE p.is_public = 1 AND EXISTS (SELECT 1 FROM events e WHERE e.person_id = p.id)`;
}

const TABLE = `CREATE TABLE public_person_figures (
  person_id TEXT PRIMARY KEY REFERENCES people(id) ON DELETE CASCADE,
  newest_at TEXT NOT NULL,
  custody_at TEXT,
  custody TEXT,
  facilities TEXT
)`;
const NEWEST = "CREATE INDEX public_person_figures_newest ON public_person_figures (newest_at, person_id)";

/** The statements that write person `who`'s row again (SQLite: a trigger's body). */
const sqliteRefresh = (who: string) =>
  `DELETE FROM public_person_figures WHERE person_id = ${who};
   INSERT INTO public_person_figures (${FIGURES_COLUMNS}) ${figuresSelectSql("sqlite")} AND p.id = ${who};`;

const SQLITE = [
  `${TABLE} WITHOUT ROWID`,
  NEWEST,
  `CREATE TRIGGER keep_public_person_figures_on_insert AFTER INSERT ON events
   BEGIN ${sqliteRefresh("NEW.person_id")} END`,
  `CREATE TRIGGER keep_public_person_figures_on_delete AFTER DELETE ON events
   BEGIN ${sqliteRefresh("OLD.person_id")} END`,
  `CREATE TRIGGER keep_public_person_figures_on_update AFTER UPDATE OF id, person_id, type, at, facility_id, country ON events
   BEGIN ${sqliteRefresh("OLD.person_id")} ${sqliteRefresh("NEW.person_id")} END`,
  `CREATE TRIGGER keep_public_person_figures_on_publish AFTER UPDATE OF is_public ON people
   WHEN OLD.is_public IS NOT NEW.is_public
   BEGIN ${sqliteRefresh("NEW.id")} END`,
];

// On PostgreSQL two writers may add events of one person at once: each takes the person's row (FOR NO KEY
// UPDATE, which the events' own foreign-key check, FOR KEY SHARE, does not block) before it reads the events,
// and each statement of a function reads what was committed when it began (READ COMMITTED), so the second
// counts the first's event once it has waited for it. A bulk load says so for its transaction (SET LOCAL
// habeas.bulk_load = 'on', as for migration 097) and writes the rows itself.
const BULK = `coalesce(current_setting('habeas.bulk_load', true), '') = 'on'`;
const POSTGRES = [
  TABLE,
  NEWEST,
  `CREATE FUNCTION keep_public_person_figures_of(who TEXT) RETURNS void LANGUAGE plpgsql AS $$
   BEGIN
     PERFORM 1 FROM people WHERE id = who FOR NO KEY UPDATE;
     DELETE FROM public_person_figures WHERE person_id = who;
     INSERT INTO public_person_figures (${FIGURES_COLUMNS}) ${figuresSelectSql("postgres")} AND p.id = who;
   END $$`,
  `CREATE FUNCTION keep_public_person_figures() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN
     IF ${BULK} THEN RETURN NULL; END IF;
     IF TG_TABLE_NAME = 'people' THEN
       PERFORM keep_public_person_figures_of(NEW.id);
       RETURN NULL;
     END IF;
     IF TG_OP <> 'INSERT' THEN PERFORM keep_public_person_figures_of(OLD.person_id); END IF;
     IF TG_OP = 'INSERT' OR (TG_OP = 'UPDATE' AND NEW.person_id IS DISTINCT FROM OLD.person_id) THEN
       PERFORM keep_public_person_figures_of(NEW.person_id);
     END IF;
     RETURN NULL;
   END $$`,
  `CREATE TRIGGER keep_public_person_figures AFTER INSERT OR DELETE
     OR UPDATE OF id, person_id, type, at, facility_id, country ON events
   FOR EACH ROW EXECUTE FUNCTION keep_public_person_figures()`,
  `CREATE TRIGGER keep_public_person_figures_on_publish AFTER UPDATE OF is_public ON people
   FOR EACH ROW WHEN (OLD.is_public IS DISTINCT FROM NEW.is_public)
   EXECUTE FUNCTION keep_public_person_figures()`,
];

// biome-ignore lint/suspicious/noExplicitAny: migrations run before the typed schema exists.
export async function up(db: Kysely<any>): Promise<void> {
  const engine: Engine = isPostgres(db) ? "postgres" : "sqlite";
  for (const s of engine === "postgres" ? POSTGRES : SQLITE) await sql.raw(s).execute(db);
  await sql
    .raw(`INSERT INTO public_person_figures (${FIGURES_COLUMNS}) ${figuresSelectSql(engine)}`)
    .execute(db);
}
