// The staff workspace: what a lawyer or volunteer sees first — people changed lately, what ingestion
// proposes for review, and court orders that stand ignored.

import type { Viewer } from "../domain/policy.ts";
import type { Database, Db } from "../store/db.ts";
import { findProposal, type Proposal } from "../store/evidence.ts";
import { findPeopleByIds } from "../store/people.ts";
import { recentlyUpdatedPeople } from "../store/workspace.ts";
import { authorize } from "./authorize.ts";
import { listMattersFor, listOrdersFor } from "./catalog.ts";
import { type IgnoredOrder, invalidateDashboard } from "./dashboard.ts";
import { myCases } from "./deadlines.ts";
import { complianceForOrders } from "./findings.ts";
import { type PersonView, presentPerson } from "./person-record.ts";
import {
  type Decision,
  decideGroup,
  decideProposal,
  type ReviewGroup,
  reviewGroups,
  reviewQueue,
  undoDecision,
} from "./review.ts";
import { accessTo, notFound } from "./scope.ts";

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
  const ids = [...new Set(proposals.flatMap(peopleOfProposal))];
  const people = new Map((await findPeopleByIds(db, ids)).map((p) => [p.id, p]));
  return proposals.flatMap((p): ReviewItem[] => {
    // Every person a proposal touches must be in the viewer's full scope, or it is not theirs to see.
    const touched = peopleOfProposal(p).map((id) => people.get(id));
    if (touched.some((x) => x && accessTo(viewer, x) !== "full")) return [];
    const person = p.kind === "link_person" && p.subject_id ? people.get(p.subject_id) : undefined;
    return [{ ...p, person: person ? { id: person.id, full_name: person.full_name } : undefined }];
  });
}

/**
 * Accepts or rejects a proposal through the ingestion review service, after checking the viewer may see
 * the person it is about; the dashboard is recomputed on its next visit.
 */
export async function decideReview(
  db: Database,
  id: string,
  accept: boolean,
  viewer: Viewer,
  reason?: string,
): Promise<Decision> {
  authorize(viewer, "write", "case");
  const item = await findProposal(db, id);
  const touched = item ? await findPeopleByIds(db, peopleOfProposal(item)) : [];
  if (touched.some((p) => accessTo(viewer, p) !== "full")) throw notFound("proposal", id);
  const decision = await decideProposal(db, id, accept, viewer, reason);
  invalidateDashboard(db);
  return decision;
}

/** Undoes a decided proposal after the same check as deciding it (and on the person it created). */
export async function undoReview(db: Database, id: string, viewer: Viewer): Promise<Decision> {
  authorize(viewer, "write", "case");
  const item = await findProposal(db, id);
  const created = item?.kind === "new_person" && item.created_id ? [item.created_id.split("|")[0]!] : [];
  const touched = item ? await findPeopleByIds(db, [...peopleOfProposal(item), ...created]) : [];
  if (touched.some((p) => accessTo(viewer, p) !== "full")) throw notFound("proposal", id);
  const decision = await undoDecision(db, id, viewer);
  invalidateDashboard(db);
  return decision;
}

/** Review groups (article × kind), their samples filtered like the queue: only what this viewer may decide. */
export async function listReviewGroups(db: Db, viewer: Viewer): Promise<ReviewGroup[]> {
  const groups = await reviewGroups(db, viewer, { sample: 5 });
  const ids = [...new Set(groups.flatMap((g) => g.sample.flatMap(peopleOfProposal)))];
  const people = new Map((await findPeopleByIds(db, ids)).map((p) => [p.id, p]));
  return groups.map((g) => ({
    ...g,
    sample: g.sample.filter((p) =>
      peopleOfProposal(p).every((id) => {
        const x = people.get(id);
        return !x || accessTo(viewer, x) === "full";
      }),
    ),
  }));
}

/** A whole group decided through decideReview, so every proposal passes the same check; hidden ones stay. */
export async function decideReviewGroup(
  db: Database,
  key: string,
  accept: boolean,
  viewer: Viewer,
  reason?: string,
): Promise<Decision[]> {
  return decideGroup(db, key, accept, viewer, { reason, decide: decideReview });
}

export type Workspace = {
  recent: PersonView[];
  pending: number;
  ignoredOrders: IgnoredOrder[];
  /** The cases assigned to this viewer. */
  mine: PersonView[];
};

export async function getWorkspace(db: Db, viewer: Viewer): Promise<Workspace> {
  authorize(viewer, "read", "case");
  const [ids, queue, ignoredOrders, mine] = await Promise.all([
    recentlyUpdatedPeople(db, 40),
    listReviewQueue(db, viewer, { limit: 1000 }),
    ordersBreachedOrUnmet(db, viewer),
    myCases(db, viewer),
  ]);
  const recent = (await findPeopleByIds(db, ids))
    .filter((p) => accessTo(viewer, p) === "full")
    .slice(0, 12)
    .map((p) => presentPerson(p, viewer));
  return { recent, pending: queue.length, ignoredOrders: ignoredOrders.slice(0, 5), mine };
}

/**
 * Every order this viewer may see that was breached or still stands unmet (the public dashboard's list is
 * public-record orders only; staff see their team's too), still unmet first, longest first.
 */
export async function ordersBreachedOrUnmet(db: Db, viewer: Viewer): Promise<IgnoredOrder[]> {
  const [orders, matters] = await Promise.all([listOrdersFor(db, viewer), listMattersFor(db, viewer)]);
  const states = await complianceForOrders(
    db,
    orders.map((o) => o.id),
    viewer,
  );
  const byId = new Map(matters.map((m) => [m.id, m]));
  return orders
    .flatMap((order): IgnoredOrder[] => {
      const compliance = states.get(order.id);
      if (!compliance || (compliance.state !== "breached" && !compliance.unmet)) return [];
      const m = byId.get(order.matter);
      return [
        { order, matter: m ? { id: m.id, caption: m.caption, court: m.court } : undefined, compliance },
      ];
    })
    .sort(
      (a, b) =>
        Number(b.compliance.unmet) - Number(a.compliance.unmet) ||
        (b.compliance.days_unmet ?? 0) - (a.compliance.days_unmet ?? 0),
    );
}

/** Every person a proposal would touch: the person linked, the person of a new event, both sides of a merge. */
function peopleOfProposal(p: {
  kind: string;
  subject_id: string | null;
  payload: Record<string, unknown>;
}): string[] {
  const out = [
    p.kind === "link_person" ? p.subject_id : null,
    p.payload.person,
    p.payload.keep,
    p.payload.merge,
  ];
  return out.filter((x): x is string => typeof x === "string" && x !== "");
}
