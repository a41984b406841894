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
  birth_date: string | null;
  birth_date_precision: string | null;
  nationalities: string; // json
  citizenship_status: string;
  citizenship_evidence: string | null;
  a_number: string | null;
  languages: string; // json
  protections: string; // json Protection[]
  consent: string; // json Consent
  is_public: number; // consent.publish || consent.public_record
  summary: string | null;
  notes: string | null;
  team: string | null;
  search_name: string; // folded names for fuzzy search
  created_at: string;
  updated_at: string;
}

export interface NameTrigramsTable {
  trigram: string;
  person_id: string;
}

export interface EventsTable {
  id: string;
  person_id: string;
  type: string;
  at: string;
  precision: string;
  tz: string;
  facility_id: string | null;
  place: string | null;
  country: string | null;
  matter_id: string | null;
  summary: string;
  details: string; // json
  created_at: string;
  updated_at: string;
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
}

export interface SearchDocsTable {
  kind: string;
  ref: string;
  title: string;
  body: string;
}

export interface DB {
  people: PeopleTable;
  name_trigrams: NameTrigramsTable;
  events: EventsTable;
  facilities: FacilitiesTable;
  legal_matters: LegalMattersTable;
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
}
