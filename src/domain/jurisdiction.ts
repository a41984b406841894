// Where a facility is in the federal court map: ZIP → county → judicial district, with review flags, and
// which court a § 2241 petition goes to from a place of confinement. Pure: the tables are passed in.

export type District = {
  id: string;
  name: string;
  abbreviation: string;
  circuit: string;
  state: string;
};
export type CountyDistrict = {
  county: string;
  countyName: string;
  entire: boolean;
  district: string;
  division?: string;
};
export type ZipCounty = { county: string; city: string; state: string; resRatio: number; totRatio: number };
export type FieldOffice = {
  aor: string;
  name: string;
  city?: string;
  state?: string;
  street?: string;
  zip?: string;
};
/** A reviewed decision for one facility: match by DETLOC code or by name (and state). */
export type PlacementOverride = {
  match: string;
  state?: string;
  county: string;
  reason: string;
  reviewedOn: string;
};

export type Geography = {
  districts: ReadonlyMap<string, District>;
  /** County FIPS → its rows (two for a split county). */
  counties: ReadonlyMap<string, readonly CountyDistrict[]>;
  zips: ReadonlyMap<string, readonly ZipCounty[]>;
  /** "CITY|ST" (USPS preferred city name, upper case) → the counties of its ZIPs. */
  cities: ReadonlyMap<string, ReadonlySet<string>>;
  fieldOffices: ReadonlyMap<string, FieldOffice>;
  overrides: readonly PlacementOverride[];
};

export const PLACEMENT_STATUSES = ["placed", "reviewed", "review", "outside", "unknown"] as const;
export type PlacementStatus = (typeof PLACEMENT_STATUSES)[number];

/** A facility's place on the court map and how it was found. */
export type Placement = {
  status: PlacementStatus;
  county?: string;
  countyName?: string;
  district?: string;
  division?: string;
  /** How the district was found, in one sentence a lawyer can check. */
  basis: string;
  /** Why a person must look (status "review"), or the reviewed reason (status "reviewed"). */
  note?: string;
};

export type PlaceInput = {
  name: string;
  aliasKeys?: readonly string[];
  country: string;
  city?: string;
  state?: string;
  zip?: string;
  detloc?: string;
  kind?: string;
};

export const cityKey = (city: string, state: string) => `${placeKey(city)}|${state.toUpperCase()}`;

/** Name comparison key shared with the overrides table: upper case, no accents or punctuation. */
export function placeKey(name: string): string {
  return name
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toUpperCase()
    .split(/[^A-Z0-9]+/)
    .filter(Boolean)
    .join(" ");
}

// USPS military post offices (APO/FPO/DPO): AA 340xx, AE 090–098xx, AP 962–966xx. They are not in a county.
export function isMilitaryZip(zip: string): boolean {
  const n = Number(zip.slice(0, 3));
  return zip.startsWith("340") || (n >= 90 && n <= 98) || (n >= 962 && n <= 966);
}

const zip5 = (zip: string | undefined) => /^\d{5}/.exec((zip ?? "").trim())?.[0];

/**
 * The row of a county for a facility. A split county has an "exclusive of <part>" row and a row for the
 * part (FCI Butner in Durham County, Yellowstone in three counties): a facility whose name names the part
 * is in it, any other is in the rest of the county.
 */
function countyRow(rows: readonly CountyDistrict[], name: string): CountyDistrict | undefined {
  if (rows.length <= 1) return rows[0];
  const rest = rows.find((r) => /exclusive of/i.test(r.countyName));
  const part = rows.find((r) => r !== rest);
  if (!rest || !part) return rows[0];
  const words = placeKey(rest.countyName.replace(/^.*exclusive of/i, ""))
    .split(" ")
    .filter((w) => w.length > 3 && !COMMON_WORDS.has(w));
  const key = ` ${placeKey(name)} `;
  return words.some((w) => key.includes(` ${w} `)) ? part : rest;
}

const COMMON_WORDS = new Set([
  "THAT",
  "PORTION",
  "COUNTY",
  "FEDERAL",
  "CORRECTIONAL",
  "INSTITUTION",
  "NORTH",
  "SOUTH",
  "CAROLINA",
  "NATIONAL",
  "PARK",
]);

function findOverride(f: PlaceInput, overrides: readonly PlacementOverride[]) {
  const keys = new Set([placeKey(f.name), ...(f.aliasKeys ?? []).map(placeKey)]);
  return overrides.find((o) => {
    if (f.detloc && o.match.toUpperCase() === f.detloc.toUpperCase()) return true;
    if (o.state && f.state && o.state.toUpperCase() !== f.state.toUpperCase()) return false;
    return keys.has(placeKey(o.match));
  });
}

function fromCounty(
  g: Geography,
  county: string,
  name: string,
  basis: string,
  status: PlacementStatus,
  note?: string,
): Placement {
  const row = countyRow(g.counties.get(county) ?? [], name);
  if (!row?.district) {
    return {
      status: "review",
      county,
      basis,
      note: `county ${county} has no federal judicial district in the table`,
    };
  }
  return {
    status,
    county,
    countyName: row.countyName,
    district: row.district,
    division: row.division,
    basis,
    note,
  };
}

/**
 * Places a facility on the court map. Abroad, a military post office (Guantánamo) or a foreign facility is
 * "outside" every district. In the US: a reviewed override first; else the ZIP's counties — one district
 * for all of them is "placed" (the county with most residential addresses named), several districts is
 * "review"; a ZIP not in the table falls back on a state that is one whole district, else "unknown".
 */
export function placeFacility(f: PlaceInput, g: Geography): Placement {
  const zip = zip5(f.zip);
  if (f.country !== "US") {
    return {
      status: "outside",
      basis: `the facility is outside the United States (${f.country}), in no federal judicial district`,
    };
  }
  if (f.kind === "military_base" || (zip && isMilitaryZip(zip))) {
    return {
      status: "outside",
      basis: `the facility's address is a military post office (ZIP ${zip ?? "?"}), not a place in any county or federal judicial district`,
    };
  }
  const o = findOverride(f, g.overrides);
  if (o) return fromCounty(g, o.county, f.name, `reviewed override (${o.reviewedOn})`, "reviewed", o.reason);
  const rows = zip ? (g.zips.get(zip) ?? []) : [];
  const inState = rows.filter((r) => !f.state || r.state === f.state.toUpperCase());
  if (inState.length) {
    const sorted = [...inState].sort((a, b) => b.resRatio - a.resRatio || b.totRatio - a.totRatio);
    const best = sorted[0]!;
    const districts = new Set(
      sorted.map((r) => countyRow(g.counties.get(r.county) ?? [], f.name)?.district).filter(Boolean),
    );
    if (districts.size > 1) {
      const list = [...districts].map((d) => g.districts.get(d!)?.abbreviation ?? d).join(", ");
      const p = fromCounty(
        g,
        best.county,
        f.name,
        `ZIP ${zip}: county with most residential addresses (${Math.round(best.resRatio * 100)} %)`,
        "review",
      );
      return {
        ...p,
        status: "review",
        note: `ZIP ${zip} spans counties in different districts (${list}); check the county by hand`,
      };
    }
    const share = sorted.length > 1 ? ` (${Math.round(best.resRatio * 100)} % of the ZIP's addresses)` : "";
    return fromCounty(g, best.county, f.name, `ZIP ${zip} → county ${best.county}${share}`, "placed");
  }
  // Without a usable ZIP, the city's ZIPs: when all their counties are in one district, that is it.
  if (f.city && f.state) {
    const counties = [...(g.cities.get(cityKey(f.city, f.state)) ?? [])];
    const districts = new Set(
      counties.map((c) => countyRow(g.counties.get(c) ?? [], f.name)?.district).filter(Boolean),
    );
    if (districts.size === 1) {
      const d = [...districts][0]!;
      const one = counties.length === 1 ? fromCounty(g, counties[0]!, f.name, "", "placed") : undefined;
      return {
        status: "placed",
        county: one?.county,
        countyName: one?.countyName,
        district: d,
        division: one?.division,
        basis: `every ZIP of ${f.city}, ${f.state} lies in ${counties.length === 1 ? "one county" : "counties"} of the same district${zip ? ` (ZIP ${zip} is not in the ZIP table)` : " (no ZIP on record)"}`,
      };
    }
  }
  const stateDistricts = [...g.districts.values()].filter(
    (d) => f.state && d.state === f.state.toUpperCase(),
  );
  if (stateDistricts.length === 1) {
    const d = stateDistricts[0]!;
    return {
      status: "placed",
      district: d.id,
      basis: `${f.state} is one whole district${zip ? ` (ZIP ${zip} is not in the ZIP table)` : ""}`,
    };
  }
  return {
    status: "unknown",
    basis: zip ? `ZIP ${zip} is not in the ZIP → county table` : "the facility has no ZIP code on record",
    note: "no county could be found: record the county by hand (an override) before relying on the district",
  };
}

/** Field office of an Area of Responsibility code, when known. */
export function fieldOfficeOf(g: Geography, aor: string | undefined): FieldOffice | undefined {
  return aor ? g.fieldOffices.get(aor.toUpperCase()) : undefined;
}

/** "United States District Court for the Middle District of Georgia". */
export function courtName(d: District): string {
  return `United States District Court for the ${d.name}`;
}
