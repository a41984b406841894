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
import { listMattersFor, listOrdersFor } from "./catalog.ts";
import { type IgnoredOrder, invalidateDashboard } from "./dashboard.ts";
import { complianceForOrders } from "./findings.ts";
import { type PersonView, presentPerson, visibleTo } from "./person-record.ts";
import { type Decision, decideProposal, reviewQueue } from "./review.ts";

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

export type Workspace = { recent: PersonView[]; pending: number; ignoredOrders: IgnoredOrder[] };

export async function getWorkspace(db: Db, viewer: Viewer): Promise<Workspace> {
  authorize(viewer, "read", "case");
  const [ids, queue, ignoredOrders] = await Promise.all([
    recentlyUpdatedPeople(db, 40),
    listReviewQueue(db, viewer, { limit: 1000 }),
    ordersBreachedOrUnmet(db, viewer),
  ]);
  const recent = (await findPeopleByIds(db, ids))
    .filter((p) => visibleTo(p, viewer))
    .slice(0, 12)
    .map((p) => presentPerson(p, viewer));
  return { recent, pending: queue.length, ignoredOrders: ignoredOrders.slice(0, 5) };
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
