// The staff workspace: what a lawyer or volunteer sees first — people changed lately, what ingestion
// proposes for review, and court orders that stand ignored.

import type { Viewer } from "../domain/policy.ts";
import type { Database, Db } from "../store/db.ts";
import {
  findProposal,
  listProposals,
  type Proposal,
  type ProposalCursor,
  proposalCursor,
} from "../store/evidence.ts";
import { findPeopleByIds, scopeFieldsOf } from "../store/people.ts";
import { recentlyUpdatedPeople } from "../store/workspace.ts";
import { authorize } from "./authorize.ts";
import { findMattersFor, findOrdersFor, listOrderIdsFor } from "./catalog.ts";
import { type IgnoredOrder, invalidateDashboard } from "./dashboard.ts";
import { myCases } from "./deadlines.ts";
import { complianceForOrders } from "./findings.ts";
import { keptAnswers, viewerKey } from "./kept.ts";
import { type PersonView, presentPerson } from "./person-record.ts";
import {
  type Decision,
  decideGroup,
  decideProposal,
  groupKey,
  type ReviewGroup,
  undoDecision,
} from "./review.ts";
import { accessTo, fullAccessCandidatesFor, notFound } from "./scope.ts";

export type ReviewItem = Omit<Proposal, "payload"> & {
  payload: Record<string, unknown>;
  /** The person the proposal is about, when it is about one this viewer may see. */
  person?: Pick<PersonView, "id" | "full_name">;
};

/**
 * The proposals this viewer may see and decide: every person each touches (and the people `also` names) is
 * one they have full access to; a person no longer on record hides nothing. The one place this is decided:
 * the queue, its count, the groups, deciding and undoing all ask it.
 */
async function decidable<P extends Proposal>(
  db: Db,
  viewer: Viewer,
  proposals: readonly P[],
  also: (p: P) => string[] = () => [],
): Promise<P[]> {
  const touched = (p: P) => [...peopleOfProposal(p), ...also(p)];
  const fields = new Map((await scopeFieldsOf(db, proposals.flatMap(touched))).map((x) => [x.id, x]));
  return proposals.filter((p) =>
    touched(p).every((id) => {
      const x = fields.get(id);
      return !x || accessTo(viewer, x) === "full";
    }),
  );
}

/** How many proposals one read of a walk through the queue holds. */
const QUEUE_READ = 500;

/**
 * The proposals of a status this viewer may decide, in the queue's order (oldest first; `newestDecided`: the
 * latest decision first), read QUEUE_READ at a time until `max` are found or none are left. Reading on past
 * the first read is what lets a team whose proposals sit behind another team's thousands see its own.
 */
async function walkDecidable(
  db: Db,
  viewer: Viewer,
  f: { status: string; newestDecided?: boolean; max?: number },
): Promise<Proposal[]> {
  authorize(viewer, "read", "case");
  const out: Proposal[] = [];
  let after: ProposalCursor | undefined;
  for (;;) {
    const read = await listProposals(db, {
      status: f.status,
      limit: QUEUE_READ,
      after,
      newestDecided: f.newestDecided,
    });
    for (const p of await decidable(db, viewer, read)) {
      if (f.max !== undefined && out.length >= f.max) return out;
      out.push(p);
    }
    const last = read.at(-1);
    if (!last || read.length < QUEUE_READ) return out;
    after = proposalCursor(last, f.newestDecided);
  }
}

/** Proposals with the person each link is about (read for these only). */
async function withPeople(db: Db, proposals: readonly Proposal[]): Promise<ReviewItem[]> {
  const ids = proposals.flatMap((p) => (p.kind === "link_person" && p.subject_id ? [p.subject_id] : []));
  const people = new Map((await findPeopleByIds(db, [...new Set(ids)])).map((p) => [p.id, p]));
  return proposals.map((p) => {
    const person = p.kind === "link_person" && p.subject_id ? people.get(p.subject_id) : undefined;
    return { ...p, person: person ? { id: person.id, full_name: person.full_name } : undefined };
  });
}

export type ReviewQueue = {
  /** Every proposal of the status this viewer may decide, counted however many there are. */
  total: number;
  /** `limit` of them from `offset`, each with the person it is about. */
  items: ReviewItem[];
};

/**
 * What ingestion proposes (links, merges, new events) and waits for a person to decide, oldest first: how
 * many this viewer may decide and a window of them. Proposals about people outside the viewer's team are
 * left out of both: not shown, not counted.
 */
export async function listReviewQueue(
  db: Db,
  viewer: Viewer,
  opts: { status?: "pending" | "accepted" | "rejected"; offset?: number; limit?: number } = {},
): Promise<ReviewQueue> {
  const all = await walkDecidable(db, viewer, { status: opts.status ?? "pending" });
  const from = opts.offset ?? 0;
  const to = opts.limit === undefined ? undefined : from + opts.limit;
  return { total: all.length, items: await withPeople(db, all.slice(from, to)) };
}

/** The latest decisions of a status this viewer may undo, newest first. */
export async function recentDecisions(
  db: Db,
  viewer: Viewer,
  opts: { status: "accepted" | "rejected"; limit: number },
): Promise<ReviewItem[]> {
  return withPeople(
    db,
    await walkDecidable(db, viewer, { status: opts.status, newestDecided: true, max: opts.limit }),
  );
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
  if (item && !(await decidable(db, viewer, [item])).length) throw notFound("proposal", id);
  const decision = await decideProposal(db, id, accept, viewer, reason);
  invalidateDashboard(db);
  return decision;
}

/** Undoes a decided proposal after the same check as deciding it (and on the person it created). */
export async function undoReview(db: Database, id: string, viewer: Viewer): Promise<Decision> {
  authorize(viewer, "write", "case");
  const item = await findProposal(db, id);
  const created = (p: Proposal) =>
    p.kind === "new_person" && p.created_id ? [p.created_id.split("|")[0]!] : [];
  if (item && !(await decidable(db, viewer, [item], created)).length) throw notFound("proposal", id);
  const decision = await undoDecision(db, id, viewer);
  invalidateDashboard(db);
  return decision;
}

/**
 * The pending proposals this viewer may decide, by article and kind (ordered so), each group counted whole
 * with its first `sample`: a reviewer reads a sample and decides the group. Another team's proposals are in
 * no group's count or sample.
 */
export async function listReviewGroups(
  db: Db,
  viewer: Viewer,
  opts: { sample?: number } = {},
): Promise<ReviewGroup[]> {
  return groupsOf(await walkDecidable(db, viewer, { status: "pending" }), opts.sample ?? 5);
}

/** Proposals by article and kind, each group counted with its first `sample`. */
function groupsOf(proposals: readonly Proposal[], sample: number): ReviewGroup[] {
  const groups = new Map<string, ReviewGroup>();
  for (const p of proposals) {
    const key = groupKey(p.source_id, p.kind);
    let g = groups.get(key);
    if (!g) {
      g = { key, source: p.source_id, kind: p.kind, count: 0, sample: [] };
      groups.set(key, g);
    }
    g.count++;
    if (g.sample.length < sample) g.sample.push(p);
  }
  const order = (g: ReviewGroup) => [g.source ?? "", g.kind] as const;
  return [...groups.values()].sort((a, b) => {
    const [x, y] = [order(a), order(b)];
    return x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : x[1] < y[1] ? -1 : x[1] > y[1] ? 1 : 0;
  });
}

/**
 * What the review page shows, from one walk of the queue: how many proposals wait for this viewer, the page
 * of `limit` from `offset` (an offset past the end gives the last page, and says where it starts), and the
 * groups.
 */
export async function reviewOverview(
  db: Db,
  viewer: Viewer,
  opts: { offset: number; limit: number; sample?: number },
): Promise<ReviewQueue & { offset: number; groups: ReviewGroup[] }> {
  const all = await walkDecidable(db, viewer, { status: "pending" });
  const last = all.length ? Math.floor((all.length - 1) / opts.limit) * opts.limit : 0;
  const offset = Math.min(opts.offset, last);
  return {
    total: all.length,
    offset,
    items: await withPeople(db, all.slice(offset, offset + opts.limit)),
    groups: groupsOf(all, opts.sample ?? 5),
  };
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

/** How many recently changed cases the workspace lists. */
const RECENT_PEOPLE = 12;
/** How many ignored court orders it lists, longest unmet first. */
const IGNORED_ORDERS = 5;
/**
 * The ignored orders are the compliance of every order the viewer sees (1,833 for a lawyer who sees every
 * case of a national record, ~60 ms): computed as of now and kept a minute for the viewer while nothing is
 * committed (services/kept.ts), so coming back to the workspace does not compute them again.
 */
const IGNORED_KEPT_MS = 60_000;
const keptIgnored = keptAnswers<IgnoredOrder[]>({ ms: IGNORED_KEPT_MS, size: 8 });

export async function getWorkspace(db: Db, viewer: Viewer): Promise<Workspace> {
  authorize(viewer, "read", "case");
  const [ids, queue, ignoredOrders, mine] = await Promise.all([
    // Only among the people this viewer has full access to: another team's busy day leaves theirs on it.
    recentlyUpdatedPeople(db, RECENT_PEOPLE, fullAccessCandidatesFor(viewer)),
    listReviewQueue(db, viewer, { limit: 0 }),
    keptIgnored.get(db, viewerKey(viewer), (asOf) =>
      ordersBreachedOrUnmet(db, viewer, { limit: IGNORED_ORDERS, asOf }),
    ),
    myCases(db, viewer),
  ]);
  const recent = (await findPeopleByIds(db, ids))
    .filter((p) => accessTo(viewer, p) === "full")
    .map((p) => presentPerson(p, viewer));
  return { recent, pending: queue.total, ignoredOrders, mine };
}

/**
 * Every order this viewer may see that was breached or still stands unmet (the public dashboard's list is
 * public-record orders only; staff see their team's too), still unmet first, longest first.
 */
export async function ordersBreachedOrUnmet(
  db: Db,
  viewer: Viewer,
  opts: { limit?: number; asOf?: string } = {},
): Promise<IgnoredOrder[]> {
  const ids = await listOrderIdsFor(db, viewer);
  const states = await complianceForOrders(db, ids, viewer, { asOf: opts.asOf });
  const ignored = ids
    .flatMap((id) => {
      const compliance = states.get(id);
      return compliance && (compliance.state === "breached" || compliance.unmet) ? [{ id, compliance }] : [];
    })
    .sort(
      (a, b) =>
        Number(b.compliance.unmet) - Number(a.compliance.unmet) ||
        (b.compliance.days_unmet ?? 0) - (a.compliance.days_unmet ?? 0),
    )
    .slice(0, opts.limit);
  // The orders listed, and their matters, are read in the form the viewer reads them for these only (a
  // national record has thousands).
  const orders = new Map(
    (
      await findOrdersFor(
        db,
        viewer,
        ignored.map((x) => x.id),
      )
    ).map((o) => [o.id, o]),
  );
  const matters = await findMattersFor(
    db,
    viewer,
    [...orders.values()].map((o) => o.matter),
  );
  const byId = new Map(matters.map((m) => [m.id, m]));
  return ignored.flatMap(({ id, compliance }) => {
    const order = orders.get(id);
    if (!order) return [];
    const m = byId.get(order.matter);
    return [{ order, matter: m ? { id: m.id, caption: m.caption, court: m.court } : undefined, compliance }];
  });
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
