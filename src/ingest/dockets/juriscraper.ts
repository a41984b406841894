// Reader for a PACER district-court docket as juriscraper's DocketReport parses it (the JSON CourtListener
// ingests): case fields at the top, `parties` with types and aliases, `docket_entries` with PACER ids.
import { aliasesFrom, caseTypeOf, day, text, uniqueParties } from "./shared.ts";
import type { DocketEntry, ParsedDocket } from "./types.ts";

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);

/** True when the JSON has juriscraper's shape (court id, docket number, entries with PACER fields). */
export function isJuriscraperDocket(json: unknown): json is Obj {
  if (!isObj(json) || !Array.isArray(json.docket_entries)) return false;
  if (typeof json.court_id !== "string" || typeof json.docket_number !== "string") return false;
  return json.docket_entries.every(
    (e) => isObj(e) && "description" in e && !("recap_documents" in e) && !("entry_number" in e),
  );
}

export function readJuriscraperDocket(json: Obj): ParsedDocket {
  const docketNumber = text(json.docket_number) ?? "";
  const entries: DocketEntry[] = (json.docket_entries as Obj[]).map((e) => {
    const pacer = text(e.pacer_doc_id);
    return {
      number: text(e.document_number),
      seq: text(e.pacer_seq_no),
      date_filed: day(e.date_filed),
      date_entered: day(e.date_entered),
      description: text(e.description) ?? "",
      pacer_doc_id: pacer,
      documents: pacer ? [{ pacer_doc_id: pacer }] : [],
    };
  });
  const parties = (Array.isArray(json.parties) ? json.parties : []).flatMap((p) => {
    const name = isObj(p) ? text(p.name) : undefined;
    return name && isObj(p) ? [{ name, type: text(p.type), aliases: aliasesFrom(p.extra_info) }] : [];
  });
  return {
    format: "juriscraper",
    court_id: (text(json.court_id) ?? "").toLowerCase(),
    docket_number: docketNumber,
    case_name: text(json.case_name) ?? docketNumber,
    nature_of_suit: text(json.nature_of_suit),
    cause: text(json.cause),
    case_type: text(json.federal_dn_case_type)?.toLowerCase() ?? caseTypeOf(docketNumber),
    judge: text(json.assigned_to_str),
    referred_to: text(json.referred_to_str),
    date_filed: day(json.date_filed),
    date_terminated: day(json.date_terminated),
    parties: uniqueParties(parties),
    entries,
  };
}
