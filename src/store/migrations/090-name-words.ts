// The words of every person's names (full name and aliases), folded, one row a word and person: what tells the
// public projection whether a word of a title or a caption names someone who did not consent, one index probe
// a word, instead of reading the names of everyone a widely cited source touches (95,000 at national scale).
// Filled here, with the one word rule (domain/names.ts nameWords), so no store is opened with the table and
// without its rows; idempotent, so a run cut short (SQLite runs migrations outside a transaction) is simply
// run again. Kept in step by store/search.ts indexNames and store/bulk.ts.
import { type Kysely, sql } from "kysely";
import { nameWordsOf } from "../../domain/names.ts";

// biome-ignore lint/suspicious/noExplicitAny: migrations run before the typed schema exists.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`CREATE TABLE IF NOT EXISTS name_words (word TEXT NOT NULL,
    person_id TEXT NOT NULL REFERENCES people(id) ON DELETE CASCADE, PRIMARY KEY (word, person_id))`.execute(
    db,
  );
  await sql`CREATE INDEX IF NOT EXISTS name_words_person ON name_words (person_id)`.execute(db);
  await sql`DELETE FROM name_words`.execute(db);
  let after = "";
  for (;;) {
    const people: { id: string; full_name: string; aliases: string }[] = await db
      .selectFrom("people")
      .select(["id", "full_name", "aliases"])
      .where("id", ">", after)
      .orderBy("id")
      .limit(5000)
      .execute();
    const last = people.at(-1);
    if (!last) break;
    const rows: { word: string; person_id: string }[] = [];
    for (const p of people) {
      let aliases: unknown = [];
      try {
        aliases = JSON.parse(p.aliases);
      } catch {}
      const names = [p.full_name, ...(Array.isArray(aliases) ? aliases : [])].filter(
        (n) => typeof n === "string",
      );
      for (const word of nameWordsOf(names)) rows.push({ word, person_id: p.id });
    }
    for (let i = 0; i < rows.length; i += 2000)
      await db
        .insertInto("name_words")
        .values(rows.slice(i, i + 2000))
        .execute();
    after = last.id;
  }
}
