// The case record after HURIDOCS' Events Standard Formats: people, events, facilities,
// legal matters, court orders, sources and claims, with zod schemas and each field's sensitivity.
import { z } from "zod";
import type { Sensitivity } from "./sensitivity.ts";
import { PrecisionSchema } from "./time.ts";

export const IdSchema = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[a-z0-9][a-z0-9._-]*$/, "ids are lower-case letters, digits, '.', '_' or '-'");

/** ISO 3166-1 alpha-2 country code, upper case (US, SV, VE, CU …). */
export const CountrySchema = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z]{2}$/, "use a two-letter country code such as SV or VE");

export const DateOnlySchema = z.iso.date();
const UtcSchema = z.iso.datetime({ offset: true });

// ---------- sources ----------
export const RELIABILITIES = ["primary", "reliable", "mixed", "unverified", "unreliable"] as const;
export const SourceSchema = z.object({
  id: IdSchema,
  publisher: z.string().trim().min(1).max(200),
  // Only web links: a javascript: or data: URL in a source must never become a clickable link.
  url: z
    .url({ protocol: /^https?$/, error: "a source link starts with http:// or https://" })
    .max(2000)
    .optional(),
  title: z.string().trim().min(1).max(500),
  published_on: DateOnlySchema.optional(),
  captured_at: UtcSchema.optional(),
  capture_sha256: z
    .string()
    .regex(/^[a-f0-9]{64}$/)
    .optional(),
  reliability: z.enum(RELIABILITIES).default("reliable"),
  kind: z.enum(["court_record", "government", "news", "ngo", "testimony", "other"]).default("news"),
});
export type Source = z.infer<typeof SourceSchema>;

/** A pointer from a fact to a source that supports it (optionally the field and the words). */
export const CitationSchema = z.object({
  source: IdSchema,
  field: z.string().max(60).optional(),
  quote: z.string().max(2000).optional(),
});
export type Citation = z.infer<typeof CitationSchema>;

// ---------- people ----------
export const CITIZENSHIP_STATUSES = [
  "us_citizen",
  "lpr",
  "asylum_seeker",
  "visa_holder",
  "no_status",
  "unknown",
] as const;
export const PROTECTION_KINDS = [
  "withholding_241b3",
  "CAT_withholding",
  "CAT_deferral",
  "asylum",
  "TPS",
  "parole",
  "DACA",
  "court_order",
] as const;
export const ProtectionSchema = z.object({
  kind: z.enum(PROTECTION_KINDS),
  country: CountrySchema.describe("the country the protection is about (removal to it is barred)"),
  /** When it was granted: a day, or as much as is known ("2019-10", "2019"), or a range ("2019/2020"). */
  granted_on: z
    .string()
    .trim()
    .regex(
      /^\d{4}(-\d{2}(-\d{2})?)?(\/\d{4}(-\d{2}(-\d{2})?)?)?$/,
      "use YYYY-MM-DD, YYYY-MM, YYYY, or a range such as 2019/2020",
    )
    .optional(),
  note: z.string().max(500).optional(),
});
export type Protection = z.infer<typeof ProtectionSchema>;

export const ConsentSchema = z.object({
  /** The person or their representative agreed to publication of public fields. */
  publish: z.boolean().default(false),
  /** Already named in public court records or the press: public facts may be shown. */
  public_record: z.boolean().default(false),
  /** Family may see these status fields with a case code and passphrase. */
  family_status: z.boolean().default(false),
  recorded_on: DateOnlySchema.optional(),
  note: z.string().max(500).optional(),
});

export const PersonInputSchema = z.object({
  id: IdSchema.optional(),
  kind: z.enum(["individual", "group"]).default("individual"),
  full_name: z.string().trim().min(1, "a name is required").max(300),
  given_names: z.string().trim().max(200).optional(),
  first_surname: z.string().trim().max(120).optional(),
  second_surname: z.string().trim().max(120).optional(),
  aliases: z.array(z.string().trim().min(1).max(300)).max(50).default([]),
  /** For a group record (e.g. a certified class): how many people it stands for. */
  group_size: z.number().int().positive().optional(),
  group_definition: z.string().max(2000).optional(),
  birth_date: z
    .string()
    .regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, "use YYYY, YYYY-MM or YYYY-MM-DD")
    .optional(),
  birth_date_precision: PrecisionSchema.optional(),
  /** An age as a source stated it ("27 years old"), when the birth date is unknown: never exact. */
  stated_age: z.number().int().min(0).max(120).optional(),
  /** The day that age was reported (it is the age on that day). */
  age_reported_on: DateOnlySchema.optional(),
  nationalities: z.array(CountrySchema).max(5).default([]),
  citizenship_status: z.enum(CITIZENSHIP_STATUSES).default("unknown"),
  citizenship_evidence: z.string().max(2000).optional(),
  a_number: z
    .string()
    .trim()
    .regex(/^A?-?\d{3}-?\d{3}-?\d{2,3}$/i, "an A-number has 8 or 9 digits, e.g. A123-456-789")
    .optional(),
  languages: z.array(z.string().trim().min(2).max(40)).max(10).default([]),
  protections: z.array(ProtectionSchema).max(20).default([]),
  consent: ConsentSchema.default({ publish: false, public_record: false, family_status: false }),
  summary: z.string().max(4000).optional(),
  notes: z.string().max(20000).optional(),
  /** Where the person lived before detention: never public, encrypted at rest. */
  home_address: z.string().trim().max(1000).optional(),
  /** Relatives and how to reach them: never public, encrypted at rest. */
  family_contacts: z.string().trim().max(4000).optional(),
  /** Health conditions, medication, disability: never public, encrypted at rest. */
  medical_notes: z.string().trim().max(10000).optional(),
  team: z.string().max(60).optional(),
  sources: z.array(CitationSchema).max(100).default([]),
});
export type PersonData = z.infer<typeof PersonInputSchema>;
export type Person = Omit<PersonData, "id" | "sources"> & {
  id: string;
  citations: Citation[];
  created_at: string;
  updated_at: string;
};

/**
 * A person as the rules judge them: every field but the record's citations (a finding rests on the
 * timeline's events and their sources, never on who sourced the person's own fields).
 */
export type JudgedPerson = Omit<Person, "citations">;

export const PERSON_FIELDS: Readonly<Record<keyof Person, Sensitivity>> = {
  id: "public",
  kind: "public",
  full_name: "public",
  given_names: "public",
  first_surname: "public",
  second_surname: "public",
  aliases: "public",
  group_size: "public",
  group_definition: "public",
  nationalities: "public",
  citizenship_status: "public",
  protections: "public",
  summary: "public",
  citations: "public",
  created_at: "public",
  updated_at: "public",
  languages: "team",
  consent: "team",
  team: "team",
  citizenship_evidence: "team",
  birth_date: "restricted",
  birth_date_precision: "restricted",
  stated_age: "restricted",
  age_reported_on: "restricted",
  a_number: "restricted",
  notes: "restricted",
  home_address: "restricted",
  family_contacts: "restricted",
  medical_notes: "restricted",
};

/**
 * Restricted fields any case writer may record but only restricted-cleared staff read back: what a hotline
 * volunteer takes down on the call (caller and family contacts). Others see only that they are recorded.
 */
export const WRITE_ONLY_PERSON_FIELDS = [
  "family_contacts",
] as const satisfies readonly RestrictedPersonField[];

/** The person fields only restricted-cleared staff read; the store encrypts exactly these. */
export const RESTRICTED_PERSON_FIELDS = (Object.keys(PERSON_FIELDS) as (keyof Person)[]).filter(
  (k) => PERSON_FIELDS[k] === "restricted",
) as readonly RestrictedPersonField[];
export type RestrictedPersonField =
  | "birth_date"
  | "birth_date_precision"
  | "stated_age"
  | "age_reported_on"
  | "a_number"
  | "notes"
  | "home_address"
  | "family_contacts"
  | "medical_notes";

// ---------- events ----------
export const EVENT_TYPES = [
  "ARREST",
  "DETENTION_START",
  "CUSTODY_DETERMINATION",
  "DETAINER_LODGED",
  "NTA_SERVED",
  "NOTICE_GIVEN",
  "HEARING",
  "COUNSEL_REQUESTED",
  "COUNSEL_RETAINED",
  "FEAR_EXPRESSED",
  "CFI",
  "RFI",
  "REMOVAL_ORDER",
  "PROTECTION_GRANTED",
  "ASYLUM_APPLIED",
  "APPEAL_FILED",
  "TRANSFER",
  "REMOVAL",
  "FOREIGN_CUSTODY",
  "COURT_ORDER",
  "HABEAS_FILED",
  "CONTACT",
  "CONSULAR_ADVISAL",
  "RETURN",
  "RELEASE",
  "CITIZENSHIP_EVIDENCE",
  "GOVERNMENT_ADMISSION",
  "CRIMINAL_CHARGE",
  "OTHER",
] as const;
export const EventTypeSchema = z.enum(EVENT_TYPES);
export type EventType = z.infer<typeof EventTypeSchema>;

const Hours = z
  .number()
  .min(0)
  .max(24 * 3650);
/** Typed details per event kind; unknown keys are rejected so typos surface. */
export const EVENT_DETAILS = {
  ARREST: z.strictObject({
    warrant: z.enum(["judicial", "administrative", "none", "unknown"]).default("unknown"),
    agency: z.string().max(100).optional(),
    criminal: z.boolean().optional(),
  }),
  DETENTION_START: z.strictObject({
    agency: z.string().max(100).optional(),
    authority: z.string().max(200).optional(),
  }),
  CUSTODY_DETERMINATION: z.strictObject({
    outcome: z.enum(["detain", "bond", "recognizance", "release", "unknown"]).default("unknown"),
    nta_decision: z.boolean().optional(),
  }),
  DETAINER_LODGED: z.strictObject({ jail: z.string().max(200).optional() }),
  NTA_SERVED: z.strictObject({
    hearing_datetime: UtcSchema.optional(),
    hearing_place: z.string().max(200).optional(),
    language: z.string().max(40).optional(),
    waiver_signed: z.boolean().optional(),
  }),
  NOTICE_GIVEN: z.strictObject({
    kind: z.enum(["AEA", "third_country", "transfer", "removal", "other"]).default("other"),
    /** The language it was given in, or several listed: "English, Spanish". */
    language: z.string().max(120).optional(),
    hours_before_removal: Hours.optional(),
    says_how_to_contest: z.boolean().optional(),
    given_to_counsel: z.boolean().optional(),
  }),
  HEARING: z.strictObject({
    kind: z.enum(["master", "merits", "bond", "IJ", "court", "other"]).default("IJ"),
    counsel_present: z.boolean().optional(),
    judicial: z.boolean().optional(),
    outcome: z.string().max(500).optional(),
  }),
  COUNSEL_REQUESTED: z.strictObject({}),
  COUNSEL_RETAINED: z.strictObject({ g28: z.boolean().optional(), counsel: z.string().max(200).optional() }),
  FEAR_EXPRESSED: z.strictObject({ country: CountrySchema.optional() }),
  CFI: z.strictObject({ outcome: z.enum(["positive", "negative", "pending"]).optional() }),
  RFI: z.strictObject({ outcome: z.enum(["positive", "negative", "pending"]).optional() }),
  REMOVAL_ORDER: z.strictObject({
    type: z
      .enum(["IJ_240", "expedited_235b1", "reinstatement_241a5", "admin_238b", "stipulated", "AEA", "none"])
      .default("IJ_240"),
    country: CountrySchema.optional(),
    final: z.boolean().optional(),
    appeal_waived: z.boolean().optional(),
  }),
  PROTECTION_GRANTED: z.strictObject({
    kind: z.enum(PROTECTION_KINDS),
    country: CountrySchema,
  }),
  ASYLUM_APPLIED: z.strictObject({ pending: z.boolean().default(true) }),
  APPEAL_FILED: z.strictObject({ forum: z.string().max(100).optional(), pending: z.boolean().default(true) }),
  TRANSFER: z.strictObject({
    from: z.string().max(200).optional(),
    to: z.string().max(200).optional(),
    attorney_notified: z.boolean().optional(),
  }),
  REMOVAL: z.strictObject({
    destination_country: CountrySchema.optional(),
    authority: z.enum(["title8", "AEA", "expedited", "unknown"]).default("unknown"),
    flight: z.string().max(100).optional(),
  }),
  FOREIGN_CUSTODY: z.strictObject({
    country: CountrySchema.optional(),
    custodian: z.string().max(200).optional(),
    at_us_request: z.boolean().optional(),
  }),
  COURT_ORDER: z.strictObject({ order: IdSchema.optional() }),
  HABEAS_FILED: z.strictObject({ court: z.string().max(200).optional() }),
  CONTACT: z.strictObject({ with: z.enum(["family", "counsel", "consulate", "other"]).default("family") }),
  CONSULAR_ADVISAL: z.strictObject({ notified: z.boolean().optional() }),
  RETURN: z.strictObject({ to_country: CountrySchema.optional() }),
  RELEASE: z.strictObject({ conditions: z.string().max(500).optional() }),
  CITIZENSHIP_EVIDENCE: z.strictObject({
    basis: z.enum(["birth", "naturalization", "derivation", "other"]).default("other"),
    raised_before_removal: z.boolean().optional(),
    judicially_determined: z.boolean().optional(),
  }),
  GOVERNMENT_ADMISSION: z.strictObject({ admits: z.string().max(500).optional() }),
  CRIMINAL_CHARGE: z.strictObject({ court: z.string().max(200).optional() }),
  OTHER: z.strictObject({}),
} as const satisfies Record<EventType, z.ZodType>;

export const EventInputSchema = z.object({
  id: IdSchema.optional(),
  person: IdSchema,
  type: EventTypeSchema,
  /**
   * Wall-clock time where it happened, e.g. "2025-03-15 19:36", "2025-03", "2019", ISO with offset, or an
   * unknown date as the range it lies in, "2025-03-01/2025-03-20" (precision "unknown").
   */
  when: z.string().trim().min(4).max(60),
  tz: z.string().min(1).max(60).default("UTC"),
  precision: PrecisionSchema.optional(),
  facility: IdSchema.optional(),
  place: z.string().max(200).optional(),
  country: CountrySchema.optional(),
  matter: IdSchema.optional(),
  summary: z.string().trim().min(1).max(2000),
  details: z.record(z.string(), z.unknown()).default({}),
  sources: z.array(CitationSchema).max(100).default([]),
});
export type EventInput = z.input<typeof EventInputSchema>;

export type HabeasEvent = {
  id: string;
  person: string;
  type: EventType;
  at: string;
  precision: z.infer<typeof PrecisionSchema>;
  /** For a date known only as a range (precision "unknown"): the last instant it may have been. */
  latest?: string;
  tz: string;
  facility?: string;
  place?: string;
  country?: string;
  matter?: string;
  summary: string;
  details: Record<string, unknown>;
  citations: Citation[];
  /** True when no source supports it: shown as unverified. */
  unverified: boolean;
};

/**
 * An event as the rules read it: whether a source supports it (`unverified`), not which sources. A whole-record
 * evaluation reads a million of these and need not read every citation to do so.
 */
export type TimelineEvent = Omit<HabeasEvent, "citations">;

/** The stored form of a checked event input: its instant resolved, its details parsed. */
export function eventRecord(
  e: z.infer<typeof EventInputSchema> & { id: string },
  when: { at: string; precision: HabeasEvent["precision"]; latest?: string },
  details: Record<string, unknown>,
): Omit<HabeasEvent, "unverified"> {
  return {
    id: e.id,
    person: e.person,
    type: e.type,
    at: when.at,
    precision: when.precision,
    ...(when.latest ? { latest: when.latest } : {}),
    tz: e.tz,
    facility: e.facility,
    place: e.place,
    country: e.country,
    matter: e.matter,
    summary: e.summary,
    details,
    citations: e.sources,
  };
}

/**
 * Events that must already have happened to be on record: a custody move is reported after the fact.
 * Hearings, deadlines and other scheduled events may be dated in the future.
 */
export const PAST_ONLY_EVENT_TYPES: ReadonlySet<EventType> = new Set([
  "ARREST",
  "DETENTION_START",
  "TRANSFER",
  "REMOVAL",
  "FOREIGN_CUSTODY",
  "RELEASE",
  "RETURN",
]);

/** Why an event cannot be dated at `at` (an arrest, transfer, removal, release or return in the future), if so. */
export function eventTimeProblem(type: EventType, at: string, now: Date = new Date()): string | undefined {
  if (!PAST_ONLY_EVENT_TYPES.has(type) || Date.parse(at) <= now.getTime()) return undefined;
  return `a ${type.toLowerCase().replace(/_/g, " ")} must already have happened: ${at.slice(0, 16).replace("T", " ")} UTC is after now (hearings and deadlines may be in the future)`;
}

/** Validates an event's details against its kind; returns the parsed details or problems. */
export function parseEventDetails(type: EventType, details: unknown) {
  return EVENT_DETAILS[type].safeParse(details ?? {});
}

// ---------- facilities ----------
export const FACILITY_KINDS = [
  "detention_center",
  "prison",
  "hold_room",
  "foreign_prison",
  "military_base",
  "jail",
  "staging",
  "other",
] as const;
export const FacilitySchema = z.object({
  id: IdSchema,
  name: z.string().trim().min(1).max(300),
  aliases: z.array(z.string().trim().min(1).max(300)).max(30).default([]),
  kind: z.enum(FACILITY_KINDS).default("detention_center"),
  country: CountrySchema,
  state: z.string().max(60).optional(),
  city: z.string().max(120).optional(),
  operator: z.string().max(200).optional(),
  capacity: z.number().int().nonnegative().optional(),
  codes: z.record(z.string(), z.string().max(40)).default({}),
  summary: z.string().max(4000).optional(),
  sources: z.array(CitationSchema).max(100).default([]),
});
export type Facility = Omit<z.infer<typeof FacilitySchema>, "sources"> & { citations: Citation[] };

// ---------- legal matters and court orders ----------
export const LegalMatterSchema = z.object({
  id: IdSchema,
  caption: z.string().trim().min(1).max(300),
  court: z.string().trim().min(1).max(200),
  docket_number: z.string().trim().max(80).optional(),
  judge: z.string().max(200).optional(),
  parties: z.array(z.string().max(300)).max(500).default([]),
  /** The court's id as PACER and CourtListener spell it ("nysd"), when the matter came from a docket. */
  court_id: z.string().trim().max(20).optional(),
  nature_of_suit: z.string().trim().max(200).optional(),
  cause: z.string().trim().max(200).optional(),
  /** From the docket number: cv (civil), cr (criminal), mj (magistrate) … */
  case_type: z.string().trim().max(10).optional(),
  class_definition: z.string().max(2000).optional(),
  filed_on: DateOnlySchema.optional(),
  decided_on: DateOnlySchema.optional(),
  status: z.string().max(200).optional(),
  summary: z.string().max(4000).optional(),
  /** People (or group records) this matter is about. */
  people: z.array(IdSchema).max(1000).default([]),
  sources: z.array(CitationSchema).max(100).default([]),
});
export type LegalMatter = Omit<z.infer<typeof LegalMatterSchema>, "sources"> & { citations: Citation[] };

export const ORDER_KINDS = [
  "TRO",
  "PI",
  "stay",
  "habeas_grant",
  "facilitate_return",
  "class_certification",
  "judgment",
  "other",
  "order",
  "minute_order",
  "show_cause",
] as const;
export const CourtOrderSchema = z.object({
  id: IdSchema,
  matter: IdSchema,
  kind: z.enum(ORDER_KINDS),
  /** Local time the order issued, e.g. "2025-03-15 19:26" with tz America/New_York, or a range if unknown. */
  issued: z.string().trim().min(4).max(60),
  tz: z.string().min(1).max(60).default("America/New_York"),
  precision: PrecisionSchema.optional(),
  oral: z.boolean().default(false),
  covers: z
    .object({
      people: z.array(IdSchema).max(1000).default([]),
      class_definition: z.string().max(2000).optional(),
    })
    .default({ people: [] }),
  bars: z
    .array(z.enum(["removal", "transfer", "detention"]))
    .max(3)
    .default([]),
  requires: z.string().max(2000).optional(),
  deadline: z.string().trim().max(40).optional(),
  summary: z.string().trim().min(1).max(4000),
  sources: z.array(CitationSchema).max(100).default([]),
});
export type CourtOrder = Omit<
  z.infer<typeof CourtOrderSchema>,
  "sources" | "issued" | "deadline" | "precision"
> & {
  issued_at: string;
  precision: z.infer<typeof PrecisionSchema>;
  /** For an issue date known only as a range: its last instant. */
  issued_latest?: string;
  deadline_at?: string;
  citations: Citation[];
};

// ---------- claims ----------
export const ClaimSchema = z.object({
  id: IdSchema,
  subject: z.string().trim().min(1).max(300),
  predicate: z.string().trim().min(1).max(200),
  value: z.string().trim().min(1).max(500),
  unit: z.string().max(60).optional(),
  sources: z.array(CitationSchema).min(1, "a claim needs at least one source").max(100),
});
export type Claim = Omit<z.infer<typeof ClaimSchema>, "sources"> & { citations: Citation[] };

/** The demo/import bundle: a whole documented dataset as data. */
export const DatasetSchema = z.object({
  about: z.string().optional(),
  sources: z.array(SourceSchema).default([]),
  facilities: z.array(FacilitySchema).default([]),
  people: z.array(PersonInputSchema.extend({ id: IdSchema })).default([]),
  matters: z.array(LegalMatterSchema).default([]),
  orders: z.array(CourtOrderSchema).default([]),
  events: z.array(EventInputSchema.extend({ id: IdSchema })).default([]),
  claims: z.array(ClaimSchema).default([]),
});
export type Dataset = z.infer<typeof DatasetSchema>;
