// Captured originals, ingestion proposals awaiting review, and the reversible merge log.
import { isSealed, openFor, sealFor } from "./cipher.ts";
import type { Db } from "./db.ts";
import type { CapturesTable, MergesTable, ProposalsTable } from "./schema.ts";

// ---------- captures ----------
export async function findCapture(db: Db, sha256: string): Promise<CapturesTable | undefined> {
  return db.selectFrom("captures").selectAll().where("sha256", "=", sha256).executeTakeFirst();
}

/** Stores original bytes once per SHA-256; returns false when they were already there. */
export async function saveCapture(db: Db, c: CapturesTable): Promise<boolean> {
  const r = await db
    .insertInto("captures")
    .values(c)
    .onConflict((oc) => oc.column("sha256").doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
}

export async function listCaptureTexts(
  db: Db,
): Promise<{ sha256: string; file_name: string | null; text: string | null }[]> {
  return db.selectFrom("captures").select(["sha256", "file_name", "text"]).orderBy("captured_at").execute();
}

export async function sourceIdsByCapture(db: Db): Promise<Map<string, string>> {
  const rows = await db
    .selectFrom("sources")
    .select(["id", "capture_sha256"])
    .where("capture_sha256", "is not", null)
    .execute();
  return new Map(rows.map((r) => [r.capture_sha256 as string, r.id]));
}

// ---------- proposals ----------
export type Proposal = Omit<ProposalsTable, "payload"> & { payload: Record<string, unknown> };

function toProposal(r: ProposalsTable): Proposal {
  return { ...r, payload: JSON.parse(r.payload) as Record<string, unknown> };
}

export async function insertProposals(db: Db, rows: ProposalsTable[]) {
  for (let i = 0; i < rows.length; i += 500) {
    await db
      .insertInto("proposals")
      .values(rows.slice(i, i + 500))
      .onConflict((oc) => oc.column("id").doNothing())
      .execute();
  }
}

/** Where a walk through the proposals stopped: the last one read (see listProposals `after`). */
export type ProposalCursor = { at: string; id: string };

/**
 * Proposals oldest first (`newestDecided`: the latest decision first), at most `limit`; `after` continues a
 * walk from the last one read (by the time it is ordered by, then id: no offset to count through).
 */
export async function listProposals(
  db: Db,
  f: {
    status?: string;
    source?: string;
    limit?: number;
    after?: ProposalCursor;
    newestDecided?: boolean;
  } = {},
): Promise<Proposal[]> {
  const at = f.newestDecided ? "decided_at" : "created_at";
  const dir = f.newestDecided ? "desc" : "asc";
  let q = db.selectFrom("proposals").selectAll().orderBy(at, dir).orderBy("id", dir);
  if (f.status) q = q.where("status", "=", f.status);
  if (f.source) q = q.where("source_id", "=", f.source);
  const after = f.after;
  if (after) {
    const past = f.newestDecided ? "<" : ">";
    q = q.where((eb) =>
      eb.or([eb(at, past, after.at), eb.and([eb(at, "=", after.at), eb("id", past, after.id)])]),
    );
  }
  return (await q.limit(f.limit ?? 500).execute()).map(toProposal);
}

/** The payloads of every pending proposal of a kind (what is already proposed, so it is not proposed twice). */
export async function pendingPayloads(db: Db, kind: string): Promise<Record<string, unknown>[]> {
  const rows = await db
    .selectFrom("proposals")
    .select("payload")
    .where("status", "=", "pending")
    .where("kind", "=", kind)
    .execute();
  return rows.map((r) => JSON.parse(r.payload) as Record<string, unknown>);
}

/** Where a walk that read this proposal last goes on from. */
export function proposalCursor(p: Proposal, newestDecided = false): ProposalCursor {
  return { at: (newestDecided ? p.decided_at : p.created_at) ?? "", id: p.id };
}

export async function findProposal(db: Db, id: string): Promise<Proposal | undefined> {
  const r = await db.selectFrom("proposals").selectAll().where("id", "=", id).executeTakeFirst();
  return r ? toProposal(r) : undefined;
}

export async function markProposal(
  db: Db,
  id: string,
  status: "accepted" | "rejected",
  by: string,
  reason?: string,
  created?: string,
) {
  await db
    .updateTable("proposals")
    .set({
      status,
      decided_at: new Date().toISOString(),
      decided_by: by,
      reason: reason ?? null,
      created_id: created ?? null,
    })
    .where("id", "=", id)
    .execute();
}

/** An undone decision: the proposal waits for a reviewer again. */
export async function reopenProposal(db: Db, id: string) {
  await db
    .updateTable("proposals")
    .set({ status: "pending", decided_at: null, decided_by: null, reason: null, created_id: null })
    .where("id", "=", id)
    .execute();
}

export async function listProposalsOfGroup(
  db: Db,
  g: { source: string | null; kind: string; status?: string; limit?: number },
): Promise<Proposal[]> {
  let q = db
    .selectFrom("proposals")
    .selectAll()
    .where("kind", "=", g.kind)
    .where("status", "=", g.status ?? "pending");
  q = g.source === null ? q.where("source_id", "is", null) : q.where("source_id", "=", g.source);
  return (
    await q
      .orderBy("created_at")
      .orderBy("id")
      .limit(g.limit ?? 100_000)
      .execute()
  ).map(toProposal);
}

/** The newest citation of a subject to a source (the one an accepted link added). */
export async function deleteLatestCitation(db: Db, kind: string, subject: string, source: string) {
  const row = await db
    .selectFrom("citations")
    .select("id")
    .where("subject_kind", "=", kind as never)
    .where("subject_id", "=", subject)
    .where("source_id", "=", source)
    .orderBy("id", "desc")
    .executeTakeFirst();
  if (row) await db.deleteFrom("citations").where("id", "=", row.id).execute();
}

// ---------- merges ----------
// A snapshot holds a whole person, restricted fields included: it is sealed like the person row was.
const snapshotContext = (id: string) => `merges.snapshot:${id}`;
function openMerge(db: Db, m: MergesTable): MergesTable {
  return isSealed(m.snapshot) ? { ...m, snapshot: openFor(db, m.snapshot, snapshotContext(m.id)) } : m;
}

export async function insertMerge(db: Db, m: MergesTable) {
  await db
    .insertInto("merges")
    .values({ ...m, snapshot: sealFor(db, m.snapshot, snapshotContext(m.id)) })
    .execute();
}

export async function findMerge(db: Db, id: string): Promise<MergesTable | undefined> {
  const m = await db.selectFrom("merges").selectAll().where("id", "=", id).executeTakeFirst();
  return m && openMerge(db, m);
}

export async function listMerges(db: Db): Promise<MergesTable[]> {
  return (await db.selectFrom("merges").selectAll().orderBy("merged_at").execute()).map((m) =>
    openMerge(db, m),
  );
}

export async function markMergeUndone(db: Db, id: string, by: string) {
  await db
    .updateTable("merges")
    .set({ undone_at: new Date().toISOString(), undone_by: by })
    .where("id", "=", id)
    .execute();
}

/** Moves every row that points at one person to another (events, citations, links, findings). */
export async function repointPerson(
  db: Db,
  from: string,
  to: string,
): Promise<{ events: string[]; citations: number[] }> {
  const events = (await db.selectFrom("events").select("id").where("person_id", "=", from).execute()).map(
    (r) => r.id,
  );
  const citations = (
    await db
      .selectFrom("citations")
      .select("id")
      .where("subject_kind", "=", "person")
      .where("subject_id", "=", from)
      .execute()
  ).map((r) => r.id);
  await db.updateTable("events").set({ person_id: to }).where("person_id", "=", from).execute();
  await db
    .updateTable("citations")
    .set({ subject_id: to })
    .where("subject_kind", "=", "person")
    .where("subject_id", "=", from)
    .execute();
  for (const t of ["matter_people", "order_people"] as const) {
    const col = t === "matter_people" ? "matter_id" : "order_id";
    const rows = await db.selectFrom(t).selectAll().where("person_id", "=", from).execute();
    for (const r of rows) {
      const key = (r as Record<string, string>)[col] as string;
      await db.deleteFrom(t).where("person_id", "=", from).where(col, "=", key).execute();
      await db
        .insertInto(t)
        .values({ [col]: key, person_id: to } as never)
        .onConflict((oc) => oc.doNothing())
        .execute();
    }
  }
  return { events, citations };
}

/**
 * Removes a person that an accepted proposal created, with their events and citations, when nothing else
 * has come to depend on them since (another event, a legal matter, an order). Returns false otherwise.
 */
export async function removeCreatedPerson(
  db: Db,
  personId: string,
  createdEvents: string[],
): Promise<boolean> {
  const events = await db.selectFrom("events").select("id").where("person_id", "=", personId).execute();
  if (events.some((e) => !createdEvents.includes(e.id))) return false;
  const matter = await db
    .selectFrom("matter_people")
    .select("matter_id")
    .where("person_id", "=", personId)
    .executeTakeFirst();
  const order = await db
    .selectFrom("order_people")
    .select("order_id")
    .where("person_id", "=", personId)
    .executeTakeFirst();
  if (matter || order) return false;
  const ids = events.map((e) => e.id);
  if (ids.length) {
    await db
      .deleteFrom("citations")
      .where("subject_kind", "=", "event")
      .where("subject_id", "in", ids)
      .execute();
    await db.deleteFrom("events").where("id", "in", ids).execute();
  }
  await db
    .deleteFrom("citations")
    .where("subject_kind", "=", "person")
    .where("subject_id", "=", personId)
    .execute();
  await db.deleteFrom("search_docs").where("kind", "=", "person").where("ref", "=", personId).execute();
  await db.deleteFrom("people").where("id", "=", personId).execute();
  return true;
}
