// Reads and writes behind the deadlines view: who may have a deadline, case assignments, calendar feeds.
import type { Db } from "./db.ts";
import type { CalendarFeedsTable } from "./schema.ts";

/**
 * The people who may have a deadline: a stored deadline finding, a hearing set after `now`, or no stored
 * findings at all (never evaluated, e.g. just imported) — the rules decide for each of them.
 */
export async function peopleWithDeadlines(db: Db, now: string): Promise<string[]> {
  const [stored, hearings, unevaluated] = await Promise.all([
    db.selectFrom("findings").select("person_id").distinct().where("severity", "=", "deadline").execute(),
    db
      .selectFrom("events")
      .select("person_id")
      .distinct()
      .where("type", "=", "HEARING")
      .where("at", ">", now)
      .execute(),
    db
      .selectFrom("people")
      .select("id as person_id")
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(selectFrom("findings").select("person_id").whereRef("findings.person_id", "=", "people.id")),
        ),
      )
      .execute(),
  ]);
  return [...new Set([...stored, ...hearings, ...unevaluated].map((r) => r.person_id))].sort();
}

export async function assign(db: Db, personId: string, userId: string, by: string, at: string) {
  await db
    .insertInto("assignments")
    .values({ person_id: personId, user_id: userId, assigned_by: by, assigned_at: at })
    .onConflict((oc) => oc.columns(["person_id", "user_id"]).doNothing())
    .execute();
}

export async function unassign(db: Db, personId: string, userId: string): Promise<boolean> {
  const r = await db
    .deleteFrom("assignments")
    .where("person_id", "=", personId)
    .where("user_id", "=", userId)
    .executeTakeFirst();
  return Number(r.numDeletedRows ?? 0) > 0;
}

/** Who each of these people is assigned to (user ids in name order). */
export async function assigneesOf(db: Db, personIds: readonly string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  for (let i = 0; i < personIds.length; i += 500) {
    const rows = await db
      .selectFrom("assignments")
      .select(["person_id", "user_id"])
      .where("person_id", "in", personIds.slice(i, i + 500))
      .orderBy("user_id")
      .execute();
    for (const r of rows) {
      const list = out.get(r.person_id);
      if (list) list.push(r.user_id);
      else out.set(r.person_id, [r.user_id]);
    }
  }
  return out;
}

export async function peopleAssignedTo(db: Db, userId: string): Promise<string[]> {
  const rows = await db
    .selectFrom("assignments")
    .select("person_id")
    .where("user_id", "=", userId)
    .orderBy("assigned_at", "desc")
    .execute();
  return rows.map((r) => r.person_id);
}

export async function saveCalendarFeed(db: Db, feed: Omit<CalendarFeedsTable, "last_read_at">) {
  await db.deleteFrom("calendar_feeds").where("user_id", "=", feed.user_id).execute();
  await db
    .insertInto("calendar_feeds")
    .values({ ...feed, last_read_at: null })
    .execute();
}

export async function findCalendarFeed(db: Db, userId: string): Promise<CalendarFeedsTable | undefined> {
  return db.selectFrom("calendar_feeds").selectAll().where("user_id", "=", userId).executeTakeFirst();
}

export async function findCalendarFeedByHash(db: Db, tokenHash: string) {
  return db.selectFrom("calendar_feeds").selectAll().where("token_hash", "=", tokenHash).executeTakeFirst();
}

export async function updateCalendarFeed(
  db: Db,
  userId: string,
  set: Partial<Pick<CalendarFeedsTable, "names" | "last_read_at">>,
) {
  await db.updateTable("calendar_feeds").set(set).where("user_id", "=", userId).execute();
}
