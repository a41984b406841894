// The exact JSON the `habeas extract|dedupe|resolve --json` commands print; an outside evaluator reads these shapes.
import { readFile } from "node:fs/promises";
import { basename } from "node:path";
import { AppError, badInput } from "../domain/errors.ts";
import { captureFile } from "./capture.ts";
import { findNearDuplicates } from "./dedupe.ts";
import type { FacilityEntry } from "./entities.ts";
import { extractArticle } from "./extract.ts";
import { resolveIdentities } from "./identity.ts";

export type ExtractOutput = {
  file: string;
  sha256: string;
  language: "en" | "es";
  title: string | null;
  published: string | null;
  people: { name: string; forms: string[]; mentions: number }[];
  organizations: string[];
  places: string[];
  facilities: { name: string; forms: string[] }[];
  quotes: { text: string; speaker: string | null }[];
  numbers: { value: number; unit: string; about: string }[];
  dates: { text: string; date: string }[];
};

/** One object per file, in the order given. */
export async function extractFiles(
  paths: readonly string[],
  registry?: readonly FacilityEntry[],
): Promise<ExtractOutput[]> {
  const out: ExtractOutput[] = [];
  for (const path of paths) {
    const cap = await captureFile(path);
    const a = extractArticle(cap.text, { id: basename(path), registry, title: cap.title });
    out.push({
      file: basename(path),
      sha256: cap.sha256,
      language: a.language,
      title: a.title,
      published: a.published,
      people: a.people.map((p) => ({ name: p.name, forms: p.forms, mentions: p.mentions })),
      organizations: a.organizations,
      places: a.places,
      facilities: a.facilities.map((f) => ({ name: f.name, forms: f.forms })),
      quotes: a.quotes.map((q) => ({ text: q.text, speaker: q.speaker })),
      numbers: a.numbers.map((n) => ({ value: n.value, unit: n.unit, about: n.about })),
      dates: a.dates.map((d) => ({ text: d.text, date: d.date })),
    });
  }
  return out;
}

/** Near-duplicate groups of 2+ files, by file name. */
export async function dedupeFiles(paths: readonly string[]): Promise<{ groups: string[][] }> {
  const docs = [];
  for (const path of paths) docs.push({ id: basename(path), text: (await captureFile(path)).text });
  return { groups: findNearDuplicates(docs) };
}

/** names.txt, one name per line (blank lines and "#" comments skipped). */
export async function resolveNamesFile(
  path: string,
): Promise<{ identities: { canonical: string; members: string[] }[] }> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT")
      throw new AppError("NOT_FOUND", `no such file: ${path}`);
    throw badInput(`cannot read ${path}: ${(e as Error).message}`);
  }
  const names = text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith("#"));
  const { identities } = resolveIdentities(names);
  return { identities: identities.map((i) => ({ canonical: i.canonical, members: i.members })) };
}
