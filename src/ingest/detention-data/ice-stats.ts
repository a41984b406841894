// Reader for the Facilities sheet of ICE's detention statistics (FY19 on): finds the header among the
// title rows, reads each facility with its average daily population, and skips footnotes and totals.
import { parse } from "csv-parse/sync";
import { z } from "zod";
import { AppError } from "../../domain/errors.ts";
import type { LineProblem } from "./ddp.ts";
import { facilityNameKey, stripFootnoteMarkers } from "./facility-names.ts";

/** One facility row of the sheet; figures are for the sheet's fiscal year (to its data date). */
export type IceFacility = {
  line: number;
  name: string;
  /** ICE's DETLOC code, when the sheet gives it (a column, or a footnote naming the facility). */
  detloc?: string;
  address?: string;
  city?: string;
  state?: string;
  zip?: string;
  /** ICE field office (area of responsibility), e.g. "NOL". */
  aor?: string;
  /** ICE's detailed facility type: SPC, CDF, DIGSA, IGSA, USMS IGA, BOP, STAGING … */
  type?: string;
  gender?: string;
  /** Average length of stay, days. */
  alos?: number;
  /** Average daily population: the sum of the classification levels A–D (or of criminality, or threat). */
  adp?: number;
  /** Average daily population held under mandatory detention. */
  adpMandatory?: number;
  /** Beds the contract pays for whether used or not. */
  guaranteedMinimum?: number;
};

export type IceFacilitiesSheet = {
  /** Fiscal year the figures are for, e.g. 2024. */
  fiscalYear?: number;
  /** Date of the data pull named in the sheet's source line (YYYY-MM-DD). */
  asOf?: string;
  headerLine: number;
  facilities: IceFacility[];
  /** Rows that could not be read, with their line numbers; the others are still returned. */
  problems: LineProblem[];
  /** Footnotes and other text rows below or among the data. */
  notes: string[];
};

type Field =
  | "name"
  | "detloc"
  | "address"
  | "city"
  | "state"
  | "zip"
  | "aor"
  | "type"
  | "gender"
  | "alos"
  | "mandatory"
  | "guaranteedMinimum";

const FIELDS: [Field, RegExp][] = [
  ["name", /^(facility )?name$/],
  ["detloc", /^(detloc|detention facility code|facility code)$/],
  ["address", /^(facility )?address$/],
  ["city", /^city$/],
  ["state", /^state$/],
  ["zip", /^zip( code)?$/],
  ["aor", /^(aor|area of responsibility|field office)$/],
  ["type", /^(type detailed|facility type|type)$/],
  ["gender", /^(male\/female|gender)$/],
  ["alos", /\balos$|^average length of stay/],
  ["mandatory", /^mandatory$/],
  ["guaranteedMinimum", /^guaranteed minimum$/],
];
// Three breakdowns of the same population; the first one present gives the ADP.
const ADP_PARTS: RegExp[] = [
  /^level [a-d]$/,
  /^(male|female) (non-)?crim$/,
  /^(ice threat level [1-3]|no ice threat level)$/,
];

// "#N/A" is what Excel shows when a lookup found nothing: a figure not given, not a malformed one.
const NOT_GIVEN = new Set(["", "n/a", "#n/a", "na", "-", "–", "—", "none"]);

/** A figure as the sheets write it: "1,234", " 12 ", "45*", "N/A". Undefined when not given, NaN when garbage. */
export function parseFigure(text: string): number | undefined {
  const t = stripFootnoteMarkers(text).replace(/[,\s]/g, "");
  if (NOT_GIVEN.has(t.toLowerCase())) return undefined;
  return /^\d+(\.\d+)?$/.test(t) ? Number(t) : Number.NaN;
}

const Figure = z.string().transform((s, ctx) => {
  const v = parseFigure(s);
  if (Number.isNaN(v)) {
    ctx.addIssue({ code: "custom", message: `${JSON.stringify(s.slice(0, 30))} is not a number` });
    return z.NEVER;
  }
  return v;
});
const Text = (max: number) =>
  z
    .string()
    .transform((s) => s.replace(/\s+/g, " ").trim())
    .pipe(z.string().max(max))
    .transform((s) => s || undefined);

export const IceFacilityRowSchema = z.object({
  name: z.string().trim().min(1, "has no facility name").max(300),
  detloc: Text(20).pipe(
    z
      .string()
      .regex(/^[A-Z0-9][A-Z0-9_-]*$/i, "is not a DETLOC code")
      .transform((s) => s.toUpperCase())
      .optional(),
  ),
  address: Text(300),
  city: Text(120),
  state: Text(60).pipe(
    z
      .string()
      .regex(/^[A-Za-z]{2}$/, "state is not a two-letter code")
      .transform((s) => s.toUpperCase())
      .optional(),
  ),
  zip: Text(20),
  aor: Text(20),
  type: Text(60),
  gender: Text(60),
  alos: Figure,
  adpMandatory: Figure,
  guaranteedMinimum: Figure,
  adpParts: z.array(Figure).transform((xs) => (xs.some((x) => x !== undefined) ? xs : undefined)),
});

type Rec = { record: string[]; info: { bytes: number }; line: number };

const norm = (cell: string | undefined) => (cell ?? "").replace(/\s+/g, " ").trim().toLowerCase();
const isBlank = (r: string[]) => r.every((c) => !c.trim());

function findHeader(records: Rec[]): number {
  for (let i = 0; i < Math.min(records.length, 40); i++) {
    const cells = records[i]!.record.map(norm);
    if (cells.includes("name") && cells.includes("city") && cells.includes("state")) return i;
  }
  return -1;
}

function fiscalYearOf(texts: string[]): number | undefined {
  for (const t of texts) {
    const m = /\bFY\s?(\d{4}|\d{2})\b/i.exec(t);
    if (m) return m[1]!.length === 2 ? 2000 + Number(m[1]) : Number(m[1]);
  }
  return undefined;
}

function asOfOf(texts: string[]): string | undefined {
  for (const t of texts) {
    const m = /source.*?(\d{1,2})\/(\d{1,2})\/(\d{4})/i.exec(t);
    if (m) return `${m[3]}-${m[1]!.padStart(2, "0")}-${m[2]!.padStart(2, "0")}`;
  }
  return undefined;
}

type Footnote = { marker?: string; code?: string; key: string; text: string };

function readFootnote(text: string): Footnote {
  const m = /^\[(\d{1,2})\]\s*(?:\(([A-Z0-9]{3,10})\)\s*)?(.*)$/.exec(text);
  const rest = m ? m[3]! : text;
  return { marker: m?.[1], code: m?.[2], key: facilityNameKey(rest), text };
}

/**
 * Reads one Facilities sheet (CSV text). Throws AppError BAD_INPUT when the text is not CSV or has no
 * header row with Name, City and State; rows that cannot be read become problems with their line numbers.
 */
export function parseIceFacilities(input: string | Uint8Array): IceFacilitiesSheet {
  let buf = typeof input === "string" ? Buffer.from(input, "utf8") : Buffer.from(input);
  if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) buf = buf.subarray(3);
  let records: Rec[];
  try {
    records = parse(buf, {
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: false,
      info: true,
    }) as unknown as Rec[];
  } catch (e) {
    throw new AppError("BAD_INPUT", `cannot read the sheet as CSV: ${(e as Error).message}`);
  }
  // The parser counts a CR LF inside a quoted cell as two lines; count newlines up to each record instead.
  let pos = 0;
  let line = 1;
  for (const r of records) {
    r.line = line;
    for (; pos < r.info.bytes && pos < buf.length; pos++) if (buf[pos] === 10) line++;
  }
  const h = findHeader(records);
  if (h < 0) {
    throw new AppError(
      "BAD_INPUT",
      "not an ICE Facilities sheet: no header row with Name, City and State columns in the first 40 lines",
    );
  }
  const header = records[h]!.record.map(norm);
  const above = records.slice(0, h).map((r) => r.record.filter((c) => c.trim()).join(" "));
  const col = new Map<Field, number>();
  for (const [field, re] of FIELDS) {
    const i = header.findIndex((c) => re.test(c));
    if (i >= 0) col.set(field, i);
  }
  const adpCols =
    ADP_PARTS.map((re) => header.flatMap((c, i) => (re.test(c) ? [i] : []))).find((cols) => cols.length) ??
    [];

  const notes: string[] = [];
  const footnotes: Footnote[] = [];
  const rows: Rec[] = [];
  for (const rec of records.slice(h + 1)) {
    const r = rec.record;
    if (isBlank(r)) continue;
    const first = (r[0] ?? "").trim();
    // Footnotes and remarks sit in the first column alone; totals rows sum the facilities above them.
    if (r.slice(1).every((c) => !c.trim()) || /^(grand )?totals?\b/i.test(first)) {
      notes.push(first);
      footnotes.push(readFootnote(first));
      continue;
    }
    rows.push(rec);
  }
  const markers = new Map(footnotes.filter((f) => f.marker).map((f) => [f.marker!, f]));

  const facilities: IceFacility[] = [];
  const problems: LineProblem[] = [];
  const cell = (r: string[], f: Field) => {
    const i = col.get(f);
    return i === undefined ? "" : (r[i] ?? "");
  };
  for (const { record: r, line } of rows) {
    let name = cell(r, "name").trim();
    // A superscript footnote number pasted as text sticks to the name ("… CENTER1"): strip it only when
    // the sheet has that footnote, so names that really end in a number keep it.
    let marker = /\[\s*(\d{1,2})\s*\]/.exec(name)?.[1];
    const glued = /^(.*[A-Za-z.)])(\d{1,2})$/.exec(name);
    if (!marker && glued && markers.has(glued[2]!)) {
      marker = glued[2];
      name = glued[1]!;
    }
    name = stripFootnoteMarkers(name);
    const parsed = IceFacilityRowSchema.safeParse({
      name,
      detloc: cell(r, "detloc"),
      address: cell(r, "address"),
      city: cell(r, "city"),
      state: cell(r, "state"),
      zip: cell(r, "zip"),
      aor: cell(r, "aor"),
      type: cell(r, "type"),
      gender: cell(r, "gender"),
      alos: cell(r, "alos"),
      adpMandatory: cell(r, "mandatory"),
      guaranteedMinimum: cell(r, "guaranteedMinimum"),
      adpParts: adpCols.map((i) => r[i] ?? ""),
    });
    if (!parsed.success) {
      const message = parsed.error.issues
        .map((i) => {
          const path = i.path[0] === "adpParts" ? "ADP" : String(i.path[0] ?? "row");
          return `${path}: ${i.message}`;
        })
        .join("; ");
      problems.push({ line, message: `${name || "(no name)"}: ${message}` });
      continue;
    }
    const d = parsed.data;
    const key = facilityNameKey(d.name);
    const note = marker ? markers.get(marker) : footnotes.find((f) => f.code && f.key.startsWith(`${key} `));
    const adp = d.adpParts?.reduce<number>((sum, x) => sum + (x ?? 0), 0);
    facilities.push(
      Object.fromEntries(
        Object.entries({
          line,
          name: d.name,
          detloc: d.detloc ?? note?.code,
          address: d.address,
          city: d.city,
          state: d.state,
          zip: d.zip,
          aor: d.aor,
          type: d.type,
          gender: d.gender,
          alos: d.alos,
          adp: adp === undefined ? undefined : Math.round(adp * 10) / 10,
          adpMandatory: d.adpMandatory,
          guaranteedMinimum: d.guaranteedMinimum,
        }).filter(([, v]) => v !== undefined),
      ) as IceFacility,
    );
  }
  return {
    fiscalYear: fiscalYearOf([...records[h]!.record, ...above]),
    asOf: asOfOf(above),
    headerLine: records[h]!.line,
    facilities,
    problems,
    notes,
  };
}
