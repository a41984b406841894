// Importing a court docket: the legal matter, each entry kept as a source (with its document ids and hash),
// the entries that are court orders as orders, and parties proposed — never linked — to people on record.
// Re-importing the same or a newer docket updates the same records.

import { createHash } from "node:crypto";
import { badInput } from "../domain/errors.ts";
import type { CourtOrder, LegalMatter } from "../domain/model.ts";
import type { Viewer } from "../domain/policy.ts";
import { parseWhen } from "../domain/time.ts";
import {
  classifyEntry,
  courtName,
  type DocketEntry,
  isImmigrationMatter,
  isOrderClass,
  type ParsedDocket,
} from "../ingest/dockets/index.ts";
import { compareNames } from "../ingest/identity.ts";
import {
  findMatterById,
  findOrderById,
  findSourceById,
  listOrders,
  saveMatter,
  saveOrder,
  saveSource,
} from "../store/catalog.ts";
import type { Database, Db } from "../store/db.ts";
import {
  docketEntryHashes,
  listDocketEntries,
  mattersByDocketPrefix,
  saveDocketEntry,
} from "../store/dockets.ts";
import { insertProposals, saveCapture } from "../store/evidence.ts";
import type { ProposalsTable } from "../store/schema.ts";
import { audit } from "./audit.ts";
import { authorize } from "./authorize.ts";
import { searchPeople } from "./search-people.ts";

export type DocketImportResult = {
  matter: string;
  created: boolean;
  court: string;
  docket_number: string;
  case_name: string;
  entries: number;
  new_entries: number;
  changed_entries: number;
  orders: number;
  proposals: number;
  sha256: string;
};

const slug = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");

/** The matter id a docket always gets, so a re-import finds it: court + docket number. */
function matterIdFor(courtId: string, docketNumber: string): string {
  return `docket-${slug(courtId) || "court"}-${slug(docketNumber)}`.slice(0, 90).replace(/-+$/, "");
}

const sha256 = (x: string | Uint8Array) => createHash("sha256").update(x).digest("hex");

/** "1:25-cv-00766-JEB" and "1:25-cv-00766" are one case: the number without the judges' initials. */
function docketCore(n: string): string {
  const t = n.trim().toLowerCase();
  return /^\d+:\d{2}-[a-z]{2,4}-\d+/.exec(t)?.[0] ?? t;
}

/**
 * The matter a docket updates: one recorded before under the same court and docket number (by hand, or from
 * a dataset), else the id the docket always gets.
 */
async function matterFor(db: Db, d: ParsedDocket, court: string): Promise<string> {
  const core = docketCore(d.docket_number);
  const fold = (x: string) =>
    x
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, " ")
      .trim();
  for (const m of await mattersByDocketPrefix(db, d.docket_number.trim().slice(0, core.length))) {
    const sameCourt = m.court_id === d.court_id || fold(m.court).endsWith(fold(court));
    if (m.docket_number && docketCore(m.docket_number) === core && sameCourt) return m.id;
  }
  return matterIdFor(d.court_id, d.docket_number);
}

/** Each entry's stable key: its docket number when unique, else number or date plus a hash of its text. */
function entryKeys(entries: DocketEntry[]): string[] {
  const counts = new Map<string, number>();
  for (const e of entries) if (e.number) counts.set(e.number, (counts.get(e.number) ?? 0) + 1);
  return entries.map((e) => {
    const h = sha256(`${e.date_filed ?? ""}\n${e.description}`).slice(0, 8);
    if (e.number && counts.get(e.number) === 1) return slug(e.number);
    return e.number ? `${slug(e.number)}-${h}` : `u${h}`;
  });
}

/** Parties that can be people: not the government, not a company, not an attorney. */
function mayBePerson(name: string, type?: string): boolean {
  if (type && /attorney|counsel|trustee/i.test(type)) return false;
  if (/^(?:usa|united states)\b/i.test(name)) return false;
  return !/\b(?:inc|llc|l\.l\.c|corp|corporation|company|co\.|ltd|lp|llp|group|party|association|department|office|county|city|state of|trustees?|academy|university|bank|does?)\b/i.test(
    name,
  );
}

async function partyProposals(
  db: Db,
  d: ParsedDocket,
  matter: LegalMatter,
  sourceId: string,
  viewer: Viewer,
): Promise<ProposalsTable[]> {
  const now = new Date().toISOString();
  const rows: ProposalsTable[] = [];
  for (const party of d.parties) {
    if (!mayBePerson(party.name, party.type)) continue;
    let best: { id: string; name: string; score: number } | undefined;
    for (const name of [party.name, ...party.aliases]) {
      for (const m of await searchPeople(db, name.slice(0, 200), viewer, { limit: 5, minScore: 0.8 })) {
        if (m.person.kind === "group" || matter.people.includes(m.person.id)) continue;
        const names = [m.person.full_name, ...(m.person.aliases ?? [])];
        const score = Math.max(...names.map((n) => compareNames({ name }, { name: n })));
        if (score >= 0.8 && (!best || score > best.score))
          best = { id: m.person.id, name: m.person.full_name, score };
      }
    }
    if (!best) continue;
    rows.push({
      // One proposal per matter and person, whatever the number of re-imports.
      id: `party-${sha256(`${matter.id}\n${best.id}`).slice(0, 24)}`,
      kind: "link_party",
      source_id: sourceId,
      subject_id: best.id,
      payload: JSON.stringify({
        matter: matter.id,
        caption: matter.caption,
        party: party.name,
        party_type: party.type,
        person: best.id,
        person_name: best.name,
      }),
      score: best.score,
      status: "pending",
      reason: null,
      created_at: now,
      decided_at: null,
      decided_by: null,
    });
  }
  return rows;
}

/** Imports the dockets read from one file (`bytes` are the file as given, kept as the captured original). */
export async function importDockets(
  db: Database,
  dockets: ParsedDocket[],
  file: { name: string; bytes: Uint8Array },
  viewer: Viewer,
): Promise<DocketImportResult[]> {
  authorize(viewer, "write", "import");
  dockets.forEach((d, i) => {
    const where = dockets.length > 1 ? `${file.name} docket ${i + 1}` : file.name;
    if (!d.court_id) throw badInput(`${where}: the docket names no court`);
    if (!d.docket_number) throw badInput(`${where}: the docket has no docket number`);
  });
  const digest = sha256(file.bytes);
  const now = new Date().toISOString();
  const out: DocketImportResult[] = [];
  for (const d of dockets) {
    const court = courtName(d.court_id) ?? d.court_name ?? d.court_id;
    const id = await matterFor(db, d, court);
    const existing = await findMatterById(db, id);
    const immigration = isImmigrationMatter(d);
    const docketSource = `${id}.docket`;
    const proposals = await partyProposals(
      db,
      d,
      existing ?? ({ id, caption: d.case_name, people: [] } as unknown as LegalMatter),
      docketSource,
      viewer,
    );
    const result = await db.transaction().execute(async (tx) => {
      await saveCapture(tx, {
        sha256: digest,
        media_type: "application/json",
        file_name: file.name,
        bytes: file.bytes,
        text: null,
        captured_at: now,
      });
      const firstSeen = async (sourceId: string) => (await findSourceById(tx, sourceId))?.captured_at ?? now;
      await saveSource(tx, {
        id: docketSource,
        publisher: court,
        url: d.url,
        title: `Docket ${d.docket_number}: ${d.case_name}`.slice(0, 500),
        published_on: d.date_filed,
        captured_at: await firstSeen(docketSource),
        capture_sha256: digest,
        reliability: "primary",
        kind: "court_record",
      });
      const matter: Omit<LegalMatter, "citations"> = {
        id,
        caption: d.case_name.slice(0, 300),
        court,
        court_id: d.court_id,
        docket_number: d.docket_number,
        judge: d.judge,
        parties: d.parties.map((p) => p.name.slice(0, 300)).slice(0, 500),
        class_definition: existing?.class_definition,
        filed_on: d.date_filed,
        decided_on: d.date_terminated,
        // A matter recorded by hand keeps the status its team gave it; a docket's own says open or terminated.
        status:
          existing && !existing.court_id && existing.status
            ? existing.status
            : d.date_terminated
              ? "terminated"
              : "open",
        summary: existing?.summary,
        nature_of_suit: d.nature_of_suit,
        cause: d.cause,
        case_type: d.case_type,
        // People come only from accepted review proposals; a re-import keeps them.
        people: existing?.people ?? [],
      };
      await saveMatter(tx, matter, [{ source: docketSource }]);
      const before = await docketEntryHashes(tx, id);
      const keys = entryKeys(d.entries);
      let fresh = 0;
      let changed = 0;
      let orders = 0;
      for (const [i, e] of d.entries.entries()) {
        const key = keys[i] as string;
        const sourceId = `${id}.e${key}`;
        const hash = sha256(JSON.stringify(e));
        const had = before.get(sourceId);
        if (had === undefined) fresh++;
        else if (had !== hash) changed++;
        const reading = classifyEntry(e.description, immigration);
        const date = e.date_filed ?? e.date_entered;
        await saveSource(tx, {
          id: sourceId,
          publisher: court,
          title:
            `${d.docket_number} #${e.number ?? "–"}${date ? ` (${date})` : ""}: ${e.description || "(no text)"}`.slice(
              0,
              500,
            ),
          published_on: date,
          url: d.url,
          captured_at: await firstSeen(sourceId),
          capture_sha256: digest,
          reliability: "primary",
          kind: "court_record",
        });
        let orderId: string | null = null;
        if (isOrderClass(reading.kind) && (date ?? d.date_filed)) {
          orderId = `${id}.o${key}`;
          const old = await findOrderById(tx, orderId);
          const when = parseWhen((date ?? d.date_filed) as string, "UTC");
          const order: Omit<CourtOrder, "citations"> = {
            id: orderId,
            matter: id,
            kind: reading.kind,
            issued_at: when.at,
            precision: when.precision,
            tz: "UTC",
            oral: /^oral order\b/i.test(e.description),
            covers: old?.covers ?? { people: [] },
            bars: reading.bars,
            requires: old?.requires,
            deadline_at: old?.deadline_at,
            summary: (e.description || `${reading.kind} ${e.number ?? ""}`).slice(0, 4000),
          };
          await saveOrder(tx, order, [
            { source: sourceId, quote: e.description.slice(0, 2000) || undefined },
          ]);
          orders++;
        }
        await saveDocketEntry(tx, {
          source_id: sourceId,
          matter_id: id,
          entry_key: key,
          entry_number: e.number ?? null,
          seq: e.seq ?? null,
          date_filed: e.date_filed ?? null,
          date_entered: e.date_entered ?? null,
          description: e.description,
          class: reading.kind,
          order_id: orderId,
          pacer_doc_id: e.pacer_doc_id ?? null,
          documents: JSON.stringify(e.documents),
          sha256: hash,
          position: i,
        });
      }
      await insertProposals(tx, proposals);
      const r: DocketImportResult = {
        matter: id,
        created: !existing,
        court,
        docket_number: d.docket_number,
        case_name: d.case_name,
        entries: d.entries.length,
        new_entries: fresh,
        changed_entries: changed,
        orders,
        proposals: proposals.length,
        sha256: digest,
      };
      await audit(tx, viewer, "docket.import", `matter:${id}`, {
        format: d.format,
        entries: r.entries,
        new_entries: fresh,
        changed_entries: changed,
        orders,
        proposals: proposals.length,
        sha256: digest,
      });
      return r;
    });
    out.push(result);
  }
  return out;
}

/** Orders whose protection reaches the petitioner: only ever read from immigration cases (bars, stays, grants). */
const protective = (o: CourtOrder) => o.bars.length > 0 || o.kind === "stay" || o.kind === "habeas_grant";

/**
 * After a reviewer confirmed that a docket's party is this person: the protective orders of an immigration
 * case cover them when they are its petitioner or plaintiff, and the docket's petition, notices of appeal
 * and those orders are proposed as events of theirs (each again for review). Returns the proposals made.
 */
export async function partyLinked(
  tx: Db,
  matterId: string,
  person: string,
  partyType: string | undefined,
): Promise<number> {
  const petitioner = /petitioner|plaintiff/i.test(partyType ?? "");
  const court = (await findMatterById(tx, matterId))?.court.slice(0, 200);
  const orders = await listOrders(tx, { matter: matterId });
  const covered = new Set<string>();
  for (const o of orders) {
    if (!petitioner || !protective(o) || o.covers.people.includes(person)) continue;
    await saveOrder(tx, { ...o, covers: { ...o.covers, people: [...o.covers.people, person] } }, o.citations);
    covered.add(o.id);
  }
  const now = new Date().toISOString();
  const rows: ProposalsTable[] = [];
  const byId = new Map(orders.map((o) => [o.id, o]));
  for (const e of await listDocketEntries(tx, matterId)) {
    const when = e.date_filed ?? e.date_entered;
    if (!when) continue;
    const order = e.order_id ? byId.get(e.order_id) : undefined;
    const event =
      e.class === "petition"
        ? { type: "HABEAS_FILED", details: court ? { court } : {} }
        : e.class === "notice_of_appeal"
          ? { type: "APPEAL_FILED", details: { forum: "court of appeals" } }
          : order && protective(order) && (covered.has(order.id) || order.covers.people.includes(person))
            ? { type: "COURT_ORDER", details: { order: order.id } }
            : undefined;
    if (!event) continue;
    rows.push({
      id: `docket-event-${sha256(`${e.source_id}\n${person}`).slice(0, 24)}`,
      kind: "new_event",
      source_id: e.source_id,
      subject_id: person,
      payload: JSON.stringify({
        person,
        type: event.type,
        when,
        summary: e.description.slice(0, 500) || event.type,
        details: event.details,
        matter: matterId,
      }),
      score: null,
      status: "pending",
      reason: null,
      created_at: now,
      decided_at: null,
      decided_by: null,
    });
  }
  await insertProposals(tx, rows);
  return rows.length;
}
