// Each user's iCalendar feed of the deadlines and hearings they may see, at a secret address. Only a hash
// of the address's token is stored; regenerating it revokes the old one; every read is audited.

import { createHash, randomBytes } from "node:crypto";
import { AppError } from "../domain/errors.ts";
import type { Role, Viewer } from "../domain/policy.ts";
import type { Database, Db } from "../store/db.ts";
import {
  findCalendarFeed,
  findCalendarFeedByHash,
  saveCalendarFeed,
  updateCalendarFeed,
} from "../store/deadlines.ts";
import { audit } from "./audit.ts";
import { authorize } from "./authorize.ts";
import { type DeadlineItem, listDeadlines } from "./deadlines.ts";
import type { Lang } from "./findings.ts";

export type CalendarFeed = { user: string; path: string; names: boolean; created_at: string };
export type CalendarStatus = { exists: boolean; names: boolean; created_at?: string; last_read_at?: string };

const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");
export const calendarPath = (token: string) => `/calendar/${token}.ics`;

async function userRow(db: Db, username: string) {
  const id = username.trim().toLowerCase();
  const u = await db.selectFrom("users").selectAll().where("id", "=", id).executeTakeFirst();
  if (!u) throw new AppError("NOT_FOUND", `no user ${id}`);
  return u;
}

/** Only the user themselves or an administrator manages a user's feed. */
function mayManage(actor: Viewer, userId: string) {
  if (actor.userId !== userId) authorize(actor, "admin", "user");
}

/**
 * Makes a user's feed and returns its address, shown this once (only its hash is kept). A feed that exists
 * is replaced only with `regenerate`, which revokes the old address.
 */
export async function issueCalendarFeed(
  db: Database,
  username: string,
  actor: Viewer,
  opts: { regenerate?: boolean } = {},
): Promise<CalendarFeed> {
  const u = await userRow(db, username);
  mayManage(actor, u.id);
  if (u.disabled) throw new AppError("CONFLICT", `user ${u.id} is disabled`);
  const existing = await findCalendarFeed(db, u.id);
  if (existing && !opts.regenerate)
    throw new AppError(
      "CONFLICT",
      `${u.id} already has a calendar feed (made ${existing.created_at}); its address was shown once: regenerate it for a new one`,
    );
  const token = randomBytes(32).toString("base64url");
  const created_at = new Date().toISOString();
  const names = existing?.names ?? 0;
  await db.transaction().execute(async (tx) => {
    await saveCalendarFeed(tx, { user_id: u.id, token_hash: hashToken(token), names, created_at });
    await audit(tx, actor, existing ? "calendar.regenerate" : "calendar.create", `user:${u.id}`);
  });
  return { user: u.id, path: calendarPath(token), names: names === 1, created_at };
}

export async function calendarStatus(db: Db, viewer: Viewer): Promise<CalendarStatus> {
  if (!viewer.userId) return { exists: false, names: false };
  const f = await findCalendarFeed(db, viewer.userId);
  if (!f) return { exists: false, names: false };
  return {
    exists: true,
    names: f.names === 1,
    created_at: f.created_at,
    ...(f.last_read_at ? { last_read_at: f.last_read_at } : {}),
  };
}

/** A user's choice for their own feed: full names in entries, or (the default) case reference and initials. */
export async function setCalendarNames(db: Database, viewer: Viewer, names: boolean): Promise<void> {
  if (!viewer.userId) throw new AppError("UNAUTHENTICATED", "sign in to see this");
  if (!(await findCalendarFeed(db, viewer.userId)))
    throw new AppError("NOT_FOUND", `no calendar feed for ${viewer.userId}`);
  await db.transaction().execute(async (tx) => {
    await updateCalendarFeed(tx, viewer.userId ?? "", { names: names ? 1 : 0 });
    await audit(tx, viewer, "calendar.names", `user:${viewer.userId}`, { names });
  });
}

const WORDS = {
  en: { case: "case", due: "due", calendar: "habeas deadlines" },
  es: { case: "caso", due: "vence", calendar: "plazos de habeas" },
} as const;

/** One calendar entry's words: by default the case reference and initials, never a name or restricted field. */
export function entryText(d: DeadlineItem, names: boolean, lang: Lang) {
  const w = WORDS[lang];
  const who = names ? d.full_name : `${w.case} ${d.ref} · ${d.initials}`;
  const where = d.place ? ` · ${d.place}` : "";
  return {
    summary: `${d.title} · ${who}`,
    description: names
      ? `${d.text}\n${w.case} ${d.person}`
      : `${d.title}${where} · ${w.due} ${d.date} · ${w.case} ${d.ref} (${d.initials})`,
  };
}

const HOUR_MS = 3_600_000;

/** The feed behind a secret address, as iCalendar text; the read is written to the audit log. */
export async function readCalendarFeed(
  db: Database,
  token: string,
  opts: { lang?: Lang; now?: Date } = {},
): Promise<string> {
  const feed = /^[A-Za-z0-9_-]{20,100}$/.test(token)
    ? await findCalendarFeedByHash(db, hashToken(token))
    : undefined;
  const u = feed
    ? await db.selectFrom("users").selectAll().where("id", "=", feed.user_id).executeTakeFirst()
    : undefined;
  if (!feed || !u || u.disabled) throw new AppError("NOT_FOUND", "no calendar at this address");
  const viewer: Viewer = { role: u.role as Role, userId: u.id, ...(u.team ? { team: u.team } : {}) };
  const lang = opts.lang ?? "en";
  const now = opts.now ?? new Date();
  const items = await listDeadlines(db, viewer, { asOf: now.toISOString(), lang });
  const names = feed.names === 1;
  // Loaded when a feed is read: the pages that manage feeds, and the rest of the server, never need it.
  const { default: ical, ICalCalendarMethod } = await import("ical-generator");
  const cal = ical({
    name: `${WORDS[lang].calendar} (${u.id})`,
    prodId: { company: "habeas", product: "deadlines", language: lang.toUpperCase() },
    method: ICalCalendarMethod.PUBLISH,
    ttl: 3600,
  });
  for (const d of items) {
    const { summary, description } = entryText(d, names, lang);
    // The uid stays the same for the same deadline across reads, and names no one.
    const uid = createHash("sha256")
      .update([d.person, d.rule, d.event ?? "", d.order ?? "", d.title].join("|"))
      .digest("hex")
      .slice(0, 32);
    const timed = d.kind === "hearing" && d.at && d.precision === "minute";
    cal.createEvent({
      id: `${uid}@habeas`,
      stamp: now,
      summary,
      description,
      ...(timed
        ? { start: new Date(d.at ?? ""), end: new Date(Date.parse(d.at ?? "") + HOUR_MS) }
        : { start: new Date(`${d.date}T12:00:00Z`), allDay: true }),
      ...(d.place && d.kind === "hearing" ? { location: d.place } : {}),
    });
  }
  await db.transaction().execute(async (tx) => {
    await updateCalendarFeed(tx, u.id, { last_read_at: now.toISOString() });
    await audit(tx, viewer, "calendar.read", `user:${u.id}`, { entries: items.length, names });
  });
  return cal.toString();
}
