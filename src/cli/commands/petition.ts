// `habeas petition draft|filed|officials`: the § 2241 petition draft for a person, marking it filed, and
// the officials it names.
import { writeFile } from "node:fs/promises";
import { badInput } from "../../domain/errors.ts";
import { OPERATOR } from "../../domain/policy.ts";
import { args, type Command } from "../context.ts";
import { printJson, printTable } from "../output.ts";

export const petitionDraft: Command = {
  name: "petition draft",
  summary: "draft a habeas petition (28 U.S.C. § 2241) for a person in the district of confinement",
  usage: "petition draft <person-id> [--out FILE.docx] [--next-friend NAME] [--json]",
  async run(ctx, argv) {
    const { draftPetition } = await import("../../services/petition.ts");
    const { petitionDocx } = await import("../../services/petition-document.ts");
    const { positionals, values } = args(argv, {
      out: { type: "string" },
      "next-friend": { type: "string" },
    });
    if (positionals.length !== 1) throw badInput("give exactly one person id (see habeas people list)");
    if (values.out !== undefined && !/\.docx$/i.test(values.out))
      throw badInput("--out must name a .docx file");
    const { db } = await ctx.store();
    const d = await draftPetition(db, positionals[0]!, OPERATOR, { nextFriend: values["next-friend"] });
    if (values.out) await writeFile(values.out, await petitionDocx(d));
    if (ctx.out.json) {
      printJson(ctx.out, {
        draft: d.id,
        court: d.court ?? null,
        district: d.district ?? null,
        division: d.division ?? null,
        basis: d.basis,
        respondents: d.respondents,
        facility: d.facility ?? null,
        warnings: d.warnings,
        ...(values.out ? { out: values.out } : {}),
      });
      return 0;
    }
    const o = ctx.out;
    o.write(`Draft ${d.id} for ${d.petitioner}${d.nextFriend ? ` (next friend: ${d.nextFriend})` : ""}`);
    o.write(
      `Court: ${d.court ?? "NONE PROPOSED"}${d.courtKind === "proposed" ? " (PROPOSED — counsel decides)" : ""}`,
    );
    if (d.district)
      o.write(
        `District: ${d.district.name} (${d.district.abbreviation})${d.division ? ` · ${d.division}` : ""}`,
      );
    if (d.facility) o.write(`Facility: ${d.facility.name} [${d.facility.id}]`);
    o.write(`Basis: ${d.basis}`);
    o.write("Respondents:");
    for (const r of d.respondents) o.write(`  - ${r.name ? `${r.name}, ` : ""}${r.title}`);
    for (const w of d.warnings) o.write(`WARNING: ${w}`);
    o.write(values.out ? `Wrote ${values.out}` : "Give --out FILE.docx to write the document.");
    return 0;
  },
};

export const petitionFiled: Command = {
  name: "petition filed",
  summary: "mark a petition draft filed (date, court, docket number): creates the legal matter",
  usage: "petition filed <draft-id> --date YYYY-MM-DD --court NAME --docket NUMBER [--json]",
  async run(ctx, argv) {
    const { markPetitionFiled } = await import("../../services/petition.ts");
    const { positionals, values } = args(argv, {
      date: { type: "string" },
      court: { type: "string" },
      docket: { type: "string" },
    });
    if (positionals.length !== 1)
      throw badInput("give exactly one draft id (printed by habeas petition draft)");
    const { db } = await ctx.store();
    const r = await markPetitionFiled(
      db,
      positionals[0]!,
      { filed_on: values.date ?? "", court: values.court ?? "", docket_number: values.docket ?? "" },
      OPERATOR,
    );
    if (ctx.out.json) printJson(ctx.out, r);
    else ctx.out.write(`Draft ${r.draft} marked filed; legal matter ${r.matter} created.`);
    return 0;
  },
};

export const petitionOfficials: Command = {
  name: "petition officials",
  summary:
    "list the officials petitions name, or set one: --set --role R --title T [--name N] --since DATE [--aor XXX]",
  usage:
    "petition officials [--set --role ROLE --title TITLE [--name NAME] --since YYYY-MM-DD [--aor AOR] [--source TEXT]] [--json]",
  async run(ctx, argv) {
    const { listOfficials, setOfficial } = await import("../../services/petition.ts");
    const { values } = args(argv, {
      set: { type: "boolean", default: false },
      role: { type: "string" },
      title: { type: "string" },
      name: { type: "string" },
      since: { type: "string" },
      aor: { type: "string" },
      source: { type: "string" },
    });
    const { db } = await ctx.store();
    if (values.set) {
      const id = await setOfficial(
        db,
        {
          role: values.role,
          title: values.title,
          name: values.name,
          since: values.since,
          aor: values.aor,
          source: values.source,
        },
        OPERATOR,
      );
      if (ctx.out.json) printJson(ctx.out, { id });
      else ctx.out.write(`Saved official ${id}`);
      return 0;
    }
    const list = await listOfficials(db);
    if (ctx.out.json) {
      printJson(ctx.out, list);
      return 0;
    }
    printTable(
      ctx.out,
      ["role", "AOR", "title", "name", "since", "where"],
      list.map((o) => [
        o.role,
        o.aor,
        o.title,
        o.name,
        o.since,
        o.edited ? "this store" : "data/petition/officials.csv",
      ]),
    );
    return 0;
  },
};
