// Federal court ids as PACER and CourtListener spell them ("nysd", "cacd", "ca9") → the court's full name,
// from the district and circuit tables shipped in data/courts/.
import { readFileSync } from "node:fs";
import { parse as parseCsv } from "csv-parse/sync";

const DIRECTIONS: Readonly<Record<string, string>> = {
  Northern: "n",
  Southern: "s",
  Eastern: "e",
  Western: "w",
  Middle: "m",
  Central: "c",
};
/** The few ids that are not "state code + direction + d". */
const STATE_IDS: Readonly<Record<string, string>> = { MP: "nmi" };
const CIRCUITS: Readonly<Record<string, string>> = { "0": "cadc", "12": "cafc" };

let table: ReadonlyMap<string, string> | undefined;

function rows(file: string): Record<string, string>[] {
  const text = readFileSync(new URL(`../../../data/courts/${file}`, import.meta.url), "utf8");
  return parseCsv(text, { columns: true, bom: true, skip_empty_lines: true }) as Record<string, string>[];
}

function courtTable(): ReadonlyMap<string, string> {
  if (table) return table;
  const m = new Map<string, string>();
  for (const r of rows("judicial_district.csv")) {
    const state = (r.state_alpha_code ?? "").trim();
    const id = (r.judicial_district_id ?? "").trim();
    const name = (r.judicial_district_name ?? "").trim();
    if (!state || !name) continue;
    const direction = DIRECTIONS[id.split(" ").at(-1) ?? ""] ?? "";
    m.set(`${STATE_IDS[state] ?? state.toLowerCase()}${direction}d`, name);
  }
  for (const r of rows("judicial_circuit.csv")) {
    const n = (r.judicial_circuit_id ?? "").trim();
    const name = (r.judicial_circuit_name ?? "").trim();
    if (!n || !name) continue;
    m.set(CIRCUITS[n] ?? `ca${n}`, `Court of Appeals for the ${name}`);
  }
  table = m;
  return m;
}

/** The full name of a federal court from its id, or undefined when the id is not a known court. */
export function courtName(courtId: string): string | undefined {
  return courtTable().get(courtId.trim().toLowerCase());
}
