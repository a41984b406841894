// Deadlines and hearings across the cases a viewer may see (the workspace page, the calendar feed, the
// daily digest), and who each case is assigned to. Due dates come from the rules engine (R30), never here.

import { createHash } from "node:crypto";
import { AppError } from "../domain/errors.ts";
import { initialsOf } from "../domain/names.ts";
import type { Viewer } from "../domain/policy.ts";
import type { Database, Db } from "../store/db.ts";
import { assign, assigneesOf, peopleAssignedTo, peopleWithDeadlines, unassign } from "../store/deadlines.ts";
import { audit } from "./audit.ts";
import { authorize } from "./authorize.ts";
import { evaluateDeadlines, type Lang } from "./findings.ts";
import { keptAnswers, viewerKey } from "./kept.ts";
import { type PersonView, presentPerson } from "./person-record.ts";
import { loadJudgedPeople, loadPeople, loadPerson, seesPerson } from "./scope.ts";

export const DEADLINE_KINDS = ["hearing", "court_order", "deadline"] as const;
export type DeadlineKind = (typeof DEADLINE_KINDS)[number];

export type DeadlineFilter = {
  /** Only what falls due within this many days (overdue included). */
  due?: number;
  team?: string;
  /** A username: only cases assigned to them. */
  assignee?: string;
  kind?: DeadlineKind;
  asOf?: string;
  lang?: Lang;
};

export type DeadlineItem = {
  person: string;
  /** A short reference to the case that carries no part of the name (person ids begin with one). */
  ref: string;
  /** The person's initials: what leaves the server when names are not wanted. */
  initials: string;
  full_name: string;
  team?: string;
  assignees: string[];
  kind: DeadlineKind;
  rule: string;
  title: string;
  text: string;
  /** The due day, local to where the case is. */
  date: string;
  days_remaining: number;
  overdue: boolean;
  /** For a hearing: its instant (UTC), how precisely it is known, and where. */
  at?: string;
  precision?: string;
  tz?: string;
  place?: string;
  event?: string;
  order?: string;
};

/**
 * A case reference safe to send off the server: the last 8 hex digits of the person's random id tail (older
 * ids start with a slug of the name), or a hash of the id when it has no such tail.
 */
export function caseRef(personId: string): string {
  const tail = /-[0-9a-f]*([0-9a-f]{8})$/.exec(personId)?.[1];
  return tail ?? createHash("sha256").update(personId).digest("hex").slice(0, 8);
}

/** Overdue first (longest overdue first), then soonest due; ties by case and title so the order is stable. */
export function byUrgency(a: DeadlineItem, b: DeadlineItem): number {
  if (a.overdue !== b.overdue) return a.overdue ? -1 : 1;
  return (
    a.date.localeCompare(b.date) ||
    (a.at ?? "").localeCompare(b.at ?? "") ||
    a.person.localeCompare(b.person) ||
    a.title.localeCompare(b.title)
  );
}

/**
 * How long a list computed "as of now" is served again to the same viewer with the same filters while nothing
 * was committed to the store: paging through the deadlines page (a hundred a page, the list computed whole:
 * ~1 s for a lawyer who sees 100,000 people's cases) reads it once. A deadline that passes meanwhile shows as
 * overdue up to this much later.
 */
export const DEADLINES_KEPT_MS = 60_000;
/** Four lists a store: each is one viewer's, with one set of filters (services/kept.ts). */
const lists = keptAnswers<DeadlineItem[]>({ ms: DEADLINES_KEPT_MS, size: 4 });

/** Forgets the kept lists of this store (the benchmark times the computation itself). */
export function forgetDeadlineLists(db: Db): void {
  lists.forget(db);
}

/**
 * Every deadline and hearing in the cases this viewer may see, filtered, most urgent first. Without `asOf`
 * (as of now), the list this viewer read with these filters in the last DEADLINES_KEPT_MS is served again if
 * nothing was committed since (services/kept.ts).
 */
export async function listDeadlines(db: Db, viewer: Viewer, f: DeadlineFilter = {}): Promise<DeadlineItem[]> {
  authorize(viewer, "read", "case");
  if (f.asOf) return computeDeadlines(db, viewer, f, f.asOf);
  const key = [...viewerKey(viewer), f.due, f.team, f.assignee, f.kind, f.lang ?? "en"];
  return lists.get(db, key, (asOf) => computeDeadlines(db, viewer, f, asOf));
}

async function computeDeadlines(
  db: Db,
  viewer: Viewer,
  f: DeadlineFilter,
  asOf: string,
): Promise<DeadlineItem[]> {
  let ids = await peopleWithDeadlines(db, asOf);
  if (f.assignee) {
    const theirs = new Set(await peopleAssignedTo(db, f.assignee));
    ids = ids.filter((id) => theirs.has(id));
  }
  const out: DeadlineItem[] = [];
  for (let i = 0; i < ids.length; i += 500) {
    const people = (await loadJudgedPeople(db, viewer, ids.slice(i, i + 500))).filter(
      (p) => !f.team || p.team === f.team,
    );
    if (!people.length) continue;
    const byId = new Map(people.map((p) => [p.id, p]));
    const [{ findings, events }, assignees] = await Promise.all([
      evaluateDeadlines(db, people, { asOf, lang: f.lang ?? "en" }),
      assigneesOf(
        db,
        people.map((p) => p.id),
      ),
    ]);
    for (const x of findings) {
      const p = byId.get(x.person);
      if (!p || !x.due) continue;
      const ev = x.events.map((id) => events.get(id)).find((e) => e !== undefined);
      const kind: DeadlineKind = x.order
        ? "court_order"
        : ev?.type === "HEARING" || ev?.type === "NTA_SERVED"
          ? "hearing"
          : "deadline";
      if (f.kind && kind !== f.kind) continue;
      if (f.due !== undefined && x.due.days_remaining > f.due) continue;
      const hearingAt =
        ev?.type === "HEARING"
          ? { at: ev.at, precision: ev.precision, tz: ev.tz, place: ev.place }
          : ev?.type === "NTA_SERVED" && typeof ev.details.hearing_datetime === "string"
            ? {
                at: ev.details.hearing_datetime,
                precision: "minute",
                tz: ev.tz,
                place: typeof ev.details.hearing_place === "string" ? ev.details.hearing_place : undefined,
              }
            : {};
      out.push({
        person: p.id,
        ref: caseRef(p.id),
        initials: initialsOf(p.full_name),
        full_name: p.full_name,
        ...(p.team ? { team: p.team } : {}),
        assignees: assignees.get(p.id) ?? [],
        kind,
        rule: x.rule,
        title: x.title,
        text: x.text,
        date: x.due.date,
        days_remaining: x.due.days_remaining,
        overdue: x.due.days_remaining < 0,
        ...(kind === "hearing" ? hearingAt : {}),
        ...(ev ? { event: ev.id } : {}),
        ...(x.order ? { order: x.order } : {}),
      });
    }
  }
  return out.sort(byUrgency);
}

/** The cases assigned to this viewer that they may still see, most recently assigned first. */
export async function myCases(db: Db, viewer: Viewer): Promise<PersonView[]> {
  authorize(viewer, "read", "case");
  if (!viewer.userId) return [];
  const ids = await peopleAssignedTo(db, viewer.userId);
  const byId = new Map((await loadPeople(db, viewer, ids)).map((p) => [p.id, p]));
  return ids.flatMap((id) => {
    const p = byId.get(id);
    return p ? [presentPerson(p, viewer)] : [];
  });
}

export async function assigneesOfCase(db: Db, personId: string, viewer: Viewer): Promise<string[]> {
  authorize(viewer, "read", "case");
  await loadPerson(db, viewer, personId);
  return (await assigneesOf(db, [personId])).get(personId) ?? [];
}

/** Staff a case may be assigned to: active accounts of the viewer's team (everyone's, for an admin). */
export async function assignableStaff(db: Db, viewer: Viewer): Promise<string[]> {
  authorize(viewer, "read", "case");
  let q = db
    .selectFrom("users")
    .select("id")
    .where("disabled", "=", 0)
    .where("role", "!=", "viewer")
    .orderBy("id");
  if (viewer.role !== "admin" && viewer.team) q = q.where("team", "=", viewer.team);
  return (await q.execute()).map((r) => r.id);
}

/** Assigns (or, with `remove`, unassigns) a case to a staff member who may see it. */
export async function assignCase(
  db: Database,
  personId: string,
  username: string,
  viewer: Viewer,
  opts: { remove?: boolean } = {},
): Promise<string[]> {
  authorize(viewer, "write", "case");
  const p = await loadPerson(db, viewer, personId);
  const userId = username.trim().toLowerCase();
  const user = await db.selectFrom("users").selectAll().where("id", "=", userId).executeTakeFirst();
  if (opts.remove) {
    await db.transaction().execute(async (tx) => {
      if (await unassign(tx, p.id, userId))
        await audit(tx, viewer, "case.unassign", `person:${p.id}`, { user: userId });
    });
  } else {
    if (!user || user.disabled) throw new AppError("NOT_FOUND", `no user ${userId}`);
    const theirs: Viewer = {
      role: user.role as Viewer["role"],
      userId: user.id,
      team: user.team ?? undefined,
    };
    if (
      !seesPerson(theirs, p) ||
      user.role === "viewer" ||
      (viewer.role !== "admin" && viewer.team !== user.team && viewer.team)
    )
      throw new AppError(
        "BAD_INPUT",
        `${userId} cannot work on this case (another team or a read-only role)`,
      );
    await db.transaction().execute(async (tx) => {
      await assign(tx, p.id, userId, viewer.userId ?? "anonymous", new Date().toISOString());
      await audit(tx, viewer, "case.assign", `person:${p.id}`, { user: userId });
    });
  }
  return (await assigneesOf(db, [p.id])).get(p.id) ?? [];
}
