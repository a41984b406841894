// `habeas people list|show|search`: read the case record from the command line.
import type { CustodyStep } from "../../domain/custody.ts";
import { badInput } from "../../domain/errors.ts";
import { OPERATOR } from "../../domain/policy.ts";
import { args, type Command, PAGE_OPTIONS, pageOf } from "../context.ts";
import { printJson, printMatches, printPageFooter, printTable } from "../output.ts";

export const peopleList: Command = {
  name: "people list",
  summary: "list people (and group records) in the record",
  usage: "people list [--limit N] [--offset N] [--json]",
  async run(ctx, argv) {
    const { countPeopleFor, listPeopleFor } = await import("../../services/person-record.ts");
    const { values } = args(argv, PAGE_OPTIONS);
    const { limit, offset } = pageOf(values);
    const { db } = await ctx.store();
    const [people, total] = await Promise.all([
      listPeopleFor(db, OPERATOR, { limit, offset }),
      countPeopleFor(db, OPERATOR),
    ]);
    if (ctx.out.json) {
      printJson(ctx.out, people);
      return 0;
    }
    if (people.length)
      printTable(
        ctx.out,
        ["id", "name", "kind", "nationality", "status"],
        people.map((p) => [
          p.id,
          p.full_name + (p.unverified ? " (unverified)" : ""),
          p.kind === "group" ? `group of ${p.group_size ?? "?"}` : "person",
          p.nationalities?.join(", "),
          p.citizenship_status,
        ]),
      );
    printPageFooter(
      ctx.out,
      { offset, shown: people.length, total },
      "people",
      "no people recorded yet (try: habeas init --demo)",
    );
    return 0;
  },
};

export const peopleShow: Command = {
  name: "people show",
  summary: "show one person's record: identity, timeline with sources, court orders",
  usage: "people show <id> [--json]",
  async run(ctx, argv) {
    const { formatWhen } = await import("../../domain/time.ts");
    const { getPersonRecord } = await import("../../services/person-record.ts");
    const { positionals } = args(argv, {});
    const id = positionals[0];
    if (!id || positionals.length > 1) throw badInput("give exactly one person id (see habeas people list)");
    const { db } = await ctx.store();
    const r = await getPersonRecord(db, id, OPERATOR);
    if (ctx.out.json) {
      printJson(ctx.out, r);
      return 0;
    }
    const p = r.person;
    const srcIndex = new Map(r.sources.map((s, i) => [s.id, i + 1]));
    const refs = (cs: { source: string }[]) =>
      cs.length ? cs.map((c) => `[${srcIndex.get(c.source)}]`).join("") : "UNVERIFIED";
    const o = ctx.out;
    o.write(`${p.full_name}${p.aliases?.length ? ` (also: ${p.aliases.join("; ")})` : ""}`);
    if (p.kind === "group")
      o.write(`Group record: ${p.group_size ?? "?"} people. ${p.group_definition ?? ""}`);
    o.write(`Nationality: ${p.nationalities?.join(", ") || "unknown"} · status: ${p.citizenship_status}`);
    for (const pr of p.protections ?? [])
      o.write(`Protection: ${pr.kind} for ${pr.country}${pr.granted_on ? ` (${pr.granted_on})` : ""}`);
    if (p.summary) o.write(`\n${p.summary}`);
    if (r.custody.length) {
      const names = new Map(r.facilities.map((f) => [f.id, f.name]));
      o.write(`\nCustody: ${r.custody.map((c) => custodyStepText(c, names)).join(" → ")}`);
      o.write(`Now: ${r.now.status}${r.now.since ? ` since ${r.now.since.day}` : ""}`);
    }
    o.write("\nTimeline:");
    printTable(
      o,
      ["when", "event", "what", "sources"],
      r.events.map((e) => [formatWhen(e), e.type, e.summary, refs(e.citations)]),
    );
    if (r.orders.length) {
      o.write("\nCourt orders:");
      printTable(
        o,
        ["issued", "kind", "order", "sources"],
        r.orders.map((x) => [
          formatWhen({ at: x.issued_at, precision: x.precision, tz: x.tz }),
          x.kind,
          x.summary,
          refs(x.citations),
        ]),
      );
    }
    o.write("\nSources:");
    for (const s of r.sources)
      o.write(`[${srcIndex.get(s.id)}] ${s.publisher}: ${s.title}${s.url ? ` — ${s.url}` : ""}`);
    return 0;
  },
};

export const peopleSearch: Command = {
  name: "people search",
  summary: "find people by name, tolerating misspellings and missing accents",
  usage: "people search <name> [--json]",
  async run(ctx, argv) {
    const { searchPeople } = await import("../../services/search-people.ts");
    const { positionals } = args(argv, { limit: { type: "string", default: "10" } });
    const { db } = await ctx.store();
    const matches = await searchPeople(db, positionals.join(" "), OPERATOR);
    printMatches(ctx.out, matches, ["score", "id", "name"], (m) => [
      m.score.toFixed(2),
      m.person.id,
      m.person.full_name,
    ]);
    return 0;
  },
};

/** A custody step in English words for the terminal ("held at CECOT (SV)", "removed to SV"). */
function custodyStepText(c: CustodyStep, facilities: Map<string, string>): string {
  const at = "facility" in c && c.facility ? (facilities.get(c.facility) ?? c.facility) : undefined;
  const where = [at ?? ("place" in c ? c.place : undefined), c.country ? `(${c.country})` : undefined]
    .filter(Boolean)
    .join(" ");
  switch (c.kind) {
    case "held":
      return where ? `held at ${where}` : "held";
    case "foreign_custody":
      return where ? `in foreign custody at ${where}` : "in foreign custody";
    case "removed":
      return `removed to ${c.country ?? "?"}`;
    case "released":
      return where ? `released ${where}` : "released";
    case "returned":
      return `returned${c.country ? ` to ${c.country}` : ""}`;
  }
}
