// Removing a mistaken person or event (with a reason, audited) and putting it back (administrators only).
// What is removed leaves every read at once: the store moves it out of the live tables (store/trash.ts).

import { z } from "zod";
import { AppError, badInput, problemsFromZod } from "../domain/errors.ts";
import { newId } from "../domain/ids.ts";
import type { Viewer } from "../domain/policy.ts";
import type { Database, Db } from "../store/db.ts";
import {
  countTrash,
  findTrash,
  listTrash,
  restoreTrash,
  type TrashEntry,
  trashEvent,
  trashPerson,
} from "../store/trash.ts";
import { audit } from "./audit.ts";
import { authorize } from "./authorize.ts";
import { invalidateDashboard } from "./dashboard.ts";
import { reevaluate } from "./findings.ts";
import { loadEvent, loadPersonForWrite } from "./scope.ts";

export type { TrashEntry };

const ReasonSchema = z.string("err.reason").trim().min(3, "err.reason").max(500, "err.tooLong");

function reasonOf(reason: unknown): string {
  const r = ReasonSchema.safeParse(reason);
  if (!r.success)
    throw badInput(
      "give the reason for removing it",
      problemsFromZod(r.error.issues).map((p) => ({ ...p, path: "reason" })),
    );
  return r.data;
}

/** Only an administrator puts a removed record back (the policy's one admin-only grant on accounts). */
function authorizeRestore(viewer: Viewer) {
  authorize(viewer, "admin", "user");
}

const meta = (viewer: Viewer, reason: string, kind: string) => ({
  id: newId(`del-${kind}`),
  reason,
  by: viewer.userId ?? viewer.role,
  at: new Date().toISOString(),
});

/** Removes a mistaken event from the record; the person's findings are re-evaluated without it. */
export async function deleteEvent(
  db: Database,
  eventId: string,
  reason: unknown,
  viewer: Viewer,
): Promise<TrashEntry> {
  authorize(viewer, "write", "case");
  const { event: e } = await loadEvent(db, viewer, eventId);
  const why = reasonOf(reason);
  const entry = await db.transaction().execute(async (tx) => {
    const t = await trashEvent(tx, eventId, meta(viewer, why, "event"));
    await audit(tx, viewer, "event.delete", `event:${eventId}`, {
      person: e.person,
      trash: t.id,
      reason: why,
    });
    await reevaluate(tx, [e.person]);
    return t;
  });
  invalidateDashboard(db);
  return entry;
}

/** Removes a mistaken person (a duplicate, a test entry) with their events, links and family codes. */
export async function deletePerson(
  db: Database,
  personId: string,
  reason: unknown,
  viewer: Viewer,
): Promise<TrashEntry> {
  await loadPersonForWrite(db, viewer, personId);
  const why = reasonOf(reason);
  const entry = await db.transaction().execute(async (tx) => {
    const t = await trashPerson(tx, personId, meta(viewer, why, "person"));
    await audit(tx, viewer, "person.delete", `person:${personId}`, { trash: t.id, reason: why });
    return t;
  });
  invalidateDashboard(db);
  return entry;
}

/**
 * What has been removed, newest first (administrators): how many, and all of them or `limit` from
 * `offset` (it used to stop at the newest 200 without a word).
 */
export async function listDeleted(
  db: Db,
  viewer: Viewer,
  opts: { restored?: boolean; limit?: number; offset?: number } = {},
): Promise<{ total: number; items: TrashEntry[] }> {
  authorizeRestore(viewer);
  const [total, items] = await Promise.all([
    countTrash(db, { restored: opts.restored }),
    listTrash(db, opts),
  ]);
  return { total, items };
}

/** Puts a removed person or event back as it was; findings are re-evaluated. */
export async function restoreDeleted(db: Database, trashId: string, viewer: Viewer): Promise<TrashEntry> {
  authorizeRestore(viewer);
  if (!(await findTrash(db, trashId)))
    throw new AppError("NOT_FOUND", `no deleted record with id ${trashId}`);
  const entry = await db.transaction().execute(async (tx) => {
    const t = await restoreTrash(tx, trashId, viewer.userId ?? viewer.role, new Date().toISOString());
    await audit(tx, viewer, `${t.kind}.restore`, `${t.kind}:${t.record_id}`, { trash: t.id });
    await reevaluate(tx, [t.person_id]);
    return t;
  });
  invalidateDashboard(db);
  return entry;
}
