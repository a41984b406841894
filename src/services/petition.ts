// The habeas petition draft: court of the district of confinement, respondents, and the text drawn from the
// timeline and findings; recording each draft (audited), marking one filed, and the venue watch.

import { readFileSync } from "node:fs";
import { parse } from "csv-parse/sync";
import { z } from "zod";
import { currentCustody } from "../domain/custody.ts";
import { AppError, badInput } from "../domain/errors.ts";
import { newId } from "../domain/ids.ts";
import { fieldOfficeOf } from "../domain/jurisdiction.ts";
import type { Facility } from "../domain/model.ts";
import {
  type Confinement,
  type CourtChoice,
  chooseCourt,
  type HeldAt,
  type Official,
  type Respondent,
  respondentsFor,
} from "../domain/petition.ts";
import { can, type Viewer } from "../domain/policy.ts";
import { formatWhen } from "../domain/time.ts";
import { loadGeography } from "../ingest/reference/geography.ts";
import type { Finding } from "../rules/types.ts";
import type { Database, Db } from "../store/db.ts";
import {
  type DraftRow,
  type FacilityPlace,
  findDraft,
  findFacilityPlaces,
  insertDraft,
  listDrafts,
  listOfficialRows,
  listPeopleWithOpenDrafts,
  markDraftFiled,
  saveOfficialRow,
} from "../store/facility-registry.ts";
import { audit } from "./audit.ts";
import { authorize } from "./authorize.ts";
import { saveLegalMatter } from "./edit-record.ts";
import { findingsForPerson } from "./findings.ts";
import { getPersonRecord, type PersonRecord } from "./person-record.ts";
import { fullAccessIds, loadPeople, loadPersonForWrite } from "./scope.ts";

// ---------- where the person is held now ----------
function heldAt(f: Facility, place: FacilityPlace | undefined): HeldAt {
  return {
    id: f.id,
    name: f.name,
    country: f.country,
    state: f.state,
    city: f.city,
    address: place?.address,
    zip: place?.zip,
    placement: place?.placement,
    aor: f.codes.ICE_AOR,
    head: place?.head,
  };
}

/**
 * Where this person is held now. The one place the petition asks it: it reads person-record's custody
 * chain (`record.custody`) and the registry's placement of the facility, so it can be rewired to the
 * domain's owner of that fact without touching the rest.
 */
export async function whereHeldNow(db: Db, record: PersonRecord, now?: string): Promise<Confinement> {
  const events = new Map(record.events.map((e) => [e.id, e]));
  const facilities = new Map(record.facilities.map((f) => [f.id, f]));
  const places = await findFacilityPlaces(db, [...facilities.keys()]);
  const at = (id: string | undefined) => {
    const f = id ? facilities.get(id) : undefined;
    return f ? heldAt(f, places.get(f.id)) : undefined;
  };
  // The domain owns "where is this person now" (domain/custody.ts); the registry adds the court map.
  const cur = currentCustody(record.events, facilities, now ?? new Date().toISOString());
  const lastInUs = [...record.custody]
    .reverse()
    .map((s) => ("facility" in s ? at(s.facility) : undefined))
    .find((f) => f && f.country === "US");
  const e = cur.event ? events.get(cur.event) : undefined;
  if (!e || cur.status === "unknown") return { kind: "unknown", lastInUs };
  const since = e.at;
  if (cur.status === "released" || cur.status === "returned") return { kind: "released", since, event: e.id };
  const f = at(cur.facility ?? e.facility);
  // A US-run place outside every district (Guantánamo) is a place of confinement the draft names.
  if (f && f.placement?.status === "outside" && e.type !== "FOREIGN_CUSTODY" && e.type !== "REMOVAL")
    return { kind: "facility", facility: f, since, event: e.id };
  if (cur.status === "removed" || cur.status === "held_abroad")
    return {
      kind: "abroad",
      country: cur.country ?? f?.country ?? "unknown country",
      facility: f,
      since,
      event: e.id,
      lastInUs,
    };
  if (f) return { kind: "facility", facility: f, since, event: e.id };
  return { kind: "unknown", place: e.place, since, lastInUs };
}

/** A custody step in words, for the petition's custody section. */
function stepText(s: PersonRecord["custody"][number], facilities: Map<string, { name: string }>): string {
  const f = "facility" in s && s.facility ? facilities.get(s.facility)?.name : undefined;
  const where = f ?? ("place" in s ? s.place : undefined) ?? ("country" in s ? s.country : undefined) ?? "";
  const what = {
    held: "held",
    removed: "removed",
    foreign_custody: "held abroad",
    released: "released",
    returned: "returned",
  }[s.kind];
  return `${dateOnly(s.from)} ${what}${where ? ` ${s.kind === "removed" ? "to" : "at"} ${where}` : ""}${s.until ? ` (until ${dateOnly(s.until)})` : ""}`;
}

// ---------- officials ----------
const OfficialFileRow = z.object({
  role: z.string().min(1),
  aor: z.string(),
  title: z.string().min(1),
  name: z.string(),
  since: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  source: z.string(),
});

let fileOfficials: Official[] | undefined;
function officialsFromFile(): Official[] {
  if (!fileOfficials) {
    const rows = parse(readFileSync(new URL("../../data/petition/officials.csv", import.meta.url)), {
      columns: true,
      skip_empty_lines: true,
    }) as unknown[];
    fileOfficials = rows.map((r) => {
      const o = OfficialFileRow.parse(r);
      return {
        role: o.role,
        aor: o.aor || undefined,
        title: o.title,
        name: o.name || undefined,
        since: o.since,
        source: o.source || undefined,
      };
    });
  }
  return fileOfficials;
}

/** Officials from data/petition/officials.csv, with the ones edited in this store taking precedence. */
export async function listOfficials(db: Db): Promise<(Official & { id?: string; edited: boolean })[]> {
  const stored = (await listOfficialRows(db)).map((r) => ({
    id: r.id,
    role: r.role,
    aor: r.aor ?? undefined,
    title: r.title,
    name: r.name ?? undefined,
    since: r.since,
    source: r.source ?? undefined,
    edited: true,
  }));
  const key = (o: Official) => `${o.role}|${o.aor ?? ""}|${o.since}`;
  const edited = new Set(stored.map(key));
  return [
    ...officialsFromFile()
      .filter((o) => !edited.has(key(o)))
      .map((o) => ({ ...o, edited: false })),
    ...stored,
  ];
}

export const OfficialInputSchema = z.object({
  role: z
    .string()
    .trim()
    .regex(/^[a-z_]{2,40}$/, "role is a lower-case word such as ice_director"),
  aor: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z]{3}$/, "aor is a three-letter ICE AOR code")
    .optional(),
  title: z.string().trim().min(3).max(200),
  name: z.string().trim().min(2).max(200).optional(),
  since: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "since is a date (YYYY-MM-DD)"),
  source: z.string().trim().max(300).optional(),
});

/** Records (or corrects) an official named in petitions, dated; audited. */
export async function setOfficial(db: Database, input: unknown, viewer: Viewer): Promise<string> {
  authorize(viewer, "write", "case");
  const parsed = OfficialInputSchema.safeParse(input);
  if (!parsed.success)
    throw badInput(
      "the official is not valid",
      parsed.error.issues.map((i) => ({ path: String(i.path[0] ?? ""), message: i.message })),
    );
  const o = parsed.data;
  const id = `${o.role}-${(o.aor ?? "us").toLowerCase()}-${o.since}`;
  await db.transaction().execute(async (tx) => {
    await saveOfficialRow(tx, {
      id,
      role: o.role,
      aor: o.aor ?? null,
      title: o.title,
      name: o.name ?? null,
      since: o.since,
      until: null,
      source: o.source ?? null,
      updated_at: new Date().toISOString(),
    });
    await audit(tx, viewer, "official.set", `official:${id}`, { role: o.role, aor: o.aor });
  });
  return id;
}

// ---------- the draft ----------
export type PetitionParagraph = { text: string; exhibits?: number[] };
export type PetitionSection = { heading: string; paragraphs: PetitionParagraph[]; numbered: boolean };
export type Exhibit = { n: number; source: string; label: string; url?: string };

export type PetitionDraft = {
  id: string;
  person: string;
  createdAt: string;
  court: string | undefined;
  district?: { id: string; name: string; abbreviation: string; circuit: string };
  division?: string;
  basis: string;
  courtKind: CourtChoice["kind"];
  respondents: Respondent[];
  facility?: {
    id: string;
    name: string;
    address?: string;
    city?: string;
    state?: string;
    zip?: string;
    country: string;
    county?: string;
    placement?: string;
  };
  confinement: Confinement["kind"];
  warnings: string[];
  nextFriend?: string;
  petitioner: string;
  /** The document's text, section by section; the DOCX and the HTML preview render this. */
  caption: { court: string; petitioner: string; respondents: string[] };
  sections: PetitionSection[];
  exhibits: Exhibit[];
};

export const DRAFT_MARK = "DRAFT — to be reviewed and signed by counsel";

/** Exhibit references as the text shows them, in the preview and the document: " (Ex. 1, 3)". */
export function exhibitRef(exhibits: readonly number[] | undefined): string {
  return exhibits?.length ? ` (Ex. ${exhibits.join(", ")})` : "";
}

const CLAIM_SEVERITIES = new Set(["violation", "possible_issue"]);

function dateOnly(iso: string) {
  return iso.slice(0, 10);
}

function custodyText(record: PersonRecord, c: Confinement): PetitionParagraph[] {
  const out: PetitionParagraph[] = [];
  const name = record.person.full_name;
  const steps = record.custody;
  if (c.kind === "facility")
    out.push({
      text: `${name} is detained at ${c.facility.name}${c.facility.address ? `, ${c.facility.address}` : ""}${c.facility.city ? `, ${c.facility.city}` : ""}${c.facility.state ? `, ${c.facility.state}` : ""}${c.facility.zip ? ` ${c.facility.zip}` : ""}, and has been held there since ${dateOnly(c.since)} according to the record.`,
    });
  else if (c.kind === "abroad")
    out.push({
      text: `${name} is held outside the United States, in ${c.facility ? `${c.facility.name}, ` : ""}${c.country}, since ${dateOnly(c.since)}, after being removed or handed over by the United States.`,
    });
  else if (c.kind === "released")
    out.push({
      text: `The record shows ${name} released on ${dateOnly(c.since)}. Counsel must confirm current custody.`,
    });
  else
    out.push({
      text: `Where ${name} is held now is not known to the petitioner${c.place ? ` (last reported: ${c.place})` : ""}. Respondents know and control the place of detention.`,
    });
  if (steps.length > 1) {
    out.push({
      text: `Custody so far, from the record: ${steps
        .map((s) => stepText(s, new Map(record.facilities.map((f) => [f.id, f]))))
        .join("; ")}.`,
    });
  }
  return out;
}

function respondentLine(r: Respondent): string {
  return r.name ? `${r.name}, ${r.title}` : r.title;
}

/**
 * Builds the petition for one person as this viewer (a lawyer) may see the record, records it as a draft
 * and audits it. Restricted fields (A-number, birth date) appear because only lawyers may draft.
 */
export async function draftPetition(
  db: Database,
  personId: string,
  viewer: Viewer,
  opts: { nextFriend?: string; now?: string } = {},
): Promise<PetitionDraft> {
  if (!can(viewer, "read", "restricted"))
    throw new AppError(
      viewer.role === "public" ? "UNAUTHENTICATED" : "FORBIDDEN",
      "only a lawyer may draft a habeas petition",
    );
  // Drafting records a draft: full access to the case, as for any write (another team's public case is not ours).
  await loadPersonForWrite(db, viewer, personId);
  const record = await getPersonRecord(db, personId, viewer);
  const nextFriend = opts.nextFriend?.trim() || undefined;
  if (nextFriend && nextFriend.length > 200)
    throw badInput("the next friend's name is longer than 200 characters");
  const now = opts.now ?? new Date().toISOString();
  const g = loadGeography();
  const confinement = await whereHeldNow(db, record);
  const choice = chooseCourt(confinement, g);
  const officials = await listOfficials(db);
  const facility =
    confinement.kind === "facility"
      ? confinement.facility
      : confinement.kind === "abroad"
        ? confinement.facility
        : undefined;
  const office = confinement.kind === "facility" ? fieldOfficeOf(g, confinement.facility.aor) : undefined;
  const respondents = respondentsFor(
    confinement,
    officials,
    dateOnly(now),
    office ? { name: office.name, aor: office.aor } : undefined,
  );
  const warnings = [...choice.warnings];
  for (const r of respondents)
    if (r.asOf) warnings.push(`Check that ${r.name} is still ${r.title} (on record since ${r.asOf}).`);
  if (respondents.some((r) => r.role === "immediate_custodian" && !r.name))
    warnings.push(
      "The immediate custodian is named by title only: add the warden's or administrator's name if known.",
    );
  const findings = (await findingsForPerson(db, personId, viewer, { asOf: now, lang: "en" })) as Finding[];
  const content = buildContent(record, confinement, choice, respondents, findings, nextFriend);
  const id = newId(`petition-${personId}`);
  const draft: PetitionDraft = {
    id,
    person: personId,
    createdAt: now,
    court: choice.court,
    district: choice.district
      ? {
          id: choice.district.id,
          name: choice.district.name,
          abbreviation: choice.district.abbreviation,
          circuit: choice.district.circuit,
        }
      : undefined,
    division: choice.division,
    basis: choice.basis,
    courtKind: choice.kind,
    respondents,
    facility: facility
      ? {
          id: facility.id,
          name: facility.name,
          address: facility.address,
          city: facility.city,
          state: facility.state,
          zip: facility.zip,
          country: facility.country,
          county: facility.placement?.countyName,
          placement: facility.placement?.status,
        }
      : undefined,
    confinement: confinement.kind,
    warnings,
    nextFriend,
    petitioner: record.person.full_name,
    ...content,
  };
  await db.transaction().execute(async (tx) => {
    await insertDraft(tx, {
      id,
      person_id: personId,
      created_at: now,
      created_by: viewer.userId ?? null,
      facility_id: facility?.id ?? null,
      district_id: choice.district?.id ?? null,
      court: choice.court ?? "(none)",
      next_friend: nextFriend ?? null,
      filed_on: null,
      filed_court: null,
      docket_number: null,
      matter_id: null,
    });
    await audit(tx, viewer, "petition.draft", `person:${personId}`, {
      draft: id,
      district: choice.district?.id,
      restricted: ["a_number", "birth_date"].filter((k) => record.person[k as "a_number"] !== undefined),
    });
  });
  return draft;
}

function buildContent(
  record: PersonRecord,
  c: Confinement,
  choice: CourtChoice,
  respondents: Respondent[],
  findings: Finding[],
  nextFriend: string | undefined,
): Pick<PetitionDraft, "caption" | "sections" | "exhibits"> {
  const p = record.person;
  const name = p.full_name;
  const court = choice.court ?? "United States District Court for the ____________ District of ____________";
  const petitioner = nextFriend ? `${nextFriend}, as next friend of ${name}` : name;
  const sources = new Map(record.sources.map((s) => [s.id, s]));
  const exhibits: Exhibit[] = [];
  const exhibitOf = (sourceId: string) => {
    let ex = exhibits.find((x) => x.source === sourceId);
    if (!ex) {
      const s = sources.get(sourceId);
      ex = {
        n: exhibits.length + 1,
        source: sourceId,
        label: s ? `${s.publisher}, "${s.title}"${s.published_on ? ` (${s.published_on})` : ""}` : sourceId,
        url: s?.url,
      };
      exhibits.push(ex);
    }
    return ex.n;
  };
  const identity = [
    p.nationalities?.length ? `a national of ${p.nationalities.join(" and ")}` : "",
    p.a_number ? `A-number ${p.a_number}` : "",
    p.birth_date ? `born ${p.birth_date}` : "",
  ].filter(Boolean);
  const parties: PetitionParagraph[] = [
    {
      text: `Petitioner ${name}${identity.length ? `, ${identity.join(", ")},` : ""} is in the custody of the United States immigration authorities${c.kind === "abroad" ? ", held abroad at their direction" : ""}.`,
    },
  ];
  if (nextFriend)
    parties.push({
      text: `${nextFriend} brings this petition as next friend of ${name}, who cannot sign or verify it because of the detention${c.kind === "abroad" ? " abroad" : ""} and the lack of access to counsel and family. ${nextFriend} is dedicated to the petitioner's interests (Whitmore v. Arkansas, 495 U.S. 149, 163–64 (1990)). [Counsel: state the relationship.]`,
    });
  for (const r of respondents)
    parties.push({ text: `Respondent ${respondentLine(r)} ${r.why}. Sued in an official capacity.` });

  const jurisdiction: PetitionParagraph[] = [
    {
      text: "This Court has jurisdiction under 28 U.S.C. § 2241 (habeas corpus), 28 U.S.C. § 1331 (federal question) and Article I, § 9, cl. 2 of the Constitution (the Suspension Clause). The petitioner is in custody under the authority of the United States and in violation of the Constitution and laws of the United States, 28 U.S.C. § 2241(c)(1), (3).",
    },
    { text: `Venue. ${choice.basis}` },
    {
      text: "Challenges to detention and to removal under the Alien Enemies Act must be brought in habeas in the district of confinement (Trump v. J.G.G., 604 U.S. ___ (2025) (per curiam)). Once this petition is filed, a later transfer does not defeat the Court's jurisdiction (Ex parte Endo, 323 U.S. 283, 304–07 (1944)).",
    },
  ];
  if (choice.division) jurisdiction.push({ text: `Division: ${choice.division}.` });

  const facts: PetitionParagraph[] = [];
  for (const e of record.events) {
    const cites = e.citations.map((ci) => exhibitOf(ci.source));
    const when = formatWhen(e);
    facts.push({
      text: `${when}: ${e.summary}${cites.length ? "" : " [UNVERIFIED: no source on record; confirm before filing.]"}`,
      exhibits: [...new Set(cites)],
    });
  }
  if (!facts.length) facts.push({ text: "[No dated facts on record: add them from the timeline.]" });

  const claims: PetitionSection[] = findings
    .filter((f) => CLAIM_SEVERITIES.has(f.severity))
    .map((f, i) => ({
      heading: `Count ${i + 1}: ${f.title}`,
      numbered: true,
      paragraphs: [
        { text: "The petitioner repeats the facts above." },
        {
          text: f.text,
          exhibits: [
            ...new Set(
              f.events.flatMap(
                (id) =>
                  record.events.find((e) => e.id === id)?.citations.map((ci) => exhibitOf(ci.source)) ?? [],
              ),
            ),
          ],
        },
        { text: `Legal basis: ${f.basis.join("; ")}.` },
        ...(f.contested ? [{ text: `Caution: ${f.contested.note} (as of ${f.contested.as_of}).` }] : []),
        ...(f.severity === "possible_issue"
          ? [{ text: "[Counsel: the record suggests but does not establish this claim; confirm the facts.]" }]
          : []),
      ],
    }));
  if (!claims.length)
    claims.push({
      heading: "Count 1: Detention in violation of the Due Process Clause of the Fifth Amendment",
      numbered: true,
      paragraphs: [
        { text: "[No due-process finding is on record for this person: counsel states the claims.]" },
      ],
    });

  const districtName = choice.district?.name ?? "this District";
  const relief: PetitionParagraph[] = [
    { text: "Assume jurisdiction over this matter." },
    {
      text: "Order the respondents to show cause why the writ should not be granted, with a return filed within three days (28 U.S.C. § 2243).",
    },
    {
      text: `Order that the petitioner not be transferred out of ${districtName}${c.kind === "abroad" ? " or further" : ""} and not be removed from the United States while this petition is pending.`,
    },
    {
      text:
        c.kind === "abroad"
          ? "Order the respondents to take all available steps to facilitate the petitioner's return to the United States."
          : "Grant the writ and order the petitioner's release, or, in the alternative, order a prompt individualized hearing before a neutral decision-maker at which the government bears the burden of justifying detention.",
    },
    { text: "Grant any other relief that is just." },
  ];
  const verifier = nextFriend ?? name;
  const verification: PetitionParagraph[] = [
    {
      text: `I, ${verifier}, ${nextFriend ? `as next friend of ${name}, ` : ""}declare under penalty of perjury under the laws of the United States (28 U.S.C. § 1746) that I have read this petition and that its facts are true to the best of my knowledge${nextFriend ? ", information and belief" : ""} (28 U.S.C. § 2242).`,
    },
    { text: "Executed on ____________ at ____________.    Signature: ______________________" },
    {
      text: "Counsel for Petitioner: ______________________ (name, bar number, address, telephone, e-mail). [If counsel verifies, state why the petitioner cannot.]",
    },
  ];

  const sections: PetitionSection[] = [
    {
      heading: "Introduction",
      numbered: true,
      paragraphs: [
        {
          text: `${petitioner} petitions for a writ of habeas corpus to end ${name}'s unlawful detention${c.kind === "abroad" ? " at the direction of the United States" : ""}, and asks the Court to keep ${name} within its reach while it decides.`,
        },
      ],
    },
    { heading: "Parties", numbered: true, paragraphs: parties },
    { heading: "Custody", numbered: true, paragraphs: custodyText(record, c) },
    { heading: "Jurisdiction and venue", numbered: true, paragraphs: jurisdiction },
    { heading: "Facts", numbered: true, paragraphs: facts },
    ...claims,
    { heading: "Relief requested", numbered: false, paragraphs: relief },
    { heading: "Verification", numbered: false, paragraphs: verification },
  ];
  return {
    caption: { court, petitioner, respondents: respondents.map(respondentLine) },
    sections,
    exhibits,
  };
}

// ---------- filing and venue watch ----------
export const FiledSchema = z.object({
  filed_on: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "the filing date is a date (YYYY-MM-DD)"),
  court: z.string().trim().min(5, "name the court").max(200),
  docket_number: z.string().trim().min(2, "give the docket number").max(80),
});

/** Marks a draft filed: creates the legal matter (court, docket, date) and pins the draft to it. */
export async function markPetitionFiled(
  db: Database,
  draftId: string,
  input: unknown,
  viewer: Viewer,
): Promise<{ draft: string; matter: string; person: string }> {
  authorize(viewer, "write", "case");
  const d = await findDraft(db, draftId);
  if (!d) throw new AppError("NOT_FOUND", `no petition draft with id ${draftId}`);
  await loadPersonForWrite(db, viewer, d.person_id).catch((e) => {
    throw e instanceof AppError && e.code === "NOT_FOUND"
      ? new AppError("NOT_FOUND", `no petition draft with id ${draftId}`)
      : e;
  });
  const record = await getPersonRecord(db, d.person_id, viewer);
  if (d.filed_on)
    throw new AppError("CONFLICT", `draft ${draftId} was already marked filed on ${d.filed_on}`);
  const parsed = FiledSchema.safeParse(input);
  if (!parsed.success)
    throw badInput(
      "the filing is not valid",
      parsed.error.issues.map((i) => ({ path: String(i.path[0] ?? ""), message: i.message })),
    );
  const f = parsed.data;
  const matter = await saveLegalMatter(
    db,
    {
      caption: `${d.next_friend ? `${d.next_friend}, next friend of ` : ""}${record.person.full_name} v. respondents (habeas corpus, 28 U.S.C. § 2241)`,
      court: f.court,
      docket_number: f.docket_number,
      filed_on: f.filed_on,
      status: "filed",
      parties: [record.person.full_name],
      people: [d.person_id],
      summary: `Habeas petition filed from draft ${draftId}.`,
    },
    viewer,
  );
  await db.transaction().execute(async (tx) => {
    await markDraftFiled(tx, draftId, {
      filed_on: f.filed_on,
      filed_court: f.court,
      docket_number: f.docket_number,
      matter_id: matter,
    });
    await audit(tx, viewer, "petition.filed", `person:${d.person_id}`, { draft: draftId, matter });
  });
  return { draft: draftId, matter, person: d.person_id };
}

export type VenueWarning = {
  person: string;
  draft: string;
  draftedAt: string;
  transfers: { event: string; at: string; recordedAt: string }[];
};

const MOVES = ["TRANSFER", "DETENTION_START", "REMOVAL", "FOREIGN_CUSTODY", "RELEASE", "ARREST"];

/**
 * The venue watch: for each person whose latest draft is not filed, the custody moves recorded after it
 * was made. Once a draft is filed the court is fixed and later transfers do not count.
 */
export async function venueWarnings(
  db: Db,
  viewer: Viewer,
  personIds: readonly string[],
): Promise<VenueWarning[]> {
  // Drafts belong to the team that made them: only those with full access to the case hear about them.
  if (!can(viewer, "read", "restricted")) return [];
  const drafts = await listDrafts(db, await fullAccessIds(db, viewer, personIds));
  const latest = new Map<string, DraftRow>();
  const filed = new Set<string>();
  for (const d of drafts) {
    latest.set(d.person_id, d);
    if (d.filed_on) filed.add(d.person_id);
  }
  const out: VenueWarning[] = [];
  for (const [person, d] of latest) {
    if (filed.has(person)) continue;
    const moves = await db
      .selectFrom("events")
      .select(["id", "at", "created_at"])
      .where("person_id", "=", person)
      .where("type", "in", MOVES)
      .where("created_at", ">", d.created_at)
      .orderBy("created_at")
      .execute();
    if (moves.length)
      out.push({
        person,
        draft: d.id,
        draftedAt: d.created_at,
        transfers: moves.map((m) => ({ event: m.id, at: m.at, recordedAt: m.created_at })),
      });
  }
  return out;
}

/** The venue watch across everyone this viewer (a lawyer) may see: for the workspace. */
export async function venueWatch(db: Db, viewer: Viewer): Promise<(VenueWarning & { name: string })[]> {
  if (!can(viewer, "read", "restricted")) return [];
  const people = await visiblePeople(db, await listPeopleWithOpenDrafts(db), viewer);
  const names = new Map(people.map((p) => [p.id, p.full_name]));
  return (await venueWarnings(db, viewer, [...names.keys()])).map((w) => ({
    ...w,
    name: names.get(w.person) ?? w.person,
  }));
}

/** The one place this module filters people by who may see them: the shared visibility scope. */
async function visiblePeople(db: Db, ids: readonly string[], viewer: Viewer) {
  return loadPeople(db, viewer, ids);
}

/** The person a draft is for, when this viewer may see them; NOT_FOUND otherwise. */
export async function draftPerson(db: Db, draftId: string, viewer: Viewer): Promise<string> {
  const d = await findDraft(db, draftId);
  if (!d) throw new AppError("NOT_FOUND", `no petition draft with id ${draftId}`);
  await getPersonRecord(db, d.person_id, viewer).catch(() => {
    throw new AppError("NOT_FOUND", `no petition draft with id ${draftId}`);
  });
  return d.person_id;
}

/** Drafts made for a person, newest first, for a lawyer with full access to the case. */
export async function draftsFor(db: Db, personId: string, viewer: Viewer): Promise<DraftRow[]> {
  await loadPersonForWrite(db, viewer, personId);
  return (await listDrafts(db, [personId])).reverse();
}
