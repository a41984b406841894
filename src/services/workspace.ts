// The staff workspace: what a lawyer or volunteer sees first — people changed lately, what ingestion
// proposes for review, and court orders that stand ignored.
import type { Kysely } from "kysely";
import { AppError } from "../domain/errors.ts";
import type { Viewer } from "../domain/policy.ts";
import type { Db } from "../store/db.ts";
import { findProposal, type Proposal } from "../store/evidence.ts";
import { findPeopleByIds, findPersonById } from "../store/people.ts";
import type { DB } from "../store/schema.ts";
import { recentlyUpdatedPeople } from "../store/workspace.ts";
import { authorize } from "./authorize.ts";
import { getDashboard, type IgnoredOrder, invalidateDashboard } from "./dashboard.ts";
import { type PersonView, presentPerson, visibleTo } from "./person-record.ts";
import {
  type Decision,
  decideGroup,
  decideProposal,
  type ReviewGroup,
  reviewGroups,
  reviewQueue,
  undoDecision,
} from "./review.ts";
import { notFound, seesPerson } from "./scope.ts";

export type ReviewItem = Omit<Proposal, "payload"> & {
  payload: Record<string, unknown>;
  /** The person the proposal is about, when it is about one this viewer may see. */
  person?: Pick<PersonView, "id" | "full_name">;
};

/**
 * What ingestion proposes (links, merges, new events) and waits for a person to decide, oldest first.
 * Proposals about people outside the viewer's team are left out.
 */
export async function listReviewQueue(
  db: Db,
  viewer: Viewer,
  opts: { status?: "pending" | "accepted" | "rejected"; limit?: number } = {},
): Promise<ReviewItem[]> {
  const proposals = await reviewQueue(db, viewer, {
    status: opts.status ?? "pending",
    limit: opts.limit ?? 200,
  });
  const ids = [...new Set(proposals.flatMap((p) => (p.subject_id ? [p.subject_id] : [])))];
  const people = new Map((await findPeopleByIds(db, ids)).map((p) => [p.id, p]));
  return proposals.flatMap((p): ReviewItem[] => {
    const person = p.subject_id ? people.get(p.subject_id) : undefined;
    if (person && !visibleTo(person, viewer)) return [];
    return [{ ...p, person: person ? { id: person.id, full_name: person.full_name } : undefined }];
  });
}

/**
 * Accepts or rejects a proposal through the ingestion review service, after checking the viewer may see
 * the person it is about; the dashboard is recomputed on its next visit.
 */
export async function decideReview(
  db: Kysely<DB>,
  id: string,
  accept: boolean,
  viewer: Viewer,
  reason?: string,
): Promise<Decision> {
  authorize(viewer, "write", "case");
  const item = await findProposal(db, id);
  if (item?.subject_id) {
    const person = await findPersonById(db, item.subject_id);
    if (person && !visibleTo(person, viewer)) throw new AppError("NOT_FOUND", `no proposal with id ${id}`);
  }
  const decision = await decideProposal(db, id, accept, viewer, reason);
  invalidateDashboard(db);
  return decision;
}

/** Undoes an accepted or rejected proposal after the same visibility check as deciding it. */
export async function undoReview(db: Kysely<DB>, id: string, viewer: Viewer): Promise<Decision> {
  authorize(viewer, "write", "case");
  const item = await findProposal(db, id);
  if (item?.subject_id) {
    const person = await findPersonById(db, item.subject_id);
    if (person && !seesPerson(viewer, person)) throw notFound("proposal", id);
  }
  const decision = await undoDecision(db, id, viewer);
  invalidateDashboard(db);
  return decision;
}

/** Review groups (article × kind) with their samples filtered like the queue: what this viewer may see. */
export async function listReviewGroups(db: Db, viewer: Viewer): Promise<ReviewGroup[]> {
  const groups = await reviewGroups(db, viewer, { sample: 5 });
  const ids = [
    ...new Set(groups.flatMap((g) => g.sample.flatMap((p) => (p.subject_id ? [p.subject_id] : [])))),
  ];
  const people = new Map((await findPeopleByIds(db, ids)).map((p) => [p.id, p]));
  return groups.map((g) => ({
    ...g,
    sample: g.sample.filter((p) => {
      const person = p.subject_id ? people.get(p.subject_id) : undefined;
      return !person || seesPerson(viewer, person);
    }),
  }));
}

/** A whole group decided through decideReview, so every proposal passes the same visibility check. */
export async function decideReviewGroup(
  db: Kysely<DB>,
  key: string,
  accept: boolean,
  viewer: Viewer,
  reason?: string,
): Promise<Decision[]> {
  return decideGroup(db, key, accept, viewer, { reason, decide: decideReview });
}

export type Workspace = { recent: PersonView[]; pending: number; ignoredOrders: IgnoredOrder[] };

export async function getWorkspace(db: Db, viewer: Viewer): Promise<Workspace> {
  authorize(viewer, "read", "case");
  const [ids, queue, dashboard] = await Promise.all([
    recentlyUpdatedPeople(db, 40),
    listReviewQueue(db, viewer, { limit: 1000 }),
    getDashboard(db),
  ]);
  const recent = (await findPeopleByIds(db, ids))
    .filter((p) => visibleTo(p, viewer))
    .slice(0, 12)
    .map((p) => presentPerson(p, viewer));
  return { recent, pending: queue.length, ignoredOrders: dashboard.orders.slice(0, 5) };
}
