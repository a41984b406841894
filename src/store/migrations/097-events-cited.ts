// Whether any source supports an event, kept on the event (`events.cited`, 1 or 0) by the database itself:
// triggers on `citations` (the fact's one owner) set it when an event's first citation is written and clear
// it when its last one goes, whichever path writes them (forms, review, evidence, trash, imports), and an
// event written after its citations reads them once. The rules read it with every timeline (an event no
// source supports lowers a finding's confidence); reading it through a probe of the citations index for each
// of a million events was ~70% of the whole-record evaluation's statement time on PostgreSQL
// (docs/BENCHMARKS.md). Triggers named `keep_…` keep a column from other tables: a bulk load, which writes the
// column itself, sets them aside while it loads (store/bulk.ts: the bulk writer, and withKeysBuiltAfter for a
// copy).
import { type Kysely, sql } from "kysely";
import { isPostgres } from "../dialect.ts";

const CITED = `SELECT 1 FROM citations c WHERE c.subject_kind = 'event' AND c.subject_id`;

const SQLITE = [
  `CREATE TRIGGER keep_events_cited_on_insert AFTER INSERT ON events WHEN NEW.cited = 0
   BEGIN
     UPDATE events SET cited = 1 WHERE id = NEW.id AND EXISTS (${CITED} = NEW.id);
   END`,
  `CREATE TRIGGER keep_events_cited_on_cite AFTER INSERT ON citations WHEN NEW.subject_kind = 'event'
   BEGIN
     UPDATE events SET cited = 1 WHERE id = NEW.subject_id AND cited = 0;
   END`,
  `CREATE TRIGGER keep_events_cited_on_uncite AFTER DELETE ON citations WHEN OLD.subject_kind = 'event'
   BEGIN
     UPDATE events SET cited = 0 WHERE id = OLD.subject_id AND cited = 1 AND NOT EXISTS (${CITED} = OLD.subject_id);
   END`,
  `CREATE TRIGGER keep_events_cited_on_move AFTER UPDATE OF subject_kind, subject_id ON citations
   BEGIN
     UPDATE events SET cited = 0 WHERE OLD.subject_kind = 'event' AND id = OLD.subject_id AND cited = 1
       AND NOT EXISTS (${CITED} = OLD.subject_id);
     UPDATE events SET cited = 1 WHERE NEW.subject_kind = 'event' AND id = NEW.subject_id AND cited = 0;
   END`,
];

// On PostgreSQL two writers may cite and uncite one event at once: each locks the event's row before it looks
// at the citations, and each statement of a function reads what was committed when it began (READ COMMITTED),
// so the second sees the first's citation once it has waited for it. A bulk load, which writes the column with
// its rows (store/bulk.ts), says so for its transaction (SET LOCAL habeas.bulk_load = 'on') and the triggers
// stand aside: locking each event row a citation names made generating 200,000 events 2–5× slower.
const BULK = `coalesce(current_setting('habeas.bulk_load', true), '') = 'on'`;
const POSTGRES = [
  `CREATE FUNCTION keep_events_cited_on_insert() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN
     IF NEW.cited = 0 AND NOT ${BULK} AND EXISTS (${CITED} = NEW.id) THEN NEW.cited := 1; END IF;
     RETURN NEW;
   END $$`,
  `CREATE TRIGGER keep_events_cited_on_insert BEFORE INSERT ON events
   FOR EACH ROW EXECUTE FUNCTION keep_events_cited_on_insert()`,
  `CREATE FUNCTION keep_events_cited() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN
     IF ${BULK} THEN RETURN NULL; END IF;
     IF TG_OP <> 'INSERT' THEN
       IF OLD.subject_kind = 'event' THEN
         PERFORM 1 FROM events WHERE id = OLD.subject_id FOR UPDATE;
         UPDATE events SET cited = 0 WHERE id = OLD.subject_id AND cited = 1 AND NOT EXISTS (${CITED} = OLD.subject_id);
       END IF;
     END IF;
     IF TG_OP <> 'DELETE' THEN
       IF NEW.subject_kind = 'event' THEN
         PERFORM 1 FROM events WHERE id = NEW.subject_id FOR UPDATE;
         UPDATE events SET cited = 1 WHERE id = NEW.subject_id AND cited = 0;
       END IF;
     END IF;
     RETURN NULL;
   END $$`,
  `CREATE TRIGGER keep_events_cited AFTER INSERT OR DELETE OR UPDATE OF subject_kind, subject_id ON citations
   FOR EACH ROW EXECUTE FUNCTION keep_events_cited()`,
];

// biome-ignore lint/suspicious/noExplicitAny: migrations run before the typed schema exists.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE events ADD COLUMN cited INTEGER NOT NULL DEFAULT 0`.execute(db);
  await sql`UPDATE events SET cited = 1
            WHERE id IN (SELECT subject_id FROM citations WHERE subject_kind = 'event')`.execute(db);
  for (const s of isPostgres(db) ? POSTGRES : SQLITE) await sql.raw(s).execute(db);
}
