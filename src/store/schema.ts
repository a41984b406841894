// Row types of every table: one interface per table, as Kysely sees them on both engines.
// Times are ISO-8601 UTC text and JSON columns are text on both engines, so rows compare alike.
import type { Generated } from "kysely";

export interface PeopleTable {
  id: string;
  kind: string;
  full_name: string;
  given_names: string | null;
  first_surname: string | null;
  second_surname: string | null;
  aliases: string; // json string[]
  group_size: number | null;
  group_definition: string | null;
  nationalities: string; // json
  citizenship_status: string;
  citizenship_evidence: string | null;
  languages: string; // json
  protections: string; // json Protection[]
  consent: string; // json Consent
  is_public: number; // consent.publish || consent.public_record
  summary: string | null;
  team: string | null;
  search_name: string; // folded names for fuzzy search
  /** The restricted fields as one AES-256-GCM sealed JSON object (store/cipher.ts); null when none. */
  sealed: string | null;
  /** Keyed hash of the A-number's digits, for duplicate checks without the number itself. */
  a_number_index: string | null;
  created_at: string;
  updated_at: string;
}

export interface NameTrigramsTable {
  trigram: string;
  person_id: string;
}

/** The folded words of each person's names (domain/names.ts nameWords), migration 090. */
export interface NameWordsTable {
  word: string;
  person_id: string;
}

/** SQLite only: how many people each trigram indexes (fuzzy search leans on the rare ones). */
export interface NameTrigramCountsTable {
  trigram: string;
  n: number;
}

export interface EventsTable {
  id: string;
  person_id: string;
  type: string;
  at: string;
  precision: string;
  /** Migration 014: the end of the range an unknown date lies in. */
  at_latest: string | null;
  tz: string;
  facility_id: string | null;
  place: string | null;
  country: string | null;
  matter_id: string | null;
  summary: string;
  details: string; // json
  /**
   * Migration 097: 1 when any citation supports the event, else 0. Kept by the database's triggers on
   * `citations` (habeas' code writes it only where it bulk-loads events beside their citations).
   */
  cited: Generated<number>;
  created_at: string;
  updated_at: string;
}

/**
 * Migration 098: each public person's dashboard figures, kept by the database's triggers on `events` and on
 * `people.is_public` (store/public-figures.ts; habeas' code writes them only where it bulk-loads events).
 */
export interface PublicPersonFiguresTable {
  person_id: string;
  /** When the person's newest event happened, whatever its type. */
  newest_at: string;
  /** When the person's latest custody event happened (whatever its date), or null without one. */
  custody_at: string | null;
  /** That event's [type, facility, country], as JSON text. */
  custody: string | null;
  /** The distinct facilities the person's events name, as a JSON array text (null or "[]" for none). */
  facilities: string | null;
}

export interface FacilitiesTable {
  id: string;
  name: string;
  aliases: string;
  kind: string;
  country: string;
  state: string | null;
  city: string | null;
  operator: string | null;
  capacity: number | null;
  codes: string;
  detloc: string | null;
  summary: string | null;
  address: string | null;
  zip: string | null;
  county_fips: string | null;
  county_name: string | null;
  district_id: string | null;
  division: string | null;
  placement_status: string | null;
  placement_basis: string | null;
  placement_note: string | null;
  head_name: string | null;
  head_title: string | null;
}

export interface FacilityAliasesTable {
  facility_id: string;
  alias: string;
  alias_key: string;
  source: string;
}

export interface OfficialsTable {
  id: string;
  role: string;
  aor: string | null;
  title: string;
  name: string | null;
  since: string;
  until: string | null;
  source: string | null;
  updated_at: string;
}

export interface PetitionDraftsTable {
  id: string;
  person_id: string;
  created_at: string;
  created_by: string | null;
  facility_id: string | null;
  district_id: string | null;
  court: string;
  next_friend: string | null;
  filed_on: string | null;
  filed_court: string | null;
  docket_number: string | null;
  matter_id: string | null;
}

export interface LegalMattersTable {
  id: string;
  caption: string;
  court: string;
  docket_number: string | null;
  judge: string | null;
  parties: string;
  class_definition: string | null;
  filed_on: string | null;
  decided_on: string | null;
  status: string | null;
  summary: string | null;
  court_id: string | null;
  nature_of_suit: string | null;
  cause: string | null;
  case_type: string | null;
}

/** One docket entry as imported (migration 040): the source it is kept as, its class and documents. */
export interface DocketEntriesTable {
  source_id: string;
  matter_id: string;
  entry_key: string;
  entry_number: string | null;
  seq: string | null;
  date_filed: string | null;
  date_entered: string | null;
  description: string;
  class: string;
  order_id: string | null;
  pacer_doc_id: string | null;
  documents: string; // json DocketDocument[]
  sha256: string; // of the entry as read from the file
  position: number;
}

/** A document attached to a record (migration 041); bytes in the clear, or sealed as base64 text. */
export interface AttachmentsTable {
  id: string;
  subject_kind: string;
  subject_id: string;
  file_name: string;
  media_type: string;
  size: number;
  sha256: string;
  captured_at: string;
  restricted: number;
  bytes: Uint8Array | null;
  sealed: string | null;
  created_by: string;
}

export interface MatterPeopleTable {
  matter_id: string;
  person_id: string;
}

export interface CourtOrdersTable {
  id: string;
  matter_id: string;
  kind: string;
  issued_at: string;
  precision: string;
  /** Migration 014: the end of the range an unknown issue date lies in. */
  issued_latest: string | null;
  tz: string;
  oral: number;
  covers: string; // json {people, class_definition}
  bars: string; // json
  requires: string | null;
  deadline_at: string | null;
  summary: string;
}

export interface OrderPeopleTable {
  order_id: string;
  person_id: string;
}

export interface SourcesTable {
  id: string;
  publisher: string;
  url: string | null;
  title: string;
  published_on: string | null;
  captured_at: string | null;
  capture_sha256: string | null;
  reliability: string;
  kind: string;
}

export interface CapturesTable {
  sha256: string;
  media_type: string;
  file_name: string | null;
  bytes: Uint8Array;
  text: string | null;
  captured_at: string;
}

export interface CitationsTable {
  id: Generated<number>;
  subject_kind: string;
  subject_id: string;
  source_id: string;
  field: string | null;
  quote: string | null;
}

export interface ClaimsTable {
  id: string;
  subject: string;
  predicate: string;
  value: string;
  unit: string | null;
}

export interface FacilityPopulationTable {
  facility_code: string;
  date: string;
  n_detained: number;
  n_detained_at_midnight: number | null;
  n_male: number | null;
  n_female: number | null;
  n_convicted_criminal: number | null;
  n_possibly_under_18: number | null;
  facility_name: string | null;
}

export interface ImportRunsTable {
  id: Generated<number>;
  kind: string;
  file: string;
  started_at: string;
  finished_at: string | null;
  rows: number;
  bad_rows: number;
  status: string;
  /** The process running it, on which host (migration 040): a run whose process is gone was interrupted. */
  pid: number | null;
  host: string | null;
  note: string | null;
}

export interface SearchDocsTable {
  kind: string;
  ref: string;
  title: string;
  body: string;
}

/** SQLite only: which full-text row holds the entry of (kind, ref), so it is replaced without a scan. */
export interface SearchRefsTable {
  kind: string;
  ref: string;
  doc: number;
}

export interface FindingsTable {
  person_id: string;
  rule: string;
  version: number;
  key: string; // rule + the events/order it is about: one row per distinct finding
  severity: string;
  data: string; // json Finding
  evaluated_at: string;
}

/** One digest of a person's findings as last written (migration 080): what a full evaluation compares. */
export interface FindingSetsTable {
  person_id: string;
  digest: string;
  evaluated_at: string;
}

export interface ProposalsTable {
  id: string;
  kind: string; // link_person | link_facility | link_matter | new_event | merge_people
  source_id: string | null;
  subject_id: string | null;
  payload: string; // json
  score: number | null;
  status: string; // pending | accepted | rejected
  reason: string | null;
  created_at: string;
  decided_at: string | null;
  decided_by: string | null;
  /** What accepting it created (person, event or merge log id); cleared when the acceptance is undone. */
  created_id?: string | null;
}

export interface MergesTable {
  id: string;
  kept_id: string;
  merged_id: string;
  snapshot: string; // json: the merged person and the ids of rows moved to the kept one
  reason: string | null;
  merged_at: string;
  merged_by: string | null;
  undone_at: string | null;
  undone_by: string | null;
}

export interface UsersTable {
  id: string; // the username, folded to lower case
  username: string;
  password_hash: string; // argon2id
  role: string;
  team: string | null;
  disabled: number;
  created_at: string;
  updated_at: string;
  password_changed_at: string;
  last_login_at: string | null;
}

export interface SessionsTable {
  token_hash: string; // SHA-256 of the cookie's token; the token itself is never stored
  user_id: string;
  created_at: string;
  expires_at: string;
  last_seen_at: string;
}

export interface ThrottleTable {
  key: string; // SHA-256 of what is limited ("login:<user>", "family:<code>"), never the value itself
  failures: number;
  window_start: string;
  locked_until: string | null;
  lockouts: number;
}

export interface FamilyCodesTable {
  code_hash: string; // SHA-256 of the case code
  person_id: string;
  pass_hash: string; // argon2id of the passphrase
  created_by: string;
  created_at: string;
  revoked_at: string | null;
  last_used_at: string | null;
}

export interface AuditLogTable {
  seq: number;
  at: string;
  actor: string;
  role: string;
  action: string;
  subject: string;
  detail: string; // canonical json; never a restricted value
  prev_hash: string;
  hash: string; // sha256(prev_hash + "\n" + canonical entry)
}

export interface AssignmentsTable {
  person_id: string;
  user_id: string;
  assigned_by: string;
  assigned_at: string;
}

export interface CalendarFeedsTable {
  user_id: string;
  token_hash: string; // SHA-256 of the feed's secret token; the token itself is never stored
  names: number; // 1 when the user chose full names in their own feed
  created_at: string;
  last_read_at: string | null;
}

export interface DeletedRecordsTable {
  id: string;
  kind: string; // person | event
  record_id: string;
  person_id: string; // the person, or the person the event belongs to
  team: string | null;
  reason: string;
  snapshot: string; // json: the raw rows moved out (restricted fields stay sealed as stored)
  deleted_at: string;
  deleted_by: string;
  restored_at: string | null;
  restored_by: string | null;
}

export interface DB {
  people: PeopleTable;
  name_trigrams: NameTrigramsTable;
  name_trigram_counts: NameTrigramCountsTable;
  name_words: NameWordsTable;
  events: EventsTable;
  public_person_figures: PublicPersonFiguresTable;
  facilities: FacilitiesTable;
  facility_aliases: FacilityAliasesTable;
  officials: OfficialsTable;
  petition_drafts: PetitionDraftsTable;
  legal_matters: LegalMattersTable;
  docket_entries: DocketEntriesTable;
  attachments: AttachmentsTable;
  matter_people: MatterPeopleTable;
  court_orders: CourtOrdersTable;
  order_people: OrderPeopleTable;
  sources: SourcesTable;
  captures: CapturesTable;
  citations: CitationsTable;
  claims: ClaimsTable;
  facility_population: FacilityPopulationTable;
  import_runs: ImportRunsTable;
  search_docs: SearchDocsTable;
  search_refs: SearchRefsTable;
  findings: FindingsTable;
  finding_sets: FindingSetsTable;
  proposals: ProposalsTable;
  merges: MergesTable;
  users: UsersTable;
  sessions: SessionsTable;
  throttle: ThrottleTable;
  family_codes: FamilyCodesTable;
  audit_log: AuditLogTable;
  assignments: AssignmentsTable;
  calendar_feeds: CalendarFeedsTable;
  deleted_records: DeletedRecordsTable;
}
