// Where a § 2241 petition goes and whom it names, from where the person is held: pure decisions over the
// custody chain's last step and the facility's place on the court map, each with its reason.
import { courtName, type District, type Geography, type Placement } from "./jurisdiction.ts";

/** A place of confinement as the custody chain and the registry know it. */
export type HeldAt = {
  id: string;
  name: string;
  country: string;
  state?: string;
  city?: string;
  address?: string;
  zip?: string;
  placement?: Placement;
  aor?: string;
  head?: { name?: string; title?: string };
};

/** Where the person is held now, as far as the record says. */
export type Confinement =
  | { kind: "facility"; facility: HeldAt; since: string; event: string }
  | { kind: "abroad"; country: string; facility?: HeldAt; since: string; event: string; lastInUs?: HeldAt }
  | { kind: "released"; since: string; event: string }
  | { kind: "unknown"; place?: string; since?: string; lastInUs?: HeldAt };

export type CourtChoice = {
  /** "United States District Court for the …", or undefined when no court can be proposed. */
  court?: string;
  district?: District;
  division?: string;
  /** "confinement": the district of confinement; "proposed": no district of confinement, a proposal. */
  kind: "confinement" | "proposed" | "none";
  /** Why this court, in words a lawyer checks. */
  basis: string;
  warnings: string[];
};

const DC = "District of Columbia";

function districtCourt(g: Geography, id: string | undefined) {
  const d = id ? g.districts.get(id) : undefined;
  return d ? { court: courtName(d), district: d } : undefined;
}

function dcCourt(g: Geography) {
  return districtCourt(g, DC);
}

const OUTSIDE_REASON =
  "No federal district contains the place of confinement. Habeas petitions for people held by the United States outside every district (Guantánamo, or abroad at its request) have been heard in the District of Columbia, where the federal respondents who direct the custody are found (see Rasul v. Bush, 542 U.S. 466 (2004); Boumediene v. Bush, 553 U.S. 723 (2008)).";

/**
 * The court for a habeas petition. In a district: that district (28 U.S.C. § 2241(a); Rumsfeld v. Padilla,
 * 542 U.S. 426 (2004); Trump v. J.G.G. (2025) for Alien Enemies Act challenges). Outside every district,
 * abroad or unknown: a proposal with its reason and the warning that counsel decides.
 */
export function chooseCourt(c: Confinement, g: Geography): CourtChoice {
  const warnings: string[] = [];
  if (c.kind === "facility") {
    const p = c.facility.placement;
    if (!p || p.status === "unknown") {
      const stateDistricts = [...g.districts.values()].filter((d) => d.state === c.facility.state);
      return {
        kind: "none",
        basis: `${c.facility.name} is on record, but its county is not: ${p?.basis ?? "the facility has not been placed on the court map"}.`,
        warnings: [
          `The district of confinement is unknown: record the facility's address or county, then draft again.${stateDistricts.length ? ` ${c.facility.state} has ${stateDistricts.length} districts: ${stateDistricts.map((d) => d.abbreviation).join(", ")}.` : ""}`,
        ],
      };
    }
    if (p.status === "outside") {
      const dc = dcCourt(g);
      return {
        ...dc,
        kind: "proposed",
        basis: `${c.facility.name}: ${p.basis}. ${OUTSIDE_REASON}`,
        warnings: [
          "Proposed court only: the place of confinement is in no federal district. Counsel must decide where to file.",
        ],
      };
    }
    const d = districtCourt(g, p.district);
    if (!d) return { kind: "none", basis: `district ${p.district} is not in the district table`, warnings };
    if (p.status === "review")
      warnings.push(`Check the district: ${p.note ?? "the facility's ZIP code spans districts"}.`);
    if (p.status === "reviewed" && p.note) warnings.push(`District set by a reviewed override: ${p.note}.`);
    const county = p.countyName ? ` (${p.countyName.replace(/^County of /, "")} County)` : "";
    return {
      ...d,
      division: p.division,
      kind: "confinement",
      basis: `The petitioner is confined at ${c.facility.name}${c.facility.city ? `, ${c.facility.city}, ${c.facility.state ?? ""}` : ""}${county}, within the ${d.district.name}: the district of confinement (28 U.S.C. § 2241(a); Rumsfeld v. Padilla, 542 U.S. 426, 443 (2004)). Placement: ${p.basis}.`,
      warnings,
    };
  }
  if (c.kind === "abroad") {
    const dc = dcCourt(g);
    const last = c.lastInUs?.placement?.district
      ? districtCourt(g, c.lastInUs.placement.district)
      : undefined;
    return {
      ...dc,
      kind: "proposed",
      basis: `The petitioner is held outside the United States (${c.country}${c.facility ? `, ${c.facility.name}` : ""}), in no federal district. ${OUTSIDE_REASON}${last ? ` An alternative is the ${last.district.name}, where the petitioner was last held in the United States (${c.lastInUs!.name}).` : ""}`,
      warnings: [
        "Proposed court only: the petitioner is held abroad. Counsel must decide where to file and whether habeas or another action fits.",
      ],
    };
  }
  if (c.kind === "released") {
    return {
      kind: "none",
      basis: "The record shows the person released from custody.",
      warnings: [
        "The record shows no current custody: habeas corpus needs the petitioner to be in custody (28 U.S.C. § 2241(c)). Check before filing.",
      ],
    };
  }
  const last = c.lastInUs?.placement?.district ? districtCourt(g, c.lastInUs.placement.district) : undefined;
  if (last) {
    return {
      ...last,
      division: c.lastInUs!.placement!.division,
      kind: "proposed",
      basis: `The current place of confinement is unknown${c.place ? ` (the record says "${c.place}")` : ""}. The last known place was ${c.lastInUs!.name}, in the ${last.district.name}. When the government has not disclosed where a person is held, filing in the district of the last known confinement, naming the officials who control the custody, lets a court act at once.`,
      warnings: [
        "Proposed court only: the current facility is unknown. Confirm where the petitioner is held (ICE detainee locator, the field office) before filing.",
      ],
    };
  }
  return {
    kind: "none",
    basis: "The record does not say where the person is held.",
    warnings: [
      "No court can be proposed: the record has no place of confinement. Record the facility, then draft again.",
    ],
  };
}

export type Official = {
  role: string;
  title: string;
  name?: string;
  aor?: string;
  since: string;
  source?: string;
};

export type Respondent = {
  role: "immediate_custodian" | "field_office_director" | string;
  /** "Warden of Stewart Detention Center", "Acting Director, U.S. Immigration and Customs Enforcement". */
  title: string;
  name?: string;
  /** Data date of a named official, so counsel checks they are still in office. */
  asOf?: string;
  why: string;
};

/** The official in force on a date for a role (and AOR), the latest one that started on or before it. */
export function officialOn(
  officials: readonly Official[],
  role: string,
  date: string,
  aor?: string,
): Official | undefined {
  return officials
    .filter(
      (o) =>
        o.role === role &&
        (aor === undefined || o.aor?.toUpperCase() === aor.toUpperCase()) &&
        o.since <= date,
    )
    .sort((a, b) => b.since.localeCompare(a.since))[0];
}

/** Respondents: the immediate custodian, the field office director, and the federal officials on record. */
export function respondentsFor(
  c: Confinement,
  officials: readonly Official[],
  date: string,
  fieldOffice?: { name: string; aor: string },
): Respondent[] {
  const out: Respondent[] = [];
  const f = c.kind === "facility" ? c.facility : undefined;
  if (f) {
    const title = f.head?.title ?? "Warden or Facility Administrator";
    out.push({
      role: "immediate_custodian",
      title: `${title}, ${f.name}`,
      name: f.head?.name,
      why: "the immediate custodian, who has day-to-day control of the petitioner (Rumsfeld v. Padilla, 542 U.S. 426, 434–35 (2004))",
    });
  }
  if (fieldOffice) {
    const o = officialOn(officials, "field_office_director", date, fieldOffice.aor);
    out.push({
      role: "field_office_director",
      title: `Field Office Director, ${fieldOffice.name}, U.S. Immigration and Customs Enforcement`,
      name: o?.name,
      asOf: o?.name ? o.since : undefined,
      why: `directs ICE detention in the ${fieldOffice.aor} Area of Responsibility, where the petitioner is held`,
    });
  } else if (f) {
    out.push({
      role: "field_office_director",
      title: `Field Office Director of the ICE field office responsible for ${f.name}`,
      why: "directs ICE detention where the petitioner is held (the Area of Responsibility is not on record: fill it in)",
    });
  }
  const national = [
    ...new Set(officials.filter((o) => !o.aor && o.role !== "field_office_director").map((o) => o.role)),
  ];
  for (const role of national) {
    const o = officialOn(officials, role, date);
    if (!o) continue;
    out.push({
      role,
      title: o.title,
      name: o.name,
      asOf: o.since,
      why: "has legal authority over the petitioner's custody and removal",
    });
  }
  return out;
}
