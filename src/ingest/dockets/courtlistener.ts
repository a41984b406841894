// Readers for CourtListener dockets: the REST shape (a docket with nested `docket_entries` and their
// `recap_documents`, alone or in a page of `results`) and the Django fixture shape (a flat list of
// `{model, pk, fields}` objects linked by primary keys).
import { caseTypeOf, day, text, uniqueParties } from "./shared.ts";
import type { DocketDocument, DocketEntry, DocketParty, ParsedDocket } from "./types.ts";

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);
const num = (v: unknown) => (typeof v === "number" && Number.isFinite(v) ? v : undefined);

/** "https://www.courtlistener.com/api/rest/v4/courts/nysd/" or "nysd" → "nysd". */
function courtIdOf(v: unknown): string | undefined {
  const t = text(v);
  if (!t) return undefined;
  const m = /\/courts\/([a-z0-9]+)\/?$/i.exec(t);
  return (m?.[1] ?? t).toLowerCase();
}

function restDocket(d: unknown): d is Obj {
  if (!isObj(d) || !Array.isArray(d.docket_entries) || typeof d.docket_number !== "string") return false;
  if (!("court" in d) && !("court_id" in d)) return false;
  return d.docket_entries.every(
    (e) => isObj(e) && ("recap_documents" in e || "entry_number" in e) && "description" in e,
  );
}

/** True when the JSON is a CourtListener REST docket, or a page of them. */
export function isCourtListenerDocket(json: unknown): boolean {
  if (restDocket(json)) return true;
  return (
    isObj(json) && Array.isArray(json.results) && json.results.length > 0 && json.results.every(restDocket)
  );
}

function document(r: Obj): DocketDocument {
  return {
    id: text(r.id),
    pacer_doc_id: text(r.pacer_doc_id),
    sha1: text(r.sha1),
    page_count: num(r.page_count),
    attachment_number: num(r.attachment_number),
    description: text(r.description),
    available: typeof r.is_available === "boolean" ? r.is_available : undefined,
  };
}

function partiesOf(list: unknown): DocketParty[] {
  if (!Array.isArray(list)) return [];
  return list.flatMap((p) => {
    const name = isObj(p) ? text(p.name) : undefined;
    if (!name || !isObj(p)) return [];
    const types = Array.isArray(p.party_types) ? p.party_types : [];
    const type = types.map((t) => (isObj(t) ? text(t.name) : undefined)).find(Boolean);
    return [{ name, type, aliases: [] }];
  });
}

function readRest(d: Obj): ParsedDocket {
  const docketNumber = text(d.docket_number) ?? "";
  const entries: DocketEntry[] = (d.docket_entries as Obj[]).map((e) => {
    const docs = (Array.isArray(e.recap_documents) ? e.recap_documents : []).filter(isObj).map(document);
    const main = docs.find((x) => x.attachment_number === undefined) ?? docs[0];
    return {
      number: text(e.entry_number),
      seq: text(e.pacer_sequence_number) ?? text(e.id),
      date_filed: day(e.date_filed),
      date_entered: day(e.date_entered),
      description: text(e.description) ?? main?.description ?? "",
      pacer_doc_id: main?.pacer_doc_id,
      documents: docs,
    };
  });
  const url = text(d.absolute_url);
  return {
    format: "courtlistener",
    court_id: courtIdOf(d.court_id) ?? courtIdOf(d.court) ?? "",
    docket_number: docketNumber,
    case_name: text(d.case_name) ?? text(d.case_name_full) ?? docketNumber,
    nature_of_suit: text(d.nature_of_suit),
    cause: text(d.cause),
    case_type: caseTypeOf(docketNumber),
    judge: text(d.assigned_to_str),
    referred_to: text(d.referred_to_str),
    date_filed: day(d.date_filed),
    date_terminated: day(d.date_terminated),
    url: url ? new URL(url, "https://www.courtlistener.com").toString() : undefined,
    parties: uniqueParties(partiesOf(d.parties)),
    entries,
  };
}

export function readCourtListenerDockets(json: unknown): ParsedDocket[] {
  if (restDocket(json)) return [readRest(json)];
  return ((json as Obj).results as Obj[]).map(readRest);
}

// ---------- fixtures ----------
type Row = { model: string; pk: unknown; fields: Obj };
const isRow = (v: unknown): v is Row =>
  isObj(v) && typeof v.model === "string" && "pk" in v && isObj(v.fields);

/** True when the JSON is a Django fixture list holding at least one CourtListener docket. */
export function isCourtListenerFixture(json: unknown): json is Row[] {
  return (
    Array.isArray(json) &&
    json.length > 0 &&
    json.every(isRow) &&
    json.some((r) => (r as Row).model === "search.docket")
  );
}

export function readCourtListenerFixture(rows: Row[]): ParsedDocket[] {
  const by = (model: string) => rows.filter((r) => r.model === model);
  const key = (v: unknown) => String(v);
  const courts = new Map(by("search.court").map((c) => [key(c.pk), text(c.fields.full_name)]));
  const partyNames = new Map(by("people_db.party").map((p) => [key(p.pk), text(p.fields.name)]));
  const docs = new Map<string, DocketDocument[]>();
  for (const r of by("search.recapdocument")) {
    const entry = key(r.fields.docket_entry);
    docs.set(entry, [...(docs.get(entry) ?? []), document({ ...r.fields, id: r.pk })]);
  }
  return by("search.docket").map((d) => {
    const f = d.fields;
    const docketNumber = text(f.docket_number) ?? "";
    const courtId = courtIdOf(f.court) ?? "";
    const entries: DocketEntry[] = by("search.docketentry")
      .filter((e) => key(e.fields.docket) === key(d.pk))
      .map((e) => {
        const ds = docs.get(key(e.pk)) ?? [];
        const main = ds.find((x) => x.attachment_number === undefined) ?? ds[0];
        return {
          number: text(e.fields.entry_number),
          seq: text(e.fields.pacer_sequence_number) ?? text(e.pk),
          date_filed: day(e.fields.date_filed),
          description: text(e.fields.description) ?? main?.description ?? "",
          pacer_doc_id: main?.pacer_doc_id,
          documents: ds,
        };
      });
    const parties = by("people_db.partytype")
      .filter((t) => key(t.fields.docket) === key(d.pk))
      .flatMap((t) => {
        const name = partyNames.get(key(t.fields.party));
        return name ? [{ name, type: text(t.fields.name), aliases: [] }] : [];
      });
    return {
      format: "courtlistener-fixture" as const,
      court_id: courtId,
      court_name: courts.get(courtId),
      docket_number: docketNumber,
      case_name: text(f.case_name) ?? text(f.case_name_full) ?? docketNumber,
      nature_of_suit: text(f.nature_of_suit),
      cause: text(f.cause),
      case_type: caseTypeOf(docketNumber),
      judge: text(f.assigned_to_str),
      referred_to: text(f.referred_to_str),
      date_filed: day(f.date_filed),
      date_terminated: day(f.date_terminated),
      parties: uniqueParties(parties),
      entries,
    };
  });
}
