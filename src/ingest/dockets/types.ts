// One docket as habeas reads it, whichever format it came in: the case, its parties and its entries.
export type DocketFormat = "juriscraper" | "courtlistener" | "courtlistener-fixture";

export type DocketParty = { name: string; type?: string; aliases: string[] };

/** A document filed with an entry (CourtListener's RECAP documents; PACER's document id). */
export type DocketDocument = {
  id?: string;
  pacer_doc_id?: string;
  sha1?: string;
  page_count?: number;
  attachment_number?: number;
  description?: string;
  available?: boolean;
};

export type DocketEntry = {
  /** The docket number of the entry ("12"); text-only entries have none. */
  number?: string;
  /** PACER's sequence number, or CourtListener's entry id. */
  seq?: string;
  date_filed?: string;
  date_entered?: string;
  description: string;
  pacer_doc_id?: string;
  documents: DocketDocument[];
};

export type ParsedDocket = {
  format: DocketFormat;
  court_id: string;
  /** A court name the file itself gives (CourtListener fixtures carry their courts). */
  court_name?: string;
  docket_number: string;
  case_name: string;
  nature_of_suit?: string;
  cause?: string;
  /** From the docket number's type letters: cr, cv, mj, mc … */
  case_type?: string;
  judge?: string;
  referred_to?: string;
  date_filed?: string;
  date_terminated?: string;
  url?: string;
  parties: DocketParty[];
  entries: DocketEntry[];
};
