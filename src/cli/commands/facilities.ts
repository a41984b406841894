// `habeas facilities search|show|review`: the facility registry with its county, federal district and
// ICE field office.
import { badInput } from "../../domain/errors.ts";
import { OPERATOR } from "../../domain/policy.ts";
import type { FacilityDetail } from "../../services/facility-registry.ts";
import { args, type Command } from "../context.ts";
import { printJson, printMatches, printTable } from "../output.ts";

export function describeFacility(f: FacilityDetail): string[] {
  const lines = [`${f.name}  [${f.id}]`];
  const codes = Object.entries(f.codes)
    .map(([k, v]) => `${k} ${v}`)
    .join(", ");
  if (codes) lines.push(`Codes: ${codes}`);
  const address = [
    f.address,
    f.city,
    [f.state, f.zip].filter(Boolean).join(" "),
    f.country === "US" ? "" : f.country,
  ]
    .filter(Boolean)
    .join(", ");
  lines.push(`Address: ${address || "not on record"}`);
  lines.push(
    `Type: ${f.kind}${f.codes.ICE_TYPE ? ` (ICE ${f.codes.ICE_TYPE})` : ""}${f.operator ? ` · operator ${f.operator}` : ""}`,
  );
  lines.push(`County: ${f.county ? `${f.county.name ?? ""} (FIPS ${f.county.fips})` : "unknown"}`);
  if (f.district)
    lines.push(
      `District: ${f.district.name} (${f.district.abbreviation})${f.district.division ? ` · ${f.district.division}` : ""}`,
    );
  else
    lines.push(
      `District: ${f.placement.status === "outside" ? "outside every federal district" : "unknown"}`,
    );
  lines.push(`How placed: ${f.placement.basis}`);
  if (f.needsReview) lines.push(`REVIEW: ${f.placement.note ?? "the district needs a person's check"}`);
  else if (f.placement.status === "reviewed") lines.push(`Reviewed: ${f.placement.note ?? ""}`);
  lines.push(
    `Area of Responsibility: ${f.aor ?? "unknown"}${f.fieldOffice ? ` · ${f.fieldOffice.name}${f.fieldOffice.city ? ` (${[f.fieldOffice.street, f.fieldOffice.city, f.fieldOffice.state].filter(Boolean).join(", ")})` : ""}` : ""}`,
  );
  if (f.head?.name || f.head?.title)
    lines.push(`Head: ${[f.head.name, f.head.title].filter(Boolean).join(", ")}`);
  if (f.aliases.length) {
    lines.push("Also called:");
    for (const a of f.aliases) lines.push(`  ${a.alias}  (${a.source})`);
  }
  return lines;
}

export const facilitiesSearch: Command = {
  name: "facilities search",
  summary: "find facilities by name or alias, tolerating accents, abbreviations and typos",
  usage: "facilities search <words> [--limit N] [--json]",
  async run(ctx, argv) {
    const { searchFacilities } = await import("../../services/facility-registry.ts");
    const { positionals, values } = args(argv, { limit: { type: "string", default: "10" } });
    const q = positionals.join(" ").trim();
    if (!q) throw badInput("give words to search for (e.g. habeas facilities search stewart)");
    const limit = Number(values.limit);
    if (!Number.isInteger(limit) || limit < 1 || limit > 50)
      throw badInput("--limit must be a whole number from 1 to 50");
    const { db } = await ctx.store();
    const hits = await searchFacilities(db, q, limit);
    printMatches(ctx.out, hits, ["score", "id", "name", "place", "matched"], (h) => [
      h.score.toFixed(2),
      h.id,
      h.name,
      [h.city, h.state, h.country === "US" ? "" : h.country].filter(Boolean).join(", "),
      h.matched === h.name ? "" : h.matched,
    ]);
    return 0;
  },
};

export const facilitiesShow: Command = {
  name: "facilities show",
  summary: "one facility: aliases, address, county, federal district, ICE field office, review flag",
  usage: "facilities show <id> [--json]",
  async run(ctx, argv) {
    const { getFacilityDetail } = await import("../../services/facility-registry.ts");
    const { positionals } = args(argv, {});
    if (positionals.length !== 1)
      throw badInput("give exactly one facility id (see habeas facilities search)");
    const { db } = await ctx.store();
    const f = await getFacilityDetail(db, positionals[0]!);
    if (ctx.out.json) printJson(ctx.out, f);
    else for (const l of describeFacility(f)) ctx.out.write(l);
    return 0;
  },
};

export const facilitiesReview: Command = {
  name: "facilities review",
  summary: "facilities whose federal district needs a person's check (ZIP spanning districts, no county)",
  usage: "facilities review [--refresh] [--json]",
  async run(ctx, argv) {
    const { facilitiesForReview, placeFacilities } = await import("../../services/facility-registry.ts");
    const { values } = args(argv, { refresh: { type: "boolean", default: false } });
    const { db } = await ctx.store();
    // After an edit of the overrides table: place every facility again.
    if (values.refresh) await placeFacilities(db);
    const list = await facilitiesForReview(db);
    // ZIPs that span districts first: a wrong court is worse than an unknown one.
    list.sort((a, b) => Number(b.placement.status === "review") - Number(a.placement.status === "review"));
    if (ctx.out.json) {
      printJson(ctx.out, list);
      return 0;
    }
    if (!list.length) {
      ctx.out.write("nothing to review: every facility has a district or is outside every district");
      return 0;
    }
    printTable(
      ctx.out,
      ["id", "name", "state", "ZIP", "why"],
      list.map((f) => [f.id, f.name, f.state, f.zip, f.placement.note ?? f.placement.basis]),
    );
    ctx.out.write(
      `${list.length} to review. Record the right county in data/courts/facility-overrides.csv (with the reason), then run habeas facilities review --refresh.`,
    );
    return 0;
  },
};

export const facilitiesSetHead: Command = {
  name: "facilities set-head",
  summary: "record the warden or administrator a petition names as the immediate custodian",
  usage: "facilities set-head <id> --name NAME [--title TITLE] [--json]",
  async run(ctx, argv) {
    const { getFacilityDetail, setFacilityHead } = await import("../../services/facility-registry.ts");
    const { positionals, values } = args(argv, { name: { type: "string" }, title: { type: "string" } });
    if (positionals.length !== 1)
      throw badInput("give exactly one facility id (see habeas facilities search)");
    const { db } = await ctx.store();
    await setFacilityHead(db, positionals[0]!, { name: values.name, title: values.title }, OPERATOR);
    const f = await getFacilityDetail(db, positionals[0]!);
    if (ctx.out.json) printJson(ctx.out, { id: f.id, head: f.head ?? null });
    else ctx.out.write(`${f.name}: ${[f.head?.name, f.head?.title].filter(Boolean).join(", ")}`);
    return 0;
  },
};
