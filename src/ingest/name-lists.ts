// Given-name and surname frequency lists (Spain, Mexico, Venezuela, El Salvador, Colombia, US), read at run time.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { foldName } from "../domain/names.ts";

/**
 * The lists are reference data that may not be copied into the project, so they are read where they live:
 * `useNameLists(dir)` (the CLI and server pass the configured folder), else `../shared/data/names` beside the
 * checkout. Without them extraction falls back to the small built-in lists in `lexicon.ts`.
 */
export type NameLists = { given: Map<string, "m" | "f" | "u">; surnames: Set<string> };

let dir: string | null | undefined;
let loaded: NameLists | null | undefined;

export const DEFAULT_NAMES_DIR = new URL("../../../shared/data/names", import.meta.url).pathname;

/** Points extraction at a folder of name lists (null: use none). Takes effect on the next lookup. */
export function useNameLists(folder: string | null): void {
  dir = folder;
  loaded = undefined;
}

// Fixed a priori, not fitted on any corpus: keep names frequent enough that a capitalized word in a list of
// them is far likelier a name than a rare surname that is also an English word.
const MIN_INE_GIVEN = 100;
const MIN_INE_SURNAME = 300;
const MIN_US_SURNAME = 2000;
const MIN_MX_GIVEN = 30;

/** The rows of a CSV file, lazily: the big lists are sorted by frequency, so readers stop early. */
function* rows(path: string): Generator<string[]> {
  if (!existsSync(path)) return;
  const text = readFileSync(path, "utf8");
  let at = 0;
  while (at < text.length) {
    let end = text.indexOf("\n", at);
    if (end < 0) end = text.length;
    yield text
      .slice(at, end)
      .split(",")
      .map((c) => c.replace(/"/g, "").trim());
    at = end + 1;
  }
}

const WORD = /^[a-z][a-z'-]{1,}$/;

export function nameLists(): NameLists | null {
  if (loaded !== undefined) return loaded;
  const folder = dir === undefined ? DEFAULT_NAMES_DIR : dir;
  if (!folder || !existsSync(folder)) {
    loaded = null;
    return loaded;
  }
  const given = new Map<string, "m" | "f" | "u">();
  const surnames = new Set<string>();
  const addGiven = (name: string, sex: "m" | "f" | "u") => {
    for (const t of foldName(name).split(" ")) {
      if (!WORD.test(t) || t.length < 3) continue;
      const had = given.get(t);
      given.set(t, had && had !== sex ? "u" : sex);
    }
  };
  const addSurname = (name: string) => {
    const t = foldName(name);
    if (WORD.test(t) && t.length >= 3) surnames.add(t);
  };
  for (const c of ["co", "sv", "ve"]) {
    for (const r of rows(join(folder, `${c}_wikidata_males.csv`))) if (r[0]) addGiven(r[0], "m");
    for (const r of rows(join(folder, `${c}_wikidata_females.csv`))) if (r[0]) addGiven(r[0], "f");
    for (const r of rows(join(folder, `${c}_wikidata_surnames.csv`))) if (r[0]) addSurname(r[0]);
  }
  for (const r of rows(join(folder, "mx_datamx_hombres.csv")))
    if (r[0] && Number(r[1]) >= MIN_MX_GIVEN) addGiven(r[0], "m");
  for (const r of rows(join(folder, "mx_datamx_mujeres.csv")))
    if (r[0] && Number(r[1]) >= MIN_MX_GIVEN) addGiven(r[0], "f");
  for (const r of rows(join(folder, "mx_datamx_apellidos.csv"))) if (r[0]) addSurname(r[0]);
  // INE: name, count, % men, % women.
  for (const r of rows(join(folder, "es_ine_names_all.csv"))) {
    if (Number(r[1]) < MIN_INE_GIVEN) break;
    if (!r[0]) continue;
    const men = Number(r[2]);
    addGiven(r[0], men >= 90 ? "m" : men <= 10 ? "f" : "u");
  }
  for (const r of rows(join(folder, "es_ine_apellidos_frecuencia_ge100.csv"))) {
    if (!/^\d+$/.test(r[0] ?? "")) continue;
    if (Number(r[2]) < MIN_INE_SURNAME) break;
    addSurname(r[1] ?? "");
  }
  for (const r of rows(join(folder, "us_census_surnames.csv"))) {
    if (Number(r[1]) < MIN_US_SURNAME) break;
    if (r[0]) addSurname(r[0]);
  }
  loaded = given.size + surnames.size ? { given, surnames } : null;
  return loaded;
}
