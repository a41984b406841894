// `habeas cases export|import`: a team's cases as a spreadsheet (CSV or XLSX), and edits back as proposals.
import { readFile, writeFile } from "node:fs/promises";
import { basename } from "node:path";
import { badInput } from "../../domain/errors.ts";
import { OPERATOR } from "../../domain/policy.ts";
import type { SheetName } from "../../services/spreadsheet.ts";
import { args, type Command } from "../context.ts";
import { printJson } from "../output.ts";

export const casesExport: Command = {
  name: "cases export",
  summary: "write a team's cases (people, events, deadlines) as XLSX, or one sheet as CSV",
  usage: "cases export --out FILE [--team T] [--format xlsx|csv] [--sheet people|events|deadlines] [--json]",
  async run(ctx, argv) {
    const { values } = args(argv, {
      out: { type: "string" },
      team: { type: "string" },
      format: { type: "string" },
      sheet: { type: "string", default: "people" },
    });
    if (!values.out) throw badInput("give --out FILE");
    const format = values.format ?? (values.out.toLowerCase().endsWith(".csv") ? "csv" : "xlsx");
    if (format !== "csv" && format !== "xlsx") throw badInput("--format is csv or xlsx");
    // Loaded when the command runs (the spreadsheet libraries are not small): see commands/index.ts.
    const { exportCases, SHEETS, sheetsToXlsx, sheetToCsv } = await import("../../services/spreadsheet.ts");
    if (!(SHEETS as readonly string[]).includes(values.sheet))
      throw badInput(`--sheet is one of ${SHEETS.join(", ")}`);
    const { db } = await ctx.store();
    // A CSV holds one sheet: only that one is computed.
    const sheets = await exportCases(db, OPERATOR, {
      team: values.team,
      ...(format === "csv" ? { only: values.sheet as SheetName } : {}),
    });
    const sheet = sheets.find((s) => s.name === values.sheet);
    const data = format === "csv" && sheet ? sheetToCsv(sheet) : await sheetsToXlsx(sheets);
    await writeFile(values.out, data);
    const counts = Object.fromEntries(sheets.map((s) => [s.name, s.rows.length]));
    if (ctx.out.json) printJson(ctx.out, { out: values.out, format, ...counts });
    else
      ctx.out.write(
        `${values.out}: ${format === "csv" ? `${values.sheet} sheet, ${sheet?.rows.length ?? 0} rows` : `${counts.people} people, ${counts.events} events, ${counts.deadlines} deadlines`}`,
      );
    return 0;
  },
};

export const casesImport: Command = {
  name: "cases import",
  summary: "propose the edits of a cases spreadsheet for review (problems listed by row and column)",
  usage: "cases import <file.xlsx|file.csv> [--json]",
  async run(ctx, argv) {
    const { positionals } = args(argv, {});
    const file = positionals[0];
    if (!file || positionals.length > 1) throw badInput("give exactly one spreadsheet");
    const bytes = await readFile(file).catch(() => {
      throw badInput(`file not found: ${file}`);
    });
    const { importCasesSheet } = await import("../../services/spreadsheet.ts");
    const { db } = await ctx.store();
    const r = await importCasesSheet(db, { name: basename(file), bytes }, OPERATOR);
    if (ctx.out.json) printJson(ctx.out, r);
    else if (!r.problems.length)
      ctx.out.write(
        `${file}: ${r.proposals} change(s) proposed for review (habeas review list); ${r.unchanged} row(s) unchanged`,
      );
    for (const p of ctx.out.json ? [] : r.problems)
      ctx.out.error(`  ${p.sheet} row ${p.row}, column ${p.column}: ${p.message}`);
    if (r.problems.length) {
      ctx.out.error(`habeas: ${r.problems.length} problem(s); nothing was proposed`);
      return 2;
    }
    return 0;
  },
};
