// Reader for the reference tables habeas ships in data/: ZIP → county, county → federal judicial district,
// ICE Area of Responsibility → field office, and the reviewed facility overrides. Read once, then cached.
import { readFileSync } from "node:fs";
import { parse } from "csv-parse/sync";
import { AppError } from "../../domain/errors.ts";
import {
  type CountyDistrict,
  cityKey,
  type District,
  type FieldOffice,
  type Geography,
  type PlacementOverride,
  type ZipCounty,
} from "../../domain/jurisdiction.ts";

const DATA = new URL("../../../data/", import.meta.url);

function readTable(path: string, columns: readonly string[]): Record<string, string>[] {
  let rows: Record<string, string>[];
  try {
    rows = parse(readFileSync(new URL(path, DATA)), { columns: true, bom: true, skip_empty_lines: true });
  } catch (e) {
    throw new AppError("INTERNAL", `cannot read reference table data/${path}: ${(e as Error).message}`);
  }
  const missing = columns.filter((c) => rows[0] && !(c in rows[0]));
  if (missing.length) throw new AppError("INTERNAL", `data/${path} lacks column(s) ${missing.join(", ")}`);
  return rows;
}

/**
 * Builds the lookups from table rows. The ZIP table (54,000 rows, half a second to parse) is read and
 * indexed only when a ZIP or a city is first looked up: placing facilities known by code and state alone
 * (a DDP import) never needs it.
 */
function buildGeography(t: {
  districts: Record<string, string>[];
  counties: Record<string, string>[];
  zips: () => Record<string, string>[];
  offices: Record<string, string>[];
  overrides: Record<string, string>[];
}): Geography {
  const districts = new Map<string, District>();
  for (const r of t.districts) {
    districts.set(r.judicial_district_id!, {
      id: r.judicial_district_id!,
      name: r.judicial_district_name!,
      abbreviation: r.judicial_district_abbreviation!,
      circuit: r.judicial_circuit_id!,
      state: r.state_alpha_code!,
    });
  }
  const counties = new Map<string, CountyDistrict[]>();
  for (const r of t.counties) {
    const row: CountyDistrict = {
      county: r.county_ansi_code!,
      countyName: r.county_name!,
      entire: r.is_entire_county === "TRUE",
      district: r.judicial_district_id ?? "",
      division: r.statutory_division || undefined,
    };
    counties.set(row.county, [...(counties.get(row.county) ?? []), row]);
  }
  let byZip: { zips: Map<string, ZipCounty[]>; cities: Map<string, Set<string>> } | undefined;
  const zipIndex = () => (byZip ??= indexZips(t.zips()));
  const fieldOffices = new Map<string, FieldOffice>();
  for (const r of t.offices) {
    fieldOffices.set(r.aor_code!, {
      aor: r.aor_code!,
      name: r.field_office!,
      city: r.city || undefined,
      state: r.state || undefined,
      street: r.street || undefined,
      zip: r.postal_code || undefined,
    });
  }
  const overrides: PlacementOverride[] = t.overrides.map((r) => ({
    match: r.match!,
    state: r.state || undefined,
    county: r.county!,
    reason: r.reason!,
    reviewedOn: r.reviewed_on!,
  }));
  return {
    districts,
    counties,
    get zips() {
      return zipIndex().zips;
    },
    get cities() {
      return zipIndex().cities;
    },
    fieldOffices,
    overrides,
  };
}

/** ZIP → its counties, and city → the counties of its ZIPs. */
function indexZips(rows: Record<string, string>[]) {
  const zips = new Map<string, ZipCounty[]>();
  const cities = new Map<string, Set<string>>();
  for (const r of rows) {
    const key = cityKey(r.city ?? "", r.state ?? "");
    const set = cities.get(key);
    if (set) set.add(r.county!);
    else cities.set(key, new Set([r.county!]));
    const z: ZipCounty = {
      city: r.city ?? "",
      county: r.county!,
      state: r.state!,
      resRatio: Number(r.res_ratio),
      totRatio: Number(r.tot_ratio),
    };
    const list = zips.get(r.zip!);
    if (list) list.push(z);
    else zips.set(r.zip!, [z]);
  }
  return { zips, cities };
}

let cached: Geography | undefined;

/** The shipped tables (data/courts, data/geo, data/ice-aor), read on first use. */
export function loadGeography(): Geography {
  cached ??= buildGeography({
    districts: readTable("courts/judicial_district.csv", ["judicial_district_id", "judicial_district_name"]),
    counties: readTable("courts/judicial_district_county.csv", ["county_ansi_code", "judicial_district_id"]),
    zips: () => readTable("geo/zip-county.csv", ["zip", "county", "city", "state", "res_ratio", "tot_ratio"]),
    offices: readTable("ice-aor/ice_aor_field_offices.csv", ["aor_code", "field_office"]),
    overrides: readTable("courts/facility-overrides.csv", ["match", "county", "reason", "reviewed_on"]),
  });
  return cached;
}
