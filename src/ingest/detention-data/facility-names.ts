// Facility names as the detention-data sheets spell them: footnote markers, abbreviations, kinds.
import type { FACILITY_KINDS } from "../../domain/model.ts";

export type FacilityKind = (typeof FACILITY_KINDS)[number];

// The sheets abbreviate the same words differently from year to year ("CO. DET. CTR" vs "COUNTY DETENTION
// CENTER"); expanding them lets one facility be recognised across sheets and sources.
const ABBREVIATIONS: Record<string, string> = {
  CO: "COUNTY",
  CNTY: "COUNTY",
  DET: "DETENTION",
  CTR: "CENTER",
  CNTR: "CENTER",
  CENTRE: "CENTER",
  CORR: "CORRECTIONAL",
  CORRECTION: "CORRECTIONAL",
  CORRECTIONS: "CORRECTIONAL",
  FAC: "FACILITY",
  REG: "REGIONAL",
  PROC: "PROCESSING",
  PUB: "PUBLIC",
  SFTY: "SAFETY",
  CPLX: "COMPLEX",
  INST: "INSTITUTION",
  FED: "FEDERAL",
  DEPT: "DEPARTMENT",
  JUV: "JUVENILE",
  IPC: "ICE PROCESSING CENTER",
  SPC: "SERVICE PROCESSING CENTER",
  PAR: "PARISH",
  FAM: "FAMILY",
};

/** A comparison key: upper case, no accents or punctuation, common abbreviations spelled out. */
export function facilityNameKey(name: string): string {
  return name
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toUpperCase()
    .replace(/&/g, " AND ")
    .split(/[^A-Z0-9]+/)
    .filter(Boolean)
    .map((w) => ABBREVIATIONS[w] ?? w)
    .join(" ");
}

/** Removes footnote markers the sheets attach to names and figures: "[1]", "*", "†", superscript digits. */
export function stripFootnoteMarkers(text: string): string {
  return text
    .replace(/\s*\[\s*\d{1,2}\s*\]/g, "")
    .replace(/[*†‡§¹²³⁴⁵⁶⁷⁸⁹⁰]+/g, "")
    .replace(/\s+/g, " ")
    .trim();
}

/** A best guess at the kind of place from its name alone, for registry entries that have nothing better. */
export function facilityKindFromName(name: string): FacilityKind {
  const n = facilityNameKey(name);
  if (/\bHOLD ?ROOMS?\b|\bHOLDROOM\b|\bHOLD\b/.test(n)) return "hold_room";
  if (/\bSTAGING\b/.test(n)) return "staging";
  if (/\bJAIL\b/.test(n)) return "jail";
  if (/\b(FCI|FDC|USP|MDC|PRISON|PENITENTIARY)\b|\bCORRECTIONAL INSTITUTION\b/.test(n)) return "prison";
  return "detention_center";
}
