// The review queue: a person accepts or rejects what ingestion proposed; merges are logged and reversible.

import { AppError } from "../domain/errors.ts";
import { newId, opaqueId } from "../domain/ids.ts";
import { type JudgedPerson, type Person, PersonInputSchema } from "../domain/model.ts";
import type { Viewer } from "../domain/policy.ts";
import { compareNames } from "../ingest/identity.ts";
import { findMatterById, listMatters, listOrders, saveMatter, saveOrder } from "../store/catalog.ts";
import { addCitation } from "../store/citations.ts";
import type { Database, Db } from "../store/db.ts";
import { saveEvent } from "../store/events.ts";
import {
  deleteLatestCitation,
  findMerge,
  findProposal,
  insertMerge,
  insertProposals,
  listMerges,
  listProposals,
  listProposalsOfGroup,
  markMergeUndone,
  markProposal,
  type Proposal,
  pendingPayloads,
  removeCreatedPerson,
  reopenProposal,
  repointPerson,
} from "../store/evidence.ts";
import { findJudgedPeople, findPersonById, savePerson } from "../store/people.ts";
import type { ProposalsTable } from "../store/schema.ts";
import { nameCandidates } from "../store/search.ts";
import { audit } from "./audit.ts";
import { authorize } from "./authorize.ts";
import { partyLinked } from "./import-docket.ts";
import { insertEvent, insertPerson, prepareEvent, preparePerson } from "./record-case.ts";
import { loadEventForWrite, loadMatter, loadPerson, loadPersonForWrite, notFound } from "./scope.ts";
import { eventInput } from "./spreadsheet.ts";

const who = (v: Viewer) => v.userId ?? v.role;

export async function reviewQueue(
  db: Db,
  viewer: Viewer,
  f: { status?: string; limit?: number } = {},
): Promise<Proposal[]> {
  authorize(viewer, "read", "case");
  return listProposals(db, { status: f.status ?? "pending", limit: f.limit });
}

export type Decision = { proposal: string; status: "accepted" | "rejected" | "pending"; created?: string };

export async function decideProposal(
  db: Database,
  id: string,
  accept: boolean,
  viewer: Viewer,
  reason?: string,
): Promise<Decision> {
  authorize(viewer, "write", "case");
  return db.transaction().execute(async (tx) => {
    const p = await findProposal(tx, id);
    if (!p) throw new AppError("NOT_FOUND", `no proposal with id ${id}`);
    if (p.status !== "pending") throw new AppError("CONFLICT", `proposal ${id} was already ${p.status}`);
    if (!accept) {
      await markProposal(tx, id, "rejected", who(viewer), reason);
      await audit(tx, viewer, "proposal.reject", `proposal:${id}`, { kind: p.kind });
      return { proposal: id, status: "rejected" };
    }
    let created: string | undefined;
    const source = p.source_id ?? "";
    const sourceless = p.kind === "merge_people" || p.kind === "update_person" || p.kind === "update_event";
    if (!source && !sourceless) throw new AppError("CONFLICT", `proposal ${id} has no source`);
    switch (p.kind) {
      case "link_person":
      case "link_facility":
      case "link_matter": {
        const kind = p.kind === "link_person" ? "person" : p.kind === "link_facility" ? "facility" : "matter";
        if (!p.subject_id) throw new AppError("CONFLICT", `proposal ${id} names no record`);
        // The record linked must be one the reviewer may see: otherwise the proposal is as if missing.
        if (kind === "person")
          await loadPerson(tx, viewer, p.subject_id).catch(() => Promise.reject(notFound("proposal", id)));
        if (kind === "matter")
          await loadMatter(tx, viewer, p.subject_id).catch(() => Promise.reject(notFound("proposal", id)));
        await addCitation(tx, kind, p.subject_id, { source });
        break;
      }
      case "link_party": {
        // A docket's party is this person: the matter is about them, and the docket is a source of theirs.
        const matterId = String(p.payload.matter ?? "");
        const person = p.subject_id ?? "";
        // Both records through the scope: the reviewer must be able to change the person.
        const m = await findMatterById(tx, matterId);
        if (!m) throw new AppError("CONFLICT", `proposal ${id}: no legal matter ${matterId}`);
        await loadPersonForWrite(tx, viewer, person).catch(() => Promise.reject(notFound("proposal", id)));
        if (!m.people.includes(person))
          await saveMatter(tx, { ...m, people: [...m.people, person] }, m.citations);
        await addCitation(tx, "person", person, { source });
        await partyLinked(tx, matterId, person, p.payload.party_type as string | undefined);
        break;
      }
      case "update_person":
      case "update_event": {
        created = await applySheetChanges(tx, p.kind, p.payload, viewer);
        break;
      }
      case "new_event": {
        const e = await prepareEvent(tx, { ...p.payload, sources: [{ source }] }, viewer);
        await insertEvent(tx, viewer, e, "review");
        created = e.id;
        break;
      }
      case "new_person": {
        created = await acceptNewPerson(tx, p, source, viewer);
        break;
      }
      case "merge_people": {
        const keep = String(p.payload.keep ?? "");
        const merge = String(p.payload.merge ?? "");
        created = await mergeIn(tx, keep, merge, viewer, `accepted proposal ${id}`);
        break;
      }
      default:
        throw new AppError("CONFLICT", `unknown proposal kind ${p.kind}`);
    }
    await markProposal(tx, id, "accepted", who(viewer), reason, created);
    await audit(tx, viewer, "proposal.accept", `proposal:${id}`, { kind: p.kind, created });
    return { proposal: id, status: "accepted", created };
  });
}

/**
 * A proposed person becomes a record through the one person-creation function: private by default (no
 * consent flag set), every surface form as an alias, the article's sentence as the citation; the event the
 * article places them in (with its facility) comes along when it is complete. Returns "person|event".
 */
async function acceptNewPerson(tx: Db, p: Proposal, source: string, viewer: Viewer): Promise<string> {
  const name = String(p.payload.full_name ?? "").trim();
  if (!name) throw new AppError("CONFLICT", `proposal ${p.id} names no one`);
  const forms = Array.isArray(p.payload.forms) ? p.payload.forms.map(String) : [];
  const nationality = typeof p.payload.nationality === "string" ? p.payload.nationality : undefined;
  const sentence = typeof p.payload.sentence === "string" ? p.payload.sentence.slice(0, 2000) : undefined;
  // The one person-creation path (validation, sources the reviewer may read, team, audit).
  const data = await preparePerson(
    tx,
    {
      full_name: name,
      aliases: [...new Set(forms.filter((f) => f !== name && f.length <= 300))].slice(0, 50),
      nationalities: nationality ? [nationality] : [],
      sources: [{ source, quote: sentence }],
    },
    viewer,
  );
  const person = opaqueId("p");
  await insertPerson(tx, viewer, person, data, "review");
  const ev = p.payload.event as { type?: string; date?: string } | null | undefined;
  const facility = p.payload.facility as { id?: string | null } | null | undefined;
  let event = "";
  if (ev?.type && ev.date) {
    try {
      const e = await prepareEvent(
        tx,
        {
          person,
          type: ev.type,
          when: ev.date,
          facility: facility?.id ?? undefined,
          summary: sentence,
          sources: [{ source }],
        },
        viewer,
      );
      await insertEvent(tx, viewer, e, "review");
      event = e.id;
    } catch (err) {
      // An event the store cannot take (a facility not in the registry) leaves the person in place.
      if (!(err instanceof AppError) || err.code !== "BAD_INPUT") throw err;
    }
  }
  return event ? `${person}|${event}` : person;
}

/**
 * Undoes an accepted proposal: the link's citation, the event, the person it created (while nothing else
 * depends on them) or the merge go, and the proposal waits for a reviewer again. Audited like the accept.
 */
export async function undoDecision(db: Database, id: string, viewer: Viewer): Promise<Decision> {
  authorize(viewer, "write", "case");
  return db.transaction().execute(async (tx) => {
    const p = await findProposal(tx, id);
    if (!p) throw new AppError("NOT_FOUND", `no proposal with id ${id}`);
    if (p.status === "pending") throw new AppError("CONFLICT", `proposal ${id} is not decided`);
    const created = p.created_id ?? "";
    // What an undo touches must be visible to the reviewer, as for the decision itself.
    const hidden = () => Promise.reject(notFound("proposal", id));
    if (p.kind === "link_person" && p.subject_id) await loadPerson(tx, viewer, p.subject_id).catch(hidden);
    if (p.kind === "link_matter" && p.subject_id) await loadMatter(tx, viewer, p.subject_id).catch(hidden);
    if (p.status === "accepted" && p.kind === "new_person" && created)
      await loadPersonForWrite(tx, viewer, created.split("|")[0]!).catch(hidden);
    if (p.status === "accepted") {
      const source = p.source_id ?? "";
      switch (p.kind) {
        case "link_person":
        case "link_facility":
        case "link_matter": {
          const kind =
            p.kind === "link_person" ? "person" : p.kind === "link_facility" ? "facility" : "matter";
          if (p.subject_id) await deleteLatestCitation(tx, kind, p.subject_id, source);
          break;
        }
        case "new_event": {
          if (created) {
            await tx
              .deleteFrom("citations")
              .where("subject_kind", "=", "event")
              .where("subject_id", "=", created)
              .execute();
            await tx.deleteFrom("events").where("id", "=", created).execute();
          }
          break;
        }
        case "new_person": {
          const [person, event] = created.split("|");
          if (person && !(await removeCreatedPerson(tx, person, event ? [event] : [])))
            throw new AppError(
              "CONFLICT",
              `person ${person} has more in the record now; edit or merge instead`,
            );
          break;
        }
        case "merge_people": {
          if (created) await undoMergeIn(tx, created, viewer);
          break;
        }
      }
    }
    await reopenProposal(tx, id);
    await audit(tx, viewer, "proposal.undo", `proposal:${id}`, { kind: p.kind, was: p.status, created });
    return { proposal: id, status: "pending", created: created || undefined };
  });
}

export type ReviewGroup = {
  /** "<source id>~<kind>": what `decideGroup` takes. */
  key: string;
  source: string | null;
  kind: string;
  count: number;
  /** The first few proposals, each with the sentence a reviewer reads. */
  sample: Proposal[];
};

const GROUP_SEP = "~";

export function groupKey(source: string | null, kind: string): string {
  return `${source ?? ""}${GROUP_SEP}${kind}`;
}

function parseGroupKey(key: string): { source: string | null; kind: string } {
  const at = key.lastIndexOf(GROUP_SEP);
  if (at < 0)
    throw new AppError("BAD_INPUT", `not a review group: ${key} (expected <source>${GROUP_SEP}<kind>)`);
  return { source: key.slice(0, at) || null, kind: key.slice(at + 1) };
}

/**
 * Accepts or rejects every pending proposal of a group, one proposal at a time through decideProposal (so
 * each is checked, audited and reversible on its own); `except` leaves named proposals pending.
 */
export async function decideGroup(
  db: Database,
  key: string,
  accept: boolean,
  viewer: Viewer,
  opts: {
    reason?: string;
    except?: readonly string[];
    /** The one per-proposal decision (and its checks) this goes through; decideProposal by default. */
    decide?: typeof decideProposal;
  } = {},
): Promise<Decision[]> {
  authorize(viewer, "write", "case");
  const g = parseGroupKey(key);
  const items = await listProposalsOfGroup(db, g);
  if (!items.length) throw new AppError("NOT_FOUND", `no pending proposals in group ${key}`);
  const decide = opts.decide ?? decideProposal;
  const out: Decision[] = [];
  for (const p of items) {
    if (opts.except?.includes(p.id)) continue;
    try {
      out.push(await decide(db, p.id, accept, viewer, opts.reason));
    } catch (err) {
      // A proposal this viewer may not see answers like a missing one: it stays for someone who may.
      if (!(err instanceof AppError) || err.code !== "NOT_FOUND") throw err;
    }
  }
  return out;
}

/** Merges `mergeId` into `keepId`: its events, sources, matters and orders move over; it is kept in the log. */
async function mergeIn(
  tx: Db,
  keepId: string,
  mergeId: string,
  viewer: Viewer,
  reason?: string,
): Promise<string> {
  if (keepId === mergeId) throw new AppError("BAD_INPUT", "cannot merge a person into themselves");
  // Both records through the scope: a merge moves everything of one into the other.
  const keep = await loadPersonForWrite(tx, viewer, keepId);
  const merged = await loadPersonForWrite(tx, viewer, mergeId);
  // Different A-numbers or birth dates mean different people: never merge them.
  if (
    keep.a_number &&
    merged.a_number &&
    keep.a_number.replace(/\D/g, "") !== merged.a_number.replace(/\D/g, "")
  ) {
    throw new AppError("CONFLICT", "these records have different A-numbers: they are different people");
  }
  if (keep.birth_date && merged.birth_date && keep.birth_date !== merged.birth_date) {
    throw new AppError("CONFLICT", "these records have different birth dates: they are different people");
  }
  const orders = (await listOrders(tx, { people: [mergeId] })).map((o) => o.id);
  const matters = (await listMatters(tx, { person: mergeId })).map((m) => m.id);
  const moved = await repointPerson(tx, mergeId, keepId);
  for (const o of await listOrders(tx, { people: [keepId] })) {
    if (!o.covers.people.includes(mergeId)) continue;
    const people = [...new Set(o.covers.people.map((x) => (x === mergeId ? keepId : x)))];
    await saveOrder(tx, { ...o, covers: { ...o.covers, people } }, o.citations);
  }
  for (const m of await listMatters(tx, { person: keepId })) {
    if (!m.people.includes(mergeId)) continue;
    await saveMatter(
      tx,
      { ...m, people: [...new Set(m.people.map((x) => (x === mergeId ? keepId : x)))] },
      m.citations,
    );
  }
  // The merged name lives on as an alias of the kept record.
  const aliases = [...new Set([...keep.aliases, merged.full_name, ...merged.aliases])].filter(
    (a) => a !== keep.full_name,
  );
  await savePerson(tx, keepId, PersonInputSchema.parse({ ...toInput(keep), aliases }));
  await tx.deleteFrom("people").where("id", "=", mergeId).execute();
  const mergeLog = newId(`merge-${mergeId}`);
  await insertMerge(tx, {
    id: mergeLog,
    kept_id: keepId,
    merged_id: mergeId,
    snapshot: JSON.stringify({ person: merged, keptAliases: keep.aliases, ...moved, orders, matters }),
    reason: reason ?? null,
    merged_at: new Date().toISOString(),
    merged_by: who(viewer),
    undone_at: null,
    undone_by: null,
  });
  await audit(tx, viewer, "person.merge", `person:${keepId}`, { merged: mergeId, log: mergeLog });
  return mergeLog;
}

function toInput(p: Person) {
  const { citations, created_at: _c, updated_at: _u, ...rest } = p;
  return { ...rest, sources: citations };
}

export async function mergePeople(
  db: Database,
  keepId: string,
  mergeId: string,
  viewer: Viewer,
  reason?: string,
) {
  authorize(viewer, "write", "case");
  return db.transaction().execute((tx) => mergeIn(tx, keepId, mergeId, viewer, reason));
}

/** Undoes a merge: the merged person comes back with the events, sources, matters and orders that were theirs. */
export async function undoMerge(db: Database, mergeLogId: string, viewer: Viewer) {
  authorize(viewer, "write", "case");
  return db.transaction().execute((tx) => undoMergeIn(tx, mergeLogId, viewer));
}

async function undoMergeIn(tx: Db, mergeLogId: string, viewer: Viewer) {
  {
    const m = await findMerge(tx, mergeLogId);
    if (!m) throw new AppError("NOT_FOUND", `no merge with id ${mergeLogId}`);
    if (m.undone_at) throw new AppError("CONFLICT", `merge ${mergeLogId} was already undone`);
    const snap = JSON.parse(m.snapshot) as {
      person: Person;
      keptAliases: string[];
      events: string[];
      citations: number[];
      orders: string[];
      matters: string[];
    };
    if (await findPersonById(tx, m.merged_id))
      throw new AppError("CONFLICT", `a person with id ${m.merged_id} exists again`);
    await savePerson(tx, m.merged_id, PersonInputSchema.parse(toInput(snap.person)));
    if (snap.events.length)
      await tx.updateTable("events").set({ person_id: m.merged_id }).where("id", "in", snap.events).execute();
    if (snap.citations.length) {
      // savePerson re-created the person's citations from the snapshot; drop the moved copies.
      await tx.deleteFrom("citations").where("id", "in", snap.citations).execute();
    }
    for (const o of await listOrders(tx)) {
      if (!snap.orders.includes(o.id)) continue;
      await saveOrder(
        tx,
        { ...o, covers: { ...o.covers, people: [...new Set([...o.covers.people, m.merged_id])] } },
        o.citations,
      );
    }
    for (const mt of await listMatters(tx)) {
      if (!snap.matters.includes(mt.id)) continue;
      await saveMatter(tx, { ...mt, people: [...new Set([...mt.people, m.merged_id])] }, mt.citations);
    }
    const kept = await findPersonById(tx, m.kept_id);
    if (kept)
      await savePerson(
        tx,
        m.kept_id,
        PersonInputSchema.parse({ ...toInput(kept), aliases: snap.keptAliases }),
      );
    await markMergeUndone(tx, mergeLogId, who(viewer));
    await audit(tx, viewer, "person.unmerge", `person:${m.merged_id}`, { kept: m.kept_id, log: mergeLogId });
    return { restored: m.merged_id };
  }
}

export async function mergeLog(db: Db, viewer: Viewer) {
  authorize(viewer, "read", "case");
  return listMerges(db);
}

/**
 * Proposes merges of stored people whose names identity resolution links (it never merges them):
 * a reviewer confirms each. Candidates come from the name index, so this scales with the record. Every
 * individual is checked, in id order, unless `limit` says how many (the first that many): what was checked
 * is reported, never left to be guessed. People are read 200 at a time with their candidates.
 */
export async function proposeMerges(
  db: Database,
  viewer: Viewer,
  opts: { limit?: number; onProgress?: (checked: number, total: number) => void } = {},
): Promise<{ proposed: number; checked: number; individuals: number }> {
  authorize(viewer, "write", "case");
  const all = (
    await db.selectFrom("people").select("id").where("kind", "=", "individual").orderBy("id").execute()
  ).map((r) => r.id);
  const ids = opts.limit === undefined ? all : all.slice(0, opts.limit);
  const pending = new Set(
    (await pendingPayloads(db, "merge_people")).map((p) => [p.keep, p.merge].sort().join("|")),
  );
  const rows: ProposalsTable[] = [];
  const now = new Date().toISOString();
  for (let i = 0; i < ids.length; i += 200) {
    const people = await findJudgedPeople(db, ids.slice(i, i + 200));
    const pairs: [JudgedPerson, string][] = [];
    for (const p of people)
      for (const otherId of await nameCandidates(db, p.full_name, { limit: 10 }))
        if (otherId > p.id) pairs.push([p, otherId]); // each pair once
    const others = new Map(
      (await findJudgedPeople(db, [...new Set(pairs.map(([, o]) => o))])).map((q) => [q.id, q]),
    );
    for (const [p, otherId] of pairs) {
      const q = others.get(otherId);
      if (q?.kind !== "individual") continue;
      const score = compareNames(
        { name: p.full_name, a_number: p.a_number, birth_date: p.birth_date },
        { name: q.full_name, a_number: q.a_number, birth_date: q.birth_date },
      );
      const key = [p.id, otherId].sort().join("|");
      if (score < 0.8 || pending.has(key)) continue;
      pending.add(key);
      rows.push({
        id: newId("merge"),
        kind: "merge_people",
        source_id: null,
        subject_id: p.id,
        payload: JSON.stringify({
          keep: p.id,
          merge: otherId,
          keep_name: p.full_name,
          merge_name: q.full_name,
        }),
        score,
        status: "pending",
        reason: null,
        created_at: now,
        decided_at: null,
        decided_by: null,
      });
    }
    opts.onProgress?.(Math.min(i + 200, ids.length), ids.length);
  }
  await insertProposals(db, rows);
  return { proposed: rows.length, checked: ids.length, individuals: all.length };
}

type Changes = Record<string, { from: unknown; to: unknown }>;
const same = (a: unknown, b: unknown) => JSON.stringify(a ?? "") === JSON.stringify(b ?? "");

/**
 * Applies the changes of a spreadsheet row, field by field, if the record still holds what was exported:
 * a value changed in habeas since then is a conflict for the reviewer, never silently overwritten.
 */
async function applySheetChanges(
  tx: Db,
  kind: string,
  payload: Record<string, unknown>,
  viewer: Viewer,
): Promise<string> {
  const changes = (payload.changes ?? {}) as Changes;
  if (kind === "update_person") {
    const id = String(payload.person ?? "");
    const person = await loadPersonForWrite(tx, viewer, id);
    const restrictedField = (f: string) => f === "a_number" || f === "birth_date";
    const next: Record<string, unknown> = { ...toInput(person) };
    for (const [field, c] of Object.entries(changes)) {
      if (restrictedField(field)) authorize(viewer, "write", "restricted");
      const now = (person as Record<string, unknown>)[field];
      const was = Array.isArray(now) ? now.join("; ") : (now ?? "");
      if (!same(was, c.from))
        throw new AppError("CONFLICT", `${field} of ${id} changed since the spreadsheet was made`);
      next[field] = c.to;
    }
    await savePerson(tx, id, PersonInputSchema.parse(next));
    await audit(tx, viewer, "person.update", `person:${id}`, {
      fields: Object.keys(changes),
      via: "spreadsheet",
    });
    return id;
  }
  const id = String(payload.event ?? "");
  const { event: e } = await loadEventForWrite(tx, viewer, id);
  const input = eventInput(e);

  for (const [field, c] of Object.entries(changes)) {
    const now = field === "when" ? e.at : input[field];
    if (!same(now, c.from))
      throw new AppError("CONFLICT", `${field} of event ${id} changed since the spreadsheet was made`);
    input[field] = c.to;
    if (field === "when") input.precision = undefined;
  }
  await saveEvent(tx, await prepareEvent(tx, input, viewer));
  await audit(tx, viewer, "event.update", `event:${id}`, {
    fields: Object.keys(changes),
    via: "spreadsheet",
  });
  return id;
}
